"""AppTest: first-run set-up, the sign-in page, and what each role's navigation offers."""

import pytest
from streamlit.testing.v1 import AppTest

from research.domain.roles import Role
from research.services.accounts.auth import LoginRefused
from research.services.accounts.users import has_admin
from tests.ui.conftest import ENTRY, add_user, new_app


def test_first_run_shows_only_setup_and_creates_the_first_admin(ui_uow):
    at = new_app().run()
    assert not at.exception
    assert at.title[0].value == "Welcome to the Research Cluster Workspace"
    at.text_input[0].set_value("aroha")
    at.text_input[1].set_value("Aroha Ngata")
    at.text_input[2].set_value("a-long-password")
    at.text_input[3].set_value("a-long-password")
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert has_admin(ui_uow)
    assert at.title[0].value == "Research Cluster Workspace"  # now the sign-in page


def test_setup_refuses_mismatched_passwords_and_changes_nothing(ui_uow):
    at = new_app().run()
    for index, value in enumerate(["aroha", "Aroha", "a-long-password", "another-password"]):
        at.text_input[index].set_value(value)
    at.form_submit_button[0].click().run()
    assert "differ" in at.error[0].value
    assert not has_admin(ui_uow)


def test_setup_with_empty_form_says_what_is_missing(ui_uow):
    at = new_app().run()
    at.form_submit_button[0].click().run()
    message = at.error[0].value
    assert "username" in message and "password" in message
    assert not has_admin(ui_uow)


def test_setup_can_load_the_demo_instead(ui_uow):
    at = new_app().run()
    next(b for b in at.button if b.label == "Load the demo workspace").click().run()
    assert not at.exception
    assert has_admin(ui_uow)
    # The sign-in page now shows the demo accounts.
    table = at.dataframe[0].value
    assert set(table["role"]) == {"admin", "manager", "researcher", "reviewer"}


def test_sign_in_page_shows_the_refusal_named_in_the_redirect(ui_uow):
    add_user(ui_uow, Role.ADMIN, "aroha")
    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.query_params["login_error"] = "wrong"
    at.run()
    assert "Wrong username or password" in at.error[0].value
    assert not at.dataframe  # no demo passwords outside demo mode


@pytest.mark.parametrize(
    "query",
    [
        {"login_error": "locked", "minutes": "\u00b2"},
        {"login_error": "wrong", "minutes": "\u00b2"},
        {"login_error": "locked", "minutes": "9" * 400},
        {"login_error": "\x00", "minutes": "-1"},
    ],
)
def test_a_crafted_sign_in_link_still_shows_the_form(ui_uow, query):
    add_user(ui_uow, Role.ADMIN, "aroha")
    at = AppTest.from_file(ENTRY, default_timeout=30)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    assert any("signin-form" in element.proto.body for element in at.get("html"))
    assert all(e.value == str(LoginRefused("wrong")) for e in at.error)


def test_sign_in_page_ignores_made_up_error_text(ui_uow):
    add_user(ui_uow, Role.ADMIN, "aroha")
    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.query_params["login_error"] = "Call this number to unlock your account"
    at.run()
    assert not at.error


EXPECTED_VISIBLE = {
    Role.RESEARCHER: {"Home", "My account"},
    Role.REVIEWER: {"Home", "My account"},
    Role.MANAGER: {"Home", "My account"},
    Role.ADMIN: {"Home", "Users", "Audit trail", "My account"},
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_lands_on_its_home_page(signed_in, role):
    at, actor = signed_in(role)
    at.run()
    assert not at.exception
    assert at.title[0].value.startswith("Kia ora")
    assert f"as {role.article} {role.value}" in at.caption[0].value


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER, Role.MANAGER])
def test_admin_pages_reached_by_url_refuse_other_roles(signed_in, role):
    at, _ = signed_in(role)
    at.run()
    at.switch_page("research/ui/pages/accounts/users_page.py").run()
    assert not at.exception
    assert "not available to your role" in at.error[0].value
    assert not at.dataframe and not at.text_input  # nothing else is shown


def test_admin_sees_the_users_page(signed_in):
    at, _ = signed_in(Role.ADMIN)
    at.run()
    at.switch_page("research/ui/pages/accounts/users_page.py").run()
    assert not at.exception
    assert "first-admin" in set(at.dataframe[0].value["username"])


def test_admin_adds_a_user_who_must_change_password(signed_in, ui_uow):
    at, _ = signed_in(Role.ADMIN)
    at.run()
    at.switch_page("research/ui/pages/accounts/users_page.py").run()
    form = at.form("new_user")
    form.text_input[0].set_value("mere")
    form.text_input[1].set_value("Mere Parata")
    form.selectbox[0].select("reviewer")
    form.text_input[3].set_value("temporary-pass-1")
    form.form_submit_button[0].click().run()
    assert not at.exception and not at.error
    users = at.dataframe[0].value.set_index("username")
    assert users.loc["mere", "role"] == "reviewer" and users.loc["mere", "must change password"]


def test_a_user_with_a_reset_password_sees_only_the_password_page(signed_in, ui_uow, monkeypatch):
    from research.services.accounts import auth
    from research.services.accounts.users import reset_password

    _, admin = signed_in(Role.ADMIN)
    tane = add_user(ui_uow, Role.RESEARCHER, "tane")
    reset_password(ui_uow, admin, tane.id, "temporary-pass-2")
    token = auth.login(ui_uow, "tane", "temporary-pass-2").token
    monkeypatch.setattr("research.ui.session.session_token", lambda: token)
    at = new_app().run()
    assert at.title[0].value == "My account"
    assert "temporary password" in at.warning[0].value
    assert not at.selectbox  # the time-zone form waits until the password is changed


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "not a database address"),
        ("postgresql+psycopg://nobody@127.0.0.1:1/none", "Cannot reach the database"),
    ],
)
def test_a_bad_database_setting_shows_a_message_not_a_traceback(monkeypatch, url, message):
    monkeypatch.setenv("DATABASE_URL", url)
    at = new_app().run()
    assert not at.exception
    assert "cannot open its database" in at.error[0].value and message in at.error[0].value


def test_changing_my_password_on_the_account_page_ends_my_other_sessions_only(signed_in, ui_uow):
    from research.services.accounts import auth
    from research.ui import session as ui_session
    from tests.ui.conftest import PASSWORD

    at, hana = signed_in(Role.RESEARCHER, "hana")
    this_browser, other_browser = ui_session.session_token(), auth.login(ui_uow, "hana", PASSWORD).token
    at.run()
    at.switch_page("research/ui/pages/accounts/account_page.py").run()
    form = at.form("change_password")
    for field, value in zip(form.text_input, [PASSWORD, "a fresh passphrase", "a fresh passphrase"], strict=True):
        field.set_value(value)
    form.form_submit_button[0].click().run()
    assert not at.exception and not at.error
    assert auth.resolve(ui_uow, other_browser, 120) is None
    assert auth.resolve(ui_uow, this_browser, 120).id == hana.id
    assert at.title[0].value == "My account"  # still signed in here
