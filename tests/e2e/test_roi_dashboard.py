"""In Chromium: a manager sees the return dashboard, clicks a bar to list the awards behind it,
and downloads a chart's table; a researcher sees the summary only."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from research.demo.seed import DEMO_ACCOUNTS
from tests.e2e.conftest import sign_in, wait_for_app

pytestmark = pytest.mark.e2e

MANAGER = next(a for a in DEMO_ACCOUNTS if a.role == "manager")
RESEARCHER = next(a for a in DEMO_ACCOUNTS if a.role == "researcher")


def open_dashboard(page, live_app, account):
    sign_in(page, live_app, account.username, account.password)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Return on investment").click()
    page.get_by_role("heading", name="Return on investment").wait_for()
    wait_for_app(page)
    # The first dashboard of a fresh server computes and attributes every award: on a busy machine the
    # figures come well after the heading, so wait for them before any assertion on them.
    page.get_by_test_id("stMetric").filter(has_text="Return multiple").wait_for(timeout=60_000)


def test_manager_clicks_a_bar_and_downloads_its_table(live_app, new_page):
    page = new_page()
    open_dashboard(page, live_app, MANAGER)
    expect(page.get_by_test_id("stMetric").filter(has_text="Return multiple")).to_contain_text("225x")
    expect(page.locator(".js-plotly-plot")).to_have_count(6)

    card = page.locator(".st-key-roi_card_by_cluster")
    card.scroll_into_view_if_needed()
    bar = card.locator("g.trace.bars").first.locator("g.point path").first
    bar.wait_for()
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    card.get_by_text("10 awards behind Research").wait_for()
    expect(card.get_by_test_id("stDataFrame")).to_have_count(1)

    with page.expect_download() as download:
        card.get_by_role("button", name="Table as CSV").click()
    assert download.value.suggested_filename == "by_cluster.csv"
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "cluster,won,granted,multiple"
    assert lines[1] == "Research,18000000.00,80000.00,225.0"


def test_researcher_sees_the_summary_only(live_app, new_page):
    page = new_page()
    open_dashboard(page, live_app, RESEARCHER)
    expect(page.get_by_test_id("stMetric").filter(has_text="Return multiple")).to_contain_text("225x")
    expect(page.locator(".js-plotly-plot")).to_have_count(1)
    expect(page.get_by_role("button", name="Council report (.docx)")).to_have_count(0)
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link", name="Ledgers")).to_have_count(0)


def test_manager_downloads_the_council_report_with_its_charts(live_app, new_page):
    from docx import Document

    page = new_page()
    open_dashboard(page, live_app, MANAGER)
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="Council report (.docx)").click()
    assert download.value.suggested_filename == "return-on-investment.docx"
    document = Document(download.value.path())
    text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "$18,000,000 ($18.0M) from 10 awards" in text and "225x won in the area per dollar granted" in text
    # What the headline rests on, and the awards shown apart from it.
    assert "$3,910,000 from 3 awards (not counted)" in text and "1 award declined or withdrawn" in text
    assert len(document.inline_shapes) == 6  # every chart drawn as an image by Chromium, offline
