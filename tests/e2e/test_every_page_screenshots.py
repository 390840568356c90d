"""In Chromium: every page for every role, at a desktop size (1400x900) and at a phone's (390x844),
screenshotted whole into test-artifacts/screens/ for people to look at, and checked for sideways
scrolling and for exception boxes.

What keeps it short: one signed-in page per role, moving between pages by the sidebar as a person
does (no reload) and narrowed to the phone's width in place; the four roles side by side (each its
own browser context), so the app runs one role's page while the browser draws another's; and waits
on what is awaited (the new page's address, the script's end, every chart and grid drawn, a frame
after each resize), never a fixed sleep.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from research.demo.seed import DEMO_ACCOUNTS
from research.domain.roles import Role, can
from research.ui.navigation import PAGES, PageSpec
from tests.e2e.conftest import ARTIFACTS, TIMEOUT_MS

pytestmark = pytest.mark.e2e

DESKTOP, PHONE = (1400, 900), (390, 844)
SCREENS = ARTIFACTS / "screens"
ROLES = ("admin", "manager", "researcher", "reviewer")
OVERFLOW = "() => document.scrollingElement.scrollWidth - window.innerWidth"
# Streamlit scrolls its main area, not the document: its height is what a whole-page shot needs.
MAIN_HEIGHT = "() => (document.querySelector('[data-testid=stMain]') || document.body).scrollHeight"
TALLEST = 6000
RUN_ENDED = "[data-testid='stApp'][data-test-script-state='notRunning']"
# The app runs the four roles' pages at once, so one page may take up to four times as long to come.
SIDE_BY_SIDE_TIMEOUT_MS = 4 * TIMEOUT_MS
SIDEBAR_BACK_MS = 3_000
# Charts and data grids are drawn after the script ends: each one shown (not in a closed expander or
# another tab) has its drawing surface, and no skeleton is left.
DRAWN = """() => {
  const shown = (test) => [...document.querySelectorAll(`[data-testid=${test}]`)].filter(e => e.checkVisibility());
  return !document.querySelector('[data-testid=stSkeleton]')
    && shown('stPlotlyChart').every(c => c.querySelector('.main-svg'))
    && shown('stDataFrame').every(d => d.querySelector('canvas'));
}"""
# Two animation frames: the layout after a resize (charts and grids follow their width on the next frame).
FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


def pages_for(role: str) -> list[PageSpec]:
    return [p for p in PAGES if p.needs is None or can(Role(role), p.needs)]


def _path(spec: PageSpec) -> str:
    return "/" if spec == PAGES[0] else f"/{Path(spec.file).stem}"


def start_opening(page, base_url: str, spec: PageSpec) -> None:
    """Go to the page by the sidebar (by its address when the sidebar has no visible link); not waiting."""
    if urlparse(page.url).path.rstrip("/") == _path(spec).rstrip("/"):
        return  # already there (the home page, just after signing in)
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=spec.title, exact=True).first
    try:
        link.wait_for(state="visible", timeout=SIDEBAR_BACK_MS)  # the sidebar opens again after the phone width
    except PlaywrightTimeoutError:
        page.goto(f"{base_url}{_path(spec)}")
    else:
        link.click()


def settle(page, spec: PageSpec) -> None:
    """The page's own run has ended (not the last page's) and what it drew is laid out."""
    page.wait_for_url(lambda url: urlparse(url).path.rstrip("/") == _path(spec).rstrip("/"))
    page.get_by_test_id("stMainBlockContainer").wait_for()
    page.wait_for_selector(RUN_ENDED)
    page.wait_for_function(DRAWN)
    page.evaluate(FRAMES)


def resize(page, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.evaluate(FRAMES)


def look(page, name: str, size: tuple[int, int]) -> list[str]:
    """Check at this width, then take the whole page (the window made as tall as the page)."""
    width, height = size
    resize(page, width, height)
    problems = []
    overflow = page.evaluate(OVERFLOW)
    if overflow > 1:
        problems.append(f"{name}: {overflow}px wider than the {width}px window")
    if page.get_by_test_id("stException").count() or page.get_by_text("Traceback (most recent call last)").count():
        problems.append(f"{name}: shows an exception")
    tall = min(TALLEST, max(height, page.evaluate(MAIN_HEIGHT)))
    if tall > height:
        resize(page, width, tall)
        page.wait_for_function(DRAWN)  # a grid scrolled into view draws again
    page.screenshot(path=SCREENS / f"{name}.png")
    return problems


def start_signing_in(page, base_url: str, role: str) -> None:
    account = next(a for a in DEMO_ACCOUNTS if a.role == role)
    page.goto(base_url)
    page.locator("input[name=username]").fill(account.username)
    page.locator("input[name=password]").fill(account.password)
    page.locator("#signin-form button[type=submit]").click()


def test_every_page_for_every_role_is_readable_at_desktop_and_phone_width(live_app, browser):
    SCREENS.mkdir(parents=True, exist_ok=True)
    contexts = [browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]}) for _ in ROLES]
    problems: list[str] = []
    try:
        pages = {}
        for role, context in zip(ROLES, contexts, strict=True):
            context.set_default_timeout(SIDE_BY_SIDE_TIMEOUT_MS)
            pages[role] = context.new_page()
            start_signing_in(pages[role], live_app, role)
        for page in pages.values():
            page.get_by_test_id("stSidebar").get_by_text("Signed in as").wait_for()
        visits = {role: pages_for(role) for role in ROLES}
        for step in range(max(len(specs) for specs in visits.values())):
            batch = [(role, specs[step]) for role, specs in visits.items() if step < len(specs)]
            for role, spec in batch:  # every role's next page starts at once; each is then looked at in turn
                resize(pages[role], *DESKTOP)
                start_opening(pages[role], live_app, spec)
            for role, spec in batch:
                page, stem = pages[role], Path(spec.file).stem
                settle(page, spec)
                problems += look(page, f"{role}-desktop-{stem}", DESKTOP)
                problems += look(page, f"{role}-phone-{stem}", PHONE)
    finally:
        for context in contexts:
            context.close()
    assert problems == []
