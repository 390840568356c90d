"""The editor opens in live mode (the co-writing component), and the plain editor is one click away."""

from research.domain.roles import Role
from research.ui import state
from tests.integration.drafting_support import section_id, start
from tests.ui.drafting.test_drafting_pages import button, open_editor


def test_a_section_opens_in_the_live_editor_without_a_save_button(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    application_id = start(ui_uow, actor)
    open_editor(at, application_id, section_id(ui_uow, actor, application_id, "aims"), plain=False)
    assert not [t for t in at.text_area if t.key and t.key.startswith(state.EDITOR_BODY_PREFIX)]
    assert "Save" not in [b.label for b in at.button]
    assert any("This section:" in m.value for m in at.markdown)

    button(at, "Use the plain editor").click().run()
    assert [t for t in at.text_area if t.key and t.key.startswith(state.EDITOR_BODY_PREFIX)]
    button(at, "Back to live writing").click().run()
    assert "Use the plain editor" in [b.label for b in at.button]
