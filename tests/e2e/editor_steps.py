"""Browser steps on the Application editor page, shared by the editor's browser tests."""

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in, wait_for_app

RESEARCHER_PASSWORD = "demo-researcher-2026"  # pragma: allowlist secret (the demo password, shown on its sign-in page)


def choose(page, label: str, option: str, tries: int = 3) -> None:
    """Pick an option; a rerun that redraws the open list detaches the option, so open it again."""
    for attempt in range(tries):
        box = page.get_by_test_id("stSelectbox").filter(has_text=label).first
        box.scroll_into_view_if_needed()
        box.locator("input").click()
        page.keyboard.type(option)
        try:
            page.get_by_role("option", name=re.compile(re.escape(option))).first.click(timeout=10_000)
            break
        except PlaywrightTimeoutError:
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")
            wait_for_app(page)
    wait_for_app(page)


def editor(page):
    return page.locator("[class*='st-key-editor_body_'] textarea")


def choose_section(page, section: str, tries: int = 3) -> None:
    """Pick the section; on a busy machine a rerun still running can drop the pick, so pick again."""
    for attempt in range(tries):
        choose(page, "Section to edit", section)
        try:
            page.get_by_role("heading", name=section).wait_for(timeout=15_000)
            return
        except PlaywrightTimeoutError:
            if attempt == tries - 1:
                raise


def open_section(page, base_url: str, username: str, application: str, section: str, plain: bool = True) -> None:
    """Open a section; plain=True switches to the plain editor (the no-WebSocket fallback)."""
    sign_in(page, base_url, username, RESEARCHER_PASSWORD)
    page.goto(f"{base_url}/application_editor_page")
    wait_for_app(page)
    choose(page, "Application", application)
    choose_section(page, section)
    _wait_for_live_editor(page)
    if not plain:
        return
    # The switch of the section just opened. Until a rerun ends, the page can still show the element of an
    # earlier run beside the new one (same key); a click on that stale one names a widget the new run does
    # not have and is dropped, so wait for one switch, and click again if the plain editor did not come.
    # (A button with help is drawn twice, one of them hidden: the role picks the one shown.)
    switch = page.locator(f".st-key-live_plain_{_section_id(page)}").get_by_role("button", name="Use the plain editor")
    tries = 3
    for attempt in range(tries):
        wait_for_app(page)
        expect(switch).to_have_count(1, timeout=15_000)
        switch.click()
        wait_for_app(page)
        try:
            # The previous section's editor stays on the page until the rerun that replaces it ends.
            expect(editor(page)).to_have_count(1, timeout=15_000)
            return
        except AssertionError:
            if attempt == tries - 1:
                raise
            if switch.count() == 0:  # the switch took: the plain editor is still on its way
                expect(editor(page)).to_have_count(1, timeout=15_000)
                return


def _section_id(page) -> int:
    """The open section's id: the page keeps it in the link (?section=) once the pick has run."""
    return int(parse_qs(urlparse(page.url).query)["section"][0])


def _wait_for_live_editor(page) -> None:
    """Wait until the one live editor on the page is the open section's.

    The previous section's live editor stays on the page until the rerun that replaces it ends, so a count
    of one alone can be the old editor, with the new one still to come beside it.
    """
    expect(page.locator(f".st-key-editor_live_editor_{_section_id(page)} [data-testid='live-editor']")).to_have_count(
        1, timeout=15_000
    )
    expect(page.get_by_test_id("live-editor")).to_have_count(1, timeout=15_000)
