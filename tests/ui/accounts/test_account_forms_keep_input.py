"""Account forms refused once keep every value typed and chosen, say what is wrong by the field, write nothing."""

from sqlalchemy import func, select

from research.db.models import User
from research.domain.roles import Role

USERS = "research/ui/pages/accounts/users_page.py"
ACCOUNT = "research/ui/pages/accounts/account_page.py"


def open_page(signed_in, role, page):
    at, actor = signed_in(role)
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception
    return at, actor


def users(uow) -> int:
    with uow as session:
        return session.scalar(select(func.count()).select_from(User))


def test_add_a_user_refused_keeps_every_field_and_the_role(signed_in, ui_uow):
    at, _ = open_page(signed_in, Role.ADMIN, USERS)
    before = users(ui_uow)
    at.text_input(key="new_user_username").set_value("mere")
    at.text_input(key="new_user_name").set_value("Mere Tane")
    at.text_input(key="new_user_email").set_value("mere@example.org")
    at.selectbox(key="new_user_role").set_value("manager")
    at.text_input(key="new_user_password").set_value("short")
    at.form("new_user").form_submit_button[0].click().run()
    assert not at.exception
    assert users(ui_uow) == before
    assert at.text_input(key="new_user_username").value == "mere"
    assert at.text_input(key="new_user_name").value == "Mere Tane"
    assert at.text_input(key="new_user_email").value == "mere@example.org"
    assert at.selectbox(key="new_user_role").value == "manager"
    assert at.text_input(key="new_user_password").value == "short"
    inside = [e.value for e in at.form("new_user").error]
    assert any("Password: must be at least 10 characters" in e for e in inside)

    at.text_input(key="new_user_password").set_value("long enough now")
    at.form("new_user").form_submit_button[0].click().run()
    with ui_uow as session:
        added = session.scalar(select(User).where(User.username == "mere"))
    assert added is not None and added.role == "manager"  # the role chosen before the refusal, not the default
    at.run()
    assert at.text_input(key="new_user_username").value == ""  # emptied once it went through


def test_change_password_refused_keeps_what_was_typed(signed_in, ui_uow):
    at, actor = open_page(signed_in, Role.RESEARCHER, ACCOUNT)
    with ui_uow as session:
        hash_before = session.get(User, actor.id).password_hash
    at.text_input(key="change_password_current").set_value("correct horse battery")
    at.text_input(key="change_password_new").set_value("a new passphrase")
    at.text_input(key="change_password_again").set_value("a new passphrase!")
    at.form("change_password").form_submit_button[0].click().run()
    assert any("differs from the new password" in e.value for e in at.form("change_password").error)
    assert at.text_input(key="change_password_current").value == "correct horse battery"
    assert at.text_input(key="change_password_new").value == "a new passphrase"
    assert at.text_input(key="change_password_again").value == "a new passphrase!"
    with ui_uow as session:
        assert session.get(User, actor.id).password_hash == hash_before
