"""In Chromium: two co-authors edit the same section; the second save is shown as a conflict.

Also checks that the count follows typing before the text area loses focus, and that each
sees the other in the section's presence line.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_app
from tests.e2e.editor_steps import editor, open_section

pytestmark = pytest.mark.e2e

APPLICATION = "Low-cost hearing screening in primary schools"
SECTION = "Aims and hypotheses"


def test_second_saver_sees_the_conflict_and_keeps_both_texts(live_app, new_page):
    hana, wiremu = new_page(), new_page()
    open_section(hana, live_app, "hana", APPLICATION, SECTION)
    open_section(wiremu, live_app, "wiremu", APPLICATION, SECTION)

    editor(hana).fill("Hana's aims: measure accuracy, follow-up and cost.")
    editor(wiremu).click()
    wiremu.keyboard.press("ControlOrMeta+a")
    wiremu.keyboard.type("Wiremu's aims for the whānau", delay=20)
    # The count follows typing while the text area still has focus.
    wiremu.get_by_text(re.compile(r"This section: 5 words")).wait_for()

    hana.get_by_role("button", name="Save").click()
    wait_for_app(hana)
    hana.get_by_text(re.compile(r"r2 saved by Dr Hana Kim")).wait_for()
    hana.get_by_text(re.compile(r"Also editing this section now: Dr Wiremu Tane")).wait_for()

    wiremu.get_by_role("button", name="Save").click()
    wait_for_app(wiremu)
    wiremu.get_by_text(re.compile(r"Dr Hana Kim saved this section .* nothing is lost")).wait_for()
    expect(wiremu.get_by_text("Hana's aims: measure accuracy, follow-up and cost.").first).to_be_visible()
    expect(wiremu.get_by_text("Wiremu's aims for the whānau").first).to_be_visible()

    wiremu.get_by_role("button", name="Keep my text").click()
    wait_for_app(wiremu)
    wiremu.get_by_text(re.compile(r"Saved as revision 4; the conflict is resolved")).wait_for()
    wiremu.get_by_text(re.compile(r"r4 saved by Dr Wiremu Tane")).wait_for()
    expect(editor(wiremu)).to_have_value("Wiremu's aims for the whānau")
