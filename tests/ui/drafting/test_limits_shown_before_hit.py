"""Every limit a writer can hit is shown before it is hit: a section with no funder limit shows what it holds."""

from research.domain.roles import Role
from tests.integration.drafting_support import section_id, start
from tests.ui.drafting.test_drafting_pages import body_area, markdown_text, open_editor


def test_a_section_without_a_funder_limit_shows_the_characters_it_can_hold(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    application_id = start(ui_uow, actor, template="hrc-project")
    lay = section_id(ui_uow, actor, application_id, "lay_summary")
    open_editor(at, application_id, lay)
    shown = markdown_text(at)
    assert "(no funder limit)" in shown and "(no limit)" not in shown
    assert "0 / 200,000 characters" in shown
    body_area(at).set_value("word " * 10_011).run()
    shown = markdown_text(at)
    assert "10,011 words" in shown  # thousands separated
    assert "50,055 / 200,000 characters" in shown
