"""In Chromium: every page for every role, at a desktop size (1400x900) and at a phone's (390x844),
screenshotted whole into test-artifacts/screens/ for people to look at, and checked for sideways
scrolling and for exception boxes.

One signed-in page per role, moving between pages by the sidebar as a person does (no reload), and
narrowed to the phone's width in place, keeps the run short.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from research.demo.seed import DEMO_ACCOUNTS
from research.domain.roles import Role, can
from research.ui.navigation import PAGES, PageSpec
from tests.e2e.conftest import ARTIFACTS, TIMEOUT_MS, sign_in, wait_for_app

pytestmark = pytest.mark.e2e

DESKTOP, PHONE = (1400, 900), (390, 844)
SCREENS = ARTIFACTS / "screens"
ROLES = ("admin", "manager", "researcher", "reviewer")
OVERFLOW = "() => document.scrollingElement.scrollWidth - window.innerWidth"
# Streamlit scrolls its main area, not the document: its height is what a whole-page shot needs.
MAIN_HEIGHT = "() => (document.querySelector('[data-testid=stMain]') || document.body).scrollHeight"
TALLEST = 6000


def pages_for(role: str) -> list[PageSpec]:
    return [p for p in PAGES if p.needs is None or can(Role(role), p.needs)]


def settle(page) -> None:
    page.get_by_test_id("stMainBlockContainer").wait_for()
    wait_for_app(page)
    page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')", timeout=TIMEOUT_MS)
    page.wait_for_timeout(300)  # charts and data grids lay out after the script ends


def open_page(page, base_url: str, spec: PageSpec) -> None:
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=spec.title, exact=True)
    if link.count() and link.first.is_visible():
        link.first.click()
    else:
        page.goto(f"{base_url}/{Path(spec.file).stem}")
    settle(page)


def look(page, name: str, size: tuple[int, int]) -> list[str]:
    """Check at this width, then take the whole page (the window made as tall as the page)."""
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_timeout(300)
    problems = []
    overflow = page.evaluate(OVERFLOW)
    if overflow > 1:
        problems.append(f"{name}: {overflow}px wider than the {width}px window")
    if page.get_by_test_id("stException").count() or page.get_by_text("Traceback (most recent call last)").count():
        problems.append(f"{name}: shows an exception")
    tall = min(TALLEST, max(height, page.evaluate(MAIN_HEIGHT)))
    page.set_viewport_size({"width": width, "height": tall})
    page.wait_for_timeout(200)
    page.screenshot(path=SCREENS / f"{name}.png")
    return problems


@pytest.mark.parametrize("role", ROLES)
def test_every_page_is_readable_at_desktop_and_phone_width(live_app, browser, role):
    account = next(a for a in DEMO_ACCOUNTS if a.role == role)
    context = browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    SCREENS.mkdir(parents=True, exist_ok=True)
    problems = []
    try:
        sign_in(page, live_app, account.username, account.password)
        for spec in pages_for(role):
            page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
            open_page(page, live_app, spec)
            stem = Path(spec.file).stem
            problems += look(page, f"{role}-desktop-{stem}", DESKTOP)
            problems += look(page, f"{role}-phone-{stem}", PHONE)
    finally:
        context.close()
    assert problems == []
