"""Drafting forms refused once keep what was typed and chosen, say why, and write nothing."""

from sqlalchemy import func, select

from research.db.models import Application, ApplicationMember, ApplicationTemplate
from research.domain.roles import Role
from tests.integration.drafting_support import start
from tests.ui.drafting.test_drafting_pages import MINE, TEMPLATES, open_editor


def count(uow, model) -> int:
    with uow as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_refused_new_application_keeps_title_template_and_amount(signed_in, ui_uow):
    at, _ = signed_in(Role.RESEARCHER)
    at.run()
    at.switch_page(MINE).run()
    form = at.form("new_application")
    form.text_input[0].set_value("Kelp forests as carbon stores")
    form.selectbox[0].select("nih-r01")
    form.text_input[1].set_value("lots of money")
    form.form_submit_button[0].click().run()
    assert any("requested amount" in e.value for e in at.error)
    assert count(ui_uow, Application) == 0
    form = at.form("new_application")
    assert form.text_input[0].value == "Kelp forests as carbon stores"
    assert form.selectbox[0].value == "nih-r01"
    assert form.text_input[1].value == "lots of money"


def test_an_empty_invite_says_to_choose_someone_and_adds_nobody(signed_in, ui_uow):
    from tests.ui.conftest import add_user  # noqa: PLC0415

    at, hana = signed_in(Role.RESEARCHER)
    add_user(ui_uow, Role.RESEARCHER, "wiremu")
    application_id = start(ui_uow, hana)
    open_editor(at, application_id)
    members = count(ui_uow, ApplicationMember)
    at.form("invite_coauthor").form_submit_button[0].click().run()
    assert [e.value for e in at.form("invite_coauthor").error] == ["Choose a researcher to invite first."]
    assert count(ui_uow, ApplicationMember) == members


def test_a_refused_template_file_stays_chosen(signed_in, ui_uow):
    at, _ = signed_in(Role.ADMIN)
    at.run()
    at.switch_page(TEMPLATES).run()
    templates = count(ui_uow, ApplicationTemplate)
    toml = b'key = "bad"\nname = "Bad"\nfunder = "F"\nscheme = "S"\nversion = "1"\n'
    at.file_uploader[0].upload("bad.toml", toml, "application/toml")
    at.form("add_template").form_submit_button[0].click().run()
    assert at.error and count(ui_uow, ApplicationTemplate) == templates
    assert at.file_uploader[0].value.getvalue() == toml  # still chosen, to fix and send again
