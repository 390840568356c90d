"""In Chromium: sign in as each demo role, see that role's pages, survive a reload, sign out."""

import pytest

from research.demo.seed import DEMO_ACCOUNTS
from research.services.accounts.auth import LoginRefused
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e

ADMIN_ONLY = ("Users", "Audit trail")


@pytest.mark.parametrize("account", DEMO_ACCOUNTS[:3] + DEMO_ACCOUNTS[4:5], ids=lambda a: a.role)
def test_each_role_sees_its_own_navigation(live_app, new_page, account):
    page = new_page()
    sign_in(page, live_app, account.username, account.password)
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name="Home", exact=True).wait_for()
    for title in ADMIN_ONLY:
        assert nav.get_by_role("link", name=title, exact=True).count() == (1 if account.role == "admin" else 0)
    assert page.get_by_text(f"Signed in as {account.display_name}").is_visible()


def test_login_survives_reload_and_new_tab_and_logout_kills_the_cookie(live_app, new_page):
    page = new_page()
    sign_in(page, live_app, "tama", "demo-manager-2026")
    page.reload()
    page.get_by_text("Signed in as Tama Walker").wait_for()
    second_tab = page.context.new_page()
    second_tab.goto(live_app)
    second_tab.get_by_text("Signed in as Tama Walker").wait_for()
    old_cookies = page.context.cookies()
    assert any(c["name"] == "rcw_session" and c["httpOnly"] for c in old_cookies)

    page.locator("#signout-form button").click()
    page.get_by_text("You have signed out.").wait_for()

    # The old cookie, replayed in a fresh context, no longer signs anyone in.
    replay = new_page()
    replay.context.add_cookies([c for c in old_cookies if c["name"] == "rcw_session"])
    replay.goto(live_app)
    replay.locator("#signin-form").wait_for()
    assert replay.get_by_text("Signed in as").count() == 0


def test_wrong_password_shows_a_clear_message(live_app, new_page):
    page = new_page()
    page.goto(live_app)
    page.locator("input[name=username]").fill("hana")
    page.locator("input[name=password]").fill("not-her-password")
    page.locator("#signin-form button[type=submit]").click()
    page.get_by_text(str(LoginRefused("wrong"))).wait_for()


def test_a_researcher_typing_an_admin_url_is_told_no(live_app, new_page):
    page = new_page()
    sign_in(page, live_app, "wiremu", "demo-researcher-2026")
    page.goto(f"{live_app}/users_page")
    page.get_by_text("is not available to your role (researcher)").wait_for()
    assert page.get_by_text("Add a user").count() == 0
