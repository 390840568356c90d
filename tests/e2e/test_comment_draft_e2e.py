"""In Chromium: a comment typed and never sent survives a page reload (kept server-side as it is
typed); once sent, the draft is gone."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, sign_in, wait_for_app
from tests.e2e.test_review_flow import HANA, choose, settle

pytestmark = pytest.mark.e2e

# Drafting, with no comments in the demo; the review flow test works on another application.
APPLICATION = "Low-cost hearing screening in primary schools"
SECTION = "Lay summary"
TYPED = "The screening cost per child needs a source; "
PASTED = "and say who pays for the follow-up audiology visits."


def open_new_comment(page, base: str):
    """The first section's "New comment" form, opened; returns its Comment field."""
    page.goto(f"{base}/review_readiness_page")
    settle(page)
    choose(page, page.get_by_test_id("stSelectbox").filter(has_text="Application"), APPLICATION)
    settle(page)
    page.get_by_role("tab", name="Comments").click()
    page.get_by_role("heading", name=SECTION).wait_for()
    page.get_by_text("New comment").first.click()
    field = page.get_by_test_id("stPopoverBody").get_by_label("Comment", exact=True)
    field.wait_for()
    return field


def saved(text: str):
    """A predicate for page.expect_response: the draft `text` was kept by the server."""
    return lambda r: "/drafts/" in r.url and r.request.method == "PUT" and (r.request.post_data or "") == text and r.ok


def test_a_typed_comment_survives_a_reload_and_is_gone_once_sent(live_app, new_page):
    page = new_page()
    sign_in(page, live_app, *HANA)
    field = open_new_comment(page, live_app)
    expect(field).to_have_value("")
    # No submit, no blur: the draft is saved a moment after the typing pauses.
    with page.expect_response(saved(TYPED + PASTED)):
        field.press_sequentially(TYPED, delay=20)
        field.fill(TYPED + PASTED)  # as a paste: one input event
    page.reload()
    wait_for_app(page)

    field = open_new_comment(page, live_app)
    expect(field).to_have_value(TYPED + PASTED)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "comment-draft-after-reload.png")

    page.get_by_test_id("stPopoverBody").get_by_role("button", name="Add comment").click()
    page.get_by_text("Comment added.").first.wait_for()
    thread = page.locator("[class*='st-key-section_comments_thread_']").filter(has_text=PASTED)
    expect(thread).to_have_count(1)
    settle(page)
    page.reload()
    wait_for_app(page)
    sent = []
    page.on("request", lambda request: sent.append(request.url) if "/drafts/" in request.url else None)
    field = open_new_comment(page, live_app)
    expect(field).to_have_value("")
    assert sent == []  # nothing typed on this page: the empty field is the server's (no draft left)


def test_text_typed_just_before_the_tab_is_left_is_kept(live_app, new_page):
    page = new_page()
    sign_in(page, live_app, *HANA)
    field = open_new_comment(page, live_app)
    field.fill("Left mid-sentence, before the pause")
    page.reload()  # at once: the pending save goes out as the page is left
    wait_for_app(page)
    field = open_new_comment(page, live_app)
    expect(field).to_have_value("Left mid-sentence, before the pause")
    with page.expect_response(saved("")):  # blank: the draft is cleared
        field.fill("")
    page.reload()
    wait_for_app(page)
    expect(open_new_comment(page, live_app)).to_have_value("")
