"""In Chromium: HTML a researcher types into a section or a comment shows as text and never runs.

The static half of this promise (raw HTML only from constants) is tests/unit/test_no_user_html.py.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_app
from tests.e2e.editor_steps import choose, editor, open_section

pytestmark = pytest.mark.e2e

APPLICATION = "Whakapapa and data sovereignty in genomic research"  # no other browser test edits it
SECTION = "Background"
IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=1</script>"


def assert_nothing_ran(page) -> None:
    assert page.evaluate("window.__xss") is None
    expect(page.locator("img[src='x']")).to_have_count(0)
    expect(page.locator("script", has_text="__xss")).to_have_count(0)


def test_html_in_a_section_and_a_comment_is_shown_as_text(live_app, new_page):
    page = new_page()
    open_section(page, live_app, "hana", APPLICATION, SECTION)

    editor(page).fill(f"Section text {IMG} and {SCRIPT} end.")
    page.get_by_role("button", name="Save", exact=True).click()
    wait_for_app(page)
    page.get_by_text(re.compile(r"r\d+ saved by Dr Hana Kim")).wait_for()
    page.get_by_role("tab", name="Preview").click()
    preview = page.get_by_test_id("stMarkdownContainer").filter(has_text="Section text").first
    expect(preview).to_have_text(f"Section text {IMG} and {SCRIPT} end.")
    assert_nothing_ran(page)

    page.goto(f"{live_app}/review_readiness_page")
    wait_for_app(page)
    choose(page, "Application", APPLICATION)
    page.get_by_role("tab", name="Comments").click()
    page.get_by_role("button", name="New comment").first.click()
    comment_box = page.get_by_role("dialog").get_by_label("Comment")
    expect(comment_box).to_have_count(1)  # a rerun may briefly show the dialog twice
    comment_box.fill(f"Comment text {IMG} and {SCRIPT}")
    page.get_by_role("button", name="Add comment").click()
    wait_for_app(page)
    comment = page.get_by_test_id("stMarkdownContainer").filter(has_text="Comment text").first
    expect(comment).to_have_text(f"Comment text {IMG} and {SCRIPT}")
    assert_nothing_ran(page)

    page.reload()  # shown afresh from the database, not from what the browser just sent
    wait_for_app(page)
    choose(page, "Application", APPLICATION)
    page.get_by_role("tab", name="Comments").click()
    expect(comment).to_have_text(f"Comment text {IMG} and {SCRIPT}")
    assert_nothing_ran(page)
