"""In Chromium: the live editor's Markdown toolbar and shortcuts, and a plain-editor save arriving in it.

The toolbar and shortcuts write the Markdown the Word export understands (headings, bold,
italic, lists, links, tables) as ordinary shared edits. A co-author without a live connection
saves from the plain editor; the text appears in the open live editor of the other at once,
taken in as an edit (on SQLite, one process: the save pokes the room directly).
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, wait_for_app
from tests.e2e.editor_steps import editor, open_section

pytestmark = pytest.mark.e2e

APPLICATION = "Low-cost hearing screening in primary schools"


def live_content(page):
    return page.get_by_test_id("live-editor").locator(".cm-content")


def tool(page, title: str):
    return page.get_by_test_id("live-editor").get_by_role("button", name=title)


def keys(page, *names: str) -> None:
    for name in names:
        page.keyboard.press(name)


def start_typing_at_the_end(page) -> None:
    expect(live_content(page)).to_have_count(1, timeout=15_000)
    expect(page.get_by_test_id("live-status")).to_have_attribute("data-status", "connected")
    live_content(page).click()
    page.keyboard.press("ControlOrMeta+End")


def test_the_toolbar_and_shortcuts_write_the_markdown_the_export_reads(live_app, new_page):
    page = new_page()
    open_section(page, live_app, "hana", APPLICATION, "Research team", plain=False)
    expect(live_content(page)).to_contain_text("Dr Hana Kim (lead) has run", timeout=15_000)  # the demo's text, synced
    start_typing_at_the_end(page)

    keys(page, "Enter", "Enter")
    page.keyboard.type("Team", delay=10)
    page.keyboard.press("Shift+Home")
    tool(page, "Heading").click()
    keys(page, "End", "Enter", "Enter")
    page.keyboard.type("Hana leads ", delay=10)
    page.keyboard.press("ControlOrMeta+b")  # nothing selected: a placeholder word in bold
    page.keyboard.press("End")
    page.keyboard.type(" and ", delay=10)
    keys(page, "ControlOrMeta+i", "End", "ControlOrMeta+k", "End", "Enter", "Enter")
    page.keyboard.type("audiology", delay=10)
    page.keyboard.press("Enter")
    page.keyboard.type("nurses", delay=10)
    page.keyboard.press("Shift+ArrowUp")
    tool(page, "Numbered list").click()  # each selected line numbered
    page.keyboard.press("ControlOrMeta+Home")
    tool(page, "Bulleted list").click()
    page.keyboard.press("ControlOrMeta+End")
    tool(page, "Table").click()

    content = live_content(page)
    expected = ("- Dr Hana Kim", "## Team", "Hana leads **text** and *text*[text](https://)", "1. audiology2. nurses")
    for markdown in expected:
        expect(content).to_contain_text(markdown)
    expect(content).to_contain_text("| Column | Column |")
    expect(content).to_contain_text("| --- | --- |")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "live-editor-toolbar.png", full_page=True)


def test_a_plain_editor_save_appears_in_an_open_live_editor(live_app, new_page):
    hana, wiremu = new_page(), new_page()
    open_section(hana, live_app, "hana", APPLICATION, "Budget justification", plain=False)
    start_typing_at_the_end(hana)
    open_section(wiremu, live_app, "wiremu", APPLICATION, "Budget justification")

    saved = "Wiremu saved this without a live connection."
    editor(wiremu).fill(saved)
    wiremu.get_by_role("button", name="Save").click()
    wait_for_app(wiremu)
    expect(wiremu.get_by_text("saved by Dr Wiremu Tane").first).to_be_visible(timeout=15_000)

    # Hana does not type: only the save itself can bring Wiremu's text into her open editor.
    expect(live_content(hana)).to_have_text(saved, timeout=10_000)
    expect(hana.get_by_text("This section: 7 words")).to_be_visible()  # the count follows it too
    ARTIFACTS.mkdir(exist_ok=True)
    hana.screenshot(path=ARTIFACTS / "live-editor-plain-save.png", full_page=True)
