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


def test_who_wrote_what_shows_each_paragraphs_writers(signed_in, ui_uow):
    from pycrdt import Doc, Text

    from research.collab import log

    at, actor = signed_in(Role.RESEARCHER)
    application_id = start(ui_uow, actor)
    aims = section_id(ui_uow, actor, application_id, "aims")
    doc = Doc()
    doc.get("body", type=Text).insert(0, "Aims written live.")
    log.append(ui_uow, aims, actor.id, doc.get_update(), {doc.client_id})
    open_editor(at, application_id, aims, plain=False)
    next(t for t in at.toggle if t.label == "Show each co-author's contribution").set_value(True).run()
    table = next(d.value for d in at.dataframe if "Paragraph" in d.value.columns)
    assert list(table["Paragraph"]) == ["Aims written live."]
    assert list(table["Written by"]) == [f"{actor.display_name} 100%"]


def test_mark_ready_in_the_live_editor_applies_to_the_live_text(signed_in, ui_uow):
    from pycrdt import Doc, Text

    from research.collab import log
    from research.services.drafting.sections import open_section

    at, actor = signed_in(Role.RESEARCHER)
    application_id = start(ui_uow, actor)
    aims = section_id(ui_uow, actor, application_id, "aims")
    log.catch_up(ui_uow, aims)
    doc = Doc()
    doc.get("body", type=Text).insert(0, "Aims typed live, never saved by hand.")
    log.append(ui_uow, aims, actor.id, doc.get_update(), {doc.client_id})
    open_editor(at, application_id, aims, plain=False)
    button(at, "Mark ready").click().run()
    view = open_section(ui_uow, actor, aims)
    assert (view.status, view.body) == ("ready", "Aims typed live, never saved by hand.")


def test_the_count_follows_the_live_text_against_the_section_and_its_shared_limit(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    application_id = start(ui_uow, actor)
    aims = section_id(ui_uow, actor, application_id, "aims")
    open_editor(at, application_id, aims, plain=False)

    def counts() -> str:
        return next(m.value for m in at.markdown if "This section:" in m.value)

    before = counts()
    assert "Background, Overall aims and Proposed research together: " in before
    # What the live editor reports (its shared text, typed by anyone in the section) drives the counts.
    page_of_text = "\n\n".join(["A sentence of ordinary length about the methods used here."] * 30)
    at.session_state[f"{state.EDITOR_LIVE_EDITOR_PREFIX}{aims}"] = {"text": page_of_text * 10}
    at.run()
    after = counts()
    assert after != before and "This section: " in after
    shared = after.split("Background, Overall aims and Proposed research together: ")[1]
    assert ":red[" in shared.split("\n")[0]  # the shared 5-page limit is over with this text alone
    assert any("Over the limit" in c.value for c in at.caption)
