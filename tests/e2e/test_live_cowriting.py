"""In Chromium: two co-authors type in the same section at once, live.

Both see both texts, each other in the presence list, and the count following the shared text.
Screenshots go to test-artifacts/ to be looked at.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.editor_steps import open_section

pytestmark = pytest.mark.e2e

APPLICATION = "Low-cost hearing screening in primary schools"
SECTION = "Summary"
HANA = "Hana writes about the cost of screening."
WIREMU = "Wiremu adds the whānau view."


def live_editor(page):
    return page.get_by_test_id("live-editor").locator(".cm-content")


def interleaved_typing(first, first_text: str, second, second_text: str) -> None:
    """Each types a word in turn, at the end of the text, so both are typing at the same time."""
    for page in (first, second):
        # Until a rerun of the editor ends, the element of the earlier run can still show beside the new one.
        expect(live_editor(page)).to_have_count(1, timeout=15_000)
        live_editor(page).click()
        page.keyboard.press("ControlOrMeta+End")
    first_words, second_words = first_text.split(" "), second_text.split(" ")
    for index in range(max(len(first_words), len(second_words))):
        for page, words in ((first, first_words), (second, second_words)):
            if index < len(words):
                page.keyboard.type(words[index] + " ", delay=10)


def test_two_coauthors_type_together_and_see_each_other(live_app, new_page):
    hana, wiremu = new_page(), new_page()
    open_section(hana, live_app, "hana", APPLICATION, SECTION, plain=False)
    open_section(wiremu, live_app, "wiremu", APPLICATION, SECTION, plain=False)
    for page in (hana, wiremu):
        expect(page.get_by_test_id("live-status")).to_have_attribute("data-status", "connected")

    interleaved_typing(hana, HANA, wiremu, WIREMU)

    words = len((HANA + " " + WIREMU).split())
    for page in (hana, wiremu):
        expect(live_editor(page)).to_contain_text(re.compile(r"Hana\s+.*screening\."))
        for word in (HANA + " " + WIREMU).split():
            expect(live_editor(page)).to_contain_text(word)
        presence = page.get_by_test_id("live-presence")
        expect(presence).to_contain_text("Dr Hana Kim")
        expect(presence).to_contain_text("Dr Wiremu Tane")
        expect(page.get_by_text(f"This section: {words} words")).to_be_visible()
    # Each sees the other's cursor in the other's colour, labelled with their name (shown on hover).
    for page, other in ((hana, "Dr Wiremu Tane"), (wiremu, "Dr Hana Kim")):
        caret = page.locator(".cm-ySelectionCaret").filter(has=page.locator(".cm-ySelectionInfo", has_text=other))
        expect(caret).to_have_count(1)
        chip = page.get_by_test_id("live-presence").locator(".person", has_text=other)
        colour = chip.evaluate("e => getComputedStyle(e).borderTopColor")
        assert caret.evaluate("e => getComputedStyle(e).backgroundColor") == colour
        caret.hover()
        expect(caret.locator(".cm-ySelectionInfo")).to_have_css("opacity", "1")
        # Not cut off by the top of the editor, even on the first line.
        label, box = caret.locator(".cm-ySelectionInfo").bounding_box(), page.locator(".cm-scroller").bounding_box()
        assert label["y"] >= box["y"]
    ARTIFACTS.mkdir(exist_ok=True)
    hana.screenshot(path=ARTIFACTS / "live-cowriting-hana.png", full_page=True)
    wiremu.screenshot(path=ARTIFACTS / "live-cowriting-wiremu.png", full_page=True)
