"""Browser steps on the Application editor page, shared by the editor's browser tests."""

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in, wait_for_app

RESEARCHER_PASSWORD = "demo-researcher-2026"  # pragma: allowlist secret (the demo password, shown on its sign-in page)


def choose(page, label: str, option: str) -> None:
    box = page.get_by_test_id("stSelectbox").filter(has_text=label).first
    box.scroll_into_view_if_needed()
    box.locator("input").click()
    page.keyboard.type(option)
    page.get_by_role("option", name=re.compile(re.escape(option))).first.click()
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
    if not plain:
        # The previous section's live editor stays on the page until the rerun that replaces it ends.
        expect(page.get_by_test_id("live-editor")).to_have_count(1, timeout=15_000)
        return
    # The previous section's switch can stay on the page until the rerun ends; either one turns the
    # plain editor on for the whole session, so the first will do.
    page.get_by_role("button", name="Use the plain editor").first.click()
    wait_for_app(page)
    # The previous section's editor stays on the page until the rerun that replaces it ends.
    expect(editor(page)).to_have_count(1)
