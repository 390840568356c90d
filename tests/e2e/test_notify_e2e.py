"""In Chromium: the sidebar's unread count, the notices list, the settings page and a live calendar feed."""

from __future__ import annotations

import re

import icalendar

from tests.e2e.conftest import ARTIFACTS, sign_in, wait_for_app


def test_notices_settings_and_a_feed_that_calendars_can_fetch(live_app, new_page):
    page = new_page()
    sign_in(page, live_app, "wiremu", "demo-researcher-2026")
    wait_for_app(page)
    link = page.get_by_test_id("stSidebar").get_by_role("link", name=re.compile(r"^Notices: "))
    link.wait_for()
    link.click()
    wait_for_app(page)
    page.get_by_role("heading", name="Notices").wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "notify-notices.png", full_page=True)

    page.goto(f"{live_app}/notify_preferences_page")
    wait_for_app(page)
    page.get_by_role("button", name="Make my feed address").click()
    wait_for_app(page)
    url = page.get_by_test_id("stCode").inner_text().strip()
    page.screenshot(path=ARTIFACTS / "notify-settings.png", full_page=True)
    assert url.endswith(".ics") and "/calendar/" in url
    feed = page.request.get(f"{live_app}/calendar/{url.rsplit('/calendar/', 1)[1]}")
    assert feed.status == 200 and feed.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed.body())
    assert calendar.walk("VEVENT"), "the demo researcher's rounds and sections are in the feed"
    assert page.request.get(f"{live_app}/calendar/not-a-token.ics").status == 404
