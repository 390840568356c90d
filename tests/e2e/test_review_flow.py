"""In Chromium: a researcher requests a review, a reviewer fills the checklist and comments,
the researcher resolves the comments and marks the application ready."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from research.demo.reviews import TIDES
from tests.e2e.conftest import sign_in, wait_for_app
from tests.e2e.editor_steps import choose as choose_option
from tests.e2e.editor_steps import choose_section

pytestmark = pytest.mark.e2e

HANA = ("hana", "demo-researcher-2026")
PRIYA = ("priya", "demo-reviewer-2026")
NEW_COMMENT = "Add one sentence on who benefits."
# Tides' required sections (research/demo/data/marsden-standard-review.toml); Vision Mātauranga is optional.
REQUIRED_SECTIONS = (
    "Summary",
    "Benefit and rationale for the research in New Zealand",
    "Background",
    "Overall aims",
    "Proposed research",
    "Roles and resources",
)


def settle(page) -> None:
    page.wait_for_timeout(300)
    wait_for_app(page)


def choose(page, select, option: str) -> None:
    """Open a selectbox or multiselect and pick an option (retrying if a rerun closed it)."""
    for _ in range(3):
        select.click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=5_000)
            return
        except PlaywrightTimeout:  # the dropdown closed under a rerun: open it again
            settle(page)
    raise AssertionError(f"Could not choose {option!r}")


def open_team_page(page, base: str, tab: str) -> None:
    page.goto(f"{base}/review_readiness_page")
    settle(page)
    choose(page, page.get_by_test_id("stSelectbox").filter(has_text="Application"), TIDES)
    settle(page)
    page.get_by_role("tab", name=tab).click()


def radio(scope, group: str, choice: str) -> None:
    scope.get_by_test_id("stRadio").filter(has_text=group).get_by_text(choice, exact=True).click()


def request_review(page, base: str) -> None:
    open_team_page(page, base, "Reviews")
    page.get_by_text("Request a review round").click()
    choose(page, page.get_by_test_id("stMultiSelect"), "Prof Priya Shah (reviewer)")
    page.keyboard.press("Escape")
    settle(page)  # a click while the reviewer choice still reruns the page is lost with the old button
    page.get_by_label("What should the reviewers look at? (optional)").fill("Is the summary plainer now?")
    settle(page)
    page.get_by_role("button", name="Request review").click()
    page.get_by_text("Round 2 — requested").wait_for()


def review_it(page, base: str) -> None:
    page.goto(f"{base}/review_inbox_page")
    settle(page)
    card = page.locator("[class*='st-key-review_invitation_']").filter(has_text=f"{TIDES} — review round 2")
    radio(card, "conflict of interest", "No, I have no conflict of interest")
    card.get_by_role("button", name="Accept").click()
    page.get_by_role("button", name="Open review").click()
    page.get_by_text("Is the summary plainer now?").wait_for()
    settle(page)
    for item in (
        "within 200 words",
        "fit in 5 pages",
        "argued, not asserted",
        "achievable within three years",
        "match the budget requested",
    ):
        radio(page, item, "Yes")
    radio(page, "Vision Mātauranga has been considered", "Not applicable")
    page.get_by_placeholder("Note (needed for no or not applicable)").last.fill("No mātauranga Māori is used.")
    for criterion, score in (("Excellence", "4.5"), ("Impact", "4"), ("Quality of implementation", "4")):
        page.get_by_role("spinbutton", name=criterion).fill(score)
    radio(page, "Expertise and resources", "sufficient")
    choose(page, page.get_by_test_id("stSelectbox").filter(has_text="Recommendation"), "Ready to submit")
    page.get_by_label("Summary for the team").fill("Much clearer; ready once the last comment is handled.")
    summary = page.locator("[class*='st-key-review_work_section_']").filter(has_text="Summary").first
    summary.get_by_text("Comment on this section").click()
    summary.get_by_label("Comment").fill(NEW_COMMENT)
    summary.get_by_role("button", name="Add comment").click()
    summary.locator("[class*='st-key-review_work_comment_']").get_by_text(NEW_COMMENT).wait_for()
    settle(page)
    page.get_by_role("button", name="Submit review").click()
    page.get_by_text("Your review is locked.").wait_for()
    expect(page.get_by_text(f"{TIDES} · review round 2 · submitted")).to_be_visible()


def move_to(page, verb: str) -> None:
    page.get_by_test_id("stButtonGroup").get_by_text(verb).click()
    page.get_by_test_id("stForm").get_by_role("button", name=verb).click()


def mark_sections_ready(page, base: str) -> None:
    """In the editor, as the team would: every required section with text is marked ready."""
    page.goto(f"{base}/application_editor_page")
    wait_for_app(page)
    choose_option(page, "Application", TIDES)
    for title in REQUIRED_SECTIONS:
        choose_section(page, title)
        page.get_by_role("button", name="Mark ready", exact=True).first.click()
        page.get_by_text(f"{title} is ready.").first.wait_for()
        settle(page)


def resolve_and_mark_ready(page, base: str) -> None:
    open_team_page(page, base, "Readiness & status")
    move_to(page, "Back to revising")
    page.get_by_text("The application is now revising.").wait_for()
    settle(page)
    page.get_by_role("tab", name="Comments").click()
    threads = page.locator("[class*='st-key-section_comments_thread_']")
    expect(threads.filter(has_text=NEW_COMMENT)).to_have_count(1)
    open_threads = threads.filter(has=page.get_by_role("button", name="Resolve"))
    for _ in range(10):
        settle(page)
        if not open_threads.count():
            break
        try:
            open_threads.first.get_by_role("button", name="Resolve").click(timeout=5_000)
        except PlaywrightTimeout:
            continue  # a rerun replaced the thread list between counting and clicking; count again
        page.get_by_text("Comment resolved.").first.wait_for()
    expect(open_threads).to_have_count(0)
    mark_sections_ready(page, base)
    open_team_page(page, base, "Readiness & status")
    page.get_by_text("Ready to submit: every required section").wait_for()
    move_to(page, "Mark ready to submit")
    page.get_by_text("The application is now ready.").wait_for()


def test_request_review_fill_checklist_resolve_and_mark_ready(live_app, new_page):
    researcher = new_page()
    sign_in(researcher, live_app, *HANA)
    request_review(researcher, live_app)

    reviewer = new_page()
    sign_in(reviewer, live_app, *PRIYA)
    review_it(reviewer, live_app)

    resolve_and_mark_ready(researcher, live_app)
    expect(researcher.get_by_text("Ready", exact=True).first).to_be_visible()
