"""In Chromium: a crafted sign-in link (issue 12: `/?login_error=locked&minutes=²` replaced the form with an
error page) shows the plain sign-in form, and no error or exception box."""

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("query", ["login_error=locked&minutes=²", "login_error=wrong&minutes=" + "9" * 400])
def test_a_crafted_sign_in_link_shows_the_sign_in_form(live_app, new_page, query):
    page = new_page()
    page.goto(f"{live_app.rstrip('/')}/?{quote(query, safe='=&')}")
    wait_for_app(page)
    expect(page.locator("#signin-form #rcw-username")).to_be_visible()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    if "wrong" not in query:
        expect(page.locator("[data-testid='stAlertContentError']")).to_have_count(0)
