"""AppTest: My applications, the editor (save, limits, conflicts, history, team) and Templates."""

import pytest

from research.db.models import Section, SectionRevision
from research.domain.roles import Role
from research.services.drafting.sections import save_section
from research.services.drafting.team import invite_coauthor
from research.ui import state
from tests.integration.drafting_support import section_id, start
from tests.ui.conftest import add_user

EDITOR = "research/ui/pages/drafting/application_editor_page.py"
MINE = "research/ui/pages/drafting/my_applications_page.py"
TEMPLATES = "research/ui/pages/drafting/templates_page.py"


def open_editor(at, application_id, section=None, plain=True):
    """Open the editor; plain=True uses the plain editor (the fallback without a live connection)."""
    at.session_state[state.EDITOR_APPLICATION] = application_id
    at.session_state[state.EDITOR_PLAIN] = plain
    if section is not None:
        at.session_state[state.EDITOR_SECTION] = section
    at.run()
    at.switch_page(EDITOR).run()
    assert not at.exception, at.exception
    return at


def body_area(at):
    return next(t for t in at.text_area if t.key and t.key.startswith(state.EDITOR_BODY_PREFIX))


def button(at, label):
    return next(b for b in at.button if b.label == label)


def markdown_text(at):
    return "\n".join(m.value for m in at.markdown)


def revisions(uow, sid):
    with uow as session:
        return [
            (r.number, r.kind, r.body)
            for r in session.query(SectionRevision).filter_by(section_id=sid).order_by(SectionRevision.number)
        ]


def test_a_researcher_with_nothing_yet_is_invited_to_start(signed_in):
    at, _ = signed_in(Role.RESEARCHER)
    at.run()
    at.switch_page(MINE).run()
    assert not at.exception
    assert "not on any application yet" in at.info[0].value
    at.switch_page(EDITOR).run()
    assert "not on the team of any application" in at.info[0].value


def test_starting_an_application_opens_it_in_the_editor(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    at.run()
    at.switch_page(MINE).run()
    form = at.form("new_application")
    form.text_input[0].set_value("Kelp forests as carbon stores")
    form.selectbox[0].select("nih-r01")
    form.text_input[1].set_value("250,000")
    form.form_submit_button[0].click().run()
    assert not at.exception and not at.error
    assert at.title[0].value == "Application editor"
    assert "Kelp forests as carbon stores" in [s.value for s in at.subheader]
    assert "Project title" in set(at.dataframe[0].value["section"])


def test_starting_without_title_or_template_says_what_is_missing(signed_in):
    at, _ = signed_in(Role.RESEARCHER)
    at.run()
    at.switch_page(MINE).run()
    at.form("new_application").form_submit_button[0].click().run()
    message = at.error[0].value
    assert "title: must not be empty" in message and "template" in message


def test_saving_a_section_makes_a_revision_and_shows_the_count(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    application_id = start(ui_uow, actor)
    summary = section_id(ui_uow, actor, application_id, "summary")
    open_editor(at, application_id, summary)
    assert "0 / 200 words" in markdown_text(at)
    body_area(at).set_value("Rivers **remember** the city.").run()
    assert "4 / 200 words" in markdown_text(at)
    button(at, "Save").click().run()
    assert not at.exception and not at.error
    assert revisions(ui_uow, summary) == [(1, "save", "Rivers **remember** the city.")]
    assert body_area(at).value == "Rivers **remember** the city."


def test_over_limit_text_is_saved_flagged_and_cannot_be_marked_ready(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    application_id = start(ui_uow, actor)
    summary = section_id(ui_uow, actor, application_id, "summary")
    open_editor(at, application_id, summary)
    body_area(at).set_value("word " * 205).run()
    assert ":red[**205 / 200 words — 5 over**]" in markdown_text(at)
    assert any("cannot be marked ready" in c.value for c in at.caption)
    button(at, "Save").click().run()
    assert len(revisions(ui_uow, summary)) == 1
    button(at, "Mark ready").click().run()
    assert "over its limit" in at.error[0].value
    with ui_uow as session:
        assert session.get(Section, summary).status == "drafting"


def test_a_stale_save_shows_both_texts_and_keeping_mine_resolves_it(signed_in, ui_uow):
    at, hana = signed_in(Role.RESEARCHER)
    wiremu = add_user(ui_uow, Role.RESEARCHER, "wiremu")
    application_id = start(ui_uow, hana)
    invite_coauthor(ui_uow, hana, application_id, wiremu.id)
    aims = section_id(ui_uow, hana, application_id, "aims")
    open_editor(at, application_id, aims)
    save_section(ui_uow, wiremu, aims, "Wiremu's aims.", 0)  # saved while Hana has it open
    body_area(at).set_value("Hana's aims.").run()
    button(at, "Save").click().run()
    assert not at.exception
    assert "saved this section" in at.error[0].value and "nothing is lost" in at.error[0].value
    texts = [t.value for t in at.text]
    assert "Wiremu's aims." in texts and "Hana's aims." in texts
    assert any("-Wiremu's aims." in c.value and "+Hana's aims." in c.value for c in at.code)
    button(at, "Keep my text").click().run()
    assert not at.exception and not at.error
    assert [k for _, k, _ in revisions(ui_uow, aims)] == ["save", "conflict", "resolution"]
    with ui_uow as session:
        assert session.get(Section, aims).body == "Hana's aims."


def test_keeping_their_text_loads_it_into_the_editor(signed_in, ui_uow):
    at, hana = signed_in(Role.RESEARCHER)
    wiremu = add_user(ui_uow, Role.RESEARCHER, "wiremu")
    application_id = start(ui_uow, hana)
    invite_coauthor(ui_uow, hana, application_id, wiremu.id)
    aims = section_id(ui_uow, hana, application_id, "aims")
    open_editor(at, application_id, aims)
    save_section(ui_uow, wiremu, aims, "Theirs.", 0)
    body_area(at).set_value("Mine.").run()
    button(at, "Save").click().run()
    button(at, "Keep their text").click().run()
    assert body_area(at).value == "Theirs."
    assert [k for _, k, _ in revisions(ui_uow, aims)] == ["save", "conflict"]


def test_merging_by_hand_saves_the_merged_text(signed_in, ui_uow):
    at, hana = signed_in(Role.RESEARCHER)
    wiremu = add_user(ui_uow, Role.RESEARCHER, "wiremu")
    application_id = start(ui_uow, hana)
    invite_coauthor(ui_uow, hana, application_id, wiremu.id)
    aims = section_id(ui_uow, hana, application_id, "aims")
    open_editor(at, application_id, aims)
    save_section(ui_uow, wiremu, aims, "Theirs.", 0)
    body_area(at).set_value("Mine.").run()
    button(at, "Save").click().run()
    merge = next(t for t in at.text_area if t.label.startswith("Or merge by hand"))
    merge.set_value("Theirs. Mine.")
    next(b for b in at.form_submit_button if b.label == "Save merged text").click().run()
    assert not at.exception and not at.error
    with ui_uow as session:
        assert session.get(Section, aims).body == "Theirs. Mine."


def test_history_compares_and_restores(signed_in, ui_uow):
    at, hana = signed_in(Role.RESEARCHER)
    application_id = start(ui_uow, hana)
    aims = section_id(ui_uow, hana, application_id, "aims")
    save_section(ui_uow, hana, aims, "First aims.", 0)
    save_section(ui_uow, hana, aims, "Second aims.", 1)
    open_editor(at, application_id, aims)
    assert any("-First aims." in c.value and "+Second aims." in c.value for c in at.code)
    at.selectbox(key=f"restore_pick_{aims}").select(1).run()
    button(at, "Restore r1").click().run()
    assert not at.exception
    assert revisions(ui_uow, aims)[-1] == (3, "restore", "First aims.")
    assert body_area(at).value == "First aims."


def test_the_lead_invites_a_coauthor_and_assigns_a_section(signed_in, ui_uow):
    at, hana = signed_in(Role.RESEARCHER)
    wiremu = add_user(ui_uow, Role.RESEARCHER, "wiremu")
    application_id = start(ui_uow, hana)
    open_editor(at, application_id)
    invite = at.form("invite_coauthor")
    invite.selectbox[0].select(wiremu.id)
    invite.form_submit_button[0].click().run()
    assert not at.exception and not at.error
    team = next(d.value for d in at.dataframe if "role" in d.value.columns)
    assert set(team["name"]) == {hana.display_name, wiremu.display_name}
    summary = section_id(ui_uow, hana, application_id, "summary")
    assign = at.form(f"assign_{summary}")
    assign.selectbox[0].select(wiremu.id)
    assign.form_submit_button[0].click().run()
    with ui_uow as session:
        assert session.get(Section, summary).owner_id == wiremu.id


def test_another_researchers_application_is_refused_in_the_editor(signed_in, ui_uow):
    owner = add_user(ui_uow, Role.RESEARCHER, "owner")
    private = start(ui_uow, owner, title="Private")
    at, outsider = signed_in(Role.RESEARCHER)
    start(ui_uow, outsider, title="Mine")
    open_editor(at, private)
    assert "Private" not in [s.value for s in at.subheader]
    assert "Mine" in [s.value for s in at.subheader]  # the last one chosen here, with no link


def test_a_link_to_an_application_the_user_is_not_on_says_so_plainly(signed_in, ui_uow):
    owner = add_user(ui_uow, Role.RESEARCHER, "owner")
    private = start(ui_uow, owner, title="Private")
    at, outsider = signed_in(Role.RESEARCHER)
    start(ui_uow, outsider, title="Mine")
    at.query_params["application"] = str(private)
    at.run()
    at.switch_page(EDITOR).run()
    at.query_params["application"] = str(private)
    at.run()
    assert not at.exception
    assert f"You do not have access to application {private}" in at.error[0].value
    assert not at.subheader  # neither the refused one nor another shown in its place


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.MANAGER, Role.ADMIN])
def test_roles_without_drafting_are_refused_the_editor(signed_in, role):
    at, _ = signed_in(role)
    at.run()
    at.switch_page(EDITOR).run()
    assert "not available to your role" in at.error[0].value
    assert not at.text_area


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER, Role.MANAGER])
def test_only_admins_see_templates(signed_in, role):
    at, _ = signed_in(role)
    at.run()
    at.switch_page(TEMPLATES).run()
    assert "not available to your role" in at.error[0].value


def test_admin_sees_templates_and_adds_one_from_a_toml_file(signed_in):
    at, _ = signed_in(Role.ADMIN)
    at.run()
    at.switch_page(TEMPLATES).run()
    assert not at.exception
    listed = at.dataframe[0].value
    assert {"marsden-full-proposal", "hrc-project", "mbie-smart-ideas", "nih-r01"} <= set(listed["key"])
    toml = (
        b'key = "city-seed"\nname = "City seed"\nfunder = "City"\nscheme = "Seed"\nversion = "1"\n'
        b'[[sections]]\nkey = "idea"\ntitle = "The idea"\nlimit = { unit = "words", max = 300 }\n'
    )
    at.file_uploader[0].upload("city-seed.toml", toml, "application/toml")
    at.form("add_template").form_submit_button[0].click().run()
    assert not at.exception and not at.error
    assert "city-seed" in set(at.dataframe[0].value["key"])


def test_a_template_file_with_a_mistake_is_refused_naming_file_and_key(signed_in):
    at, _ = signed_in(Role.ADMIN)
    at.run()
    at.switch_page(TEMPLATES).run()
    toml = (
        b'key = "bad"\nname = "Bad"\nfunder = "F"\nscheme = "S"\nversion = "1"\n'
        b'[[sections]]\nkey = "a"\ntitle = "A"\nlimit = { unit = "words", max = -3 }\n'
    )
    at.file_uploader[0].upload("bad.toml", toml, "application/toml")
    at.form("add_template").form_submit_button[0].click().run()
    assert at.error[0].value == "bad.toml: sections[1].limit.max: must be more than 0, not -3"
    assert "bad" not in set(at.dataframe[0].value["key"])


def test_home_lists_the_sections_assigned_to_a_researcher(signed_in, ui_uow):
    from research.services.drafting.team import assign_section

    at, hana = signed_in(Role.RESEARCHER)
    application_id = start(ui_uow, hana, title="Rivers and memory")
    assign_section(ui_uow, hana, section_id(ui_uow, hana, application_id, "aims"), hana.id, None)
    at.run()
    assert not at.exception
    assert "Overall aims — Rivers and memory" in [link.value for link in at.page_link]


def test_choosing_a_round_suggests_its_template_and_due_dates_follow_its_draft_milestone(signed_in, ui_uow):
    from tests.integration.drafting_support import make_round

    round_id = make_round(ui_uow, add_user(ui_uow, Role.MANAGER), template_key="mbie-smart-ideas", draft_days=5)
    at, _ = signed_in(Role.RESEARCHER)
    at.run()
    at.switch_page(MINE).run()
    at.selectbox(key=state.NEW_APPLICATION_ROUND).select(round_id).run()
    form = at.form("new_application")
    assert form.selectbox[0].value == "mbie-smart-ideas"
    form.text_input[0].set_value("Printed soil sensors")
    form.text_input[1].set_value("400000")
    form.form_submit_button[0].click().run()
    assert not at.exception and not at.error
    sections = at.dataframe[0].value
    assert "Excellence: the science" in set(sections["section"]) and "due" in sections.columns


def test_the_editor_shows_who_else_is_here_and_a_newer_save_while_typing(signed_in, ui_uow):
    from research.services.drafting.presence import mark_present

    at, hana = signed_in(Role.RESEARCHER)
    wiremu = add_user(ui_uow, Role.RESEARCHER, "wiremu")
    application_id = start(ui_uow, hana)
    invite_coauthor(ui_uow, hana, application_id, wiremu.id)
    aims = section_id(ui_uow, hana, application_id, "aims")
    mark_present(ui_uow, wiremu, aims)
    open_editor(at, application_id, aims)
    assert "Also editing this section now: Wiremu" in at.info[0].value
    body_area(at).set_value("Hana, typing.").run()
    save_section(ui_uow, wiremu, aims, "Wiremu saved.", 0)
    at.run()
    assert "Wiremu saved a newer version (r1)" in at.warning[0].value
    assert body_area(at).value == "Hana, typing."  # what she typed is not replaced


def test_with_nothing_typed_the_editor_follows_a_newer_save(signed_in, ui_uow):
    at, hana = signed_in(Role.RESEARCHER)
    wiremu = add_user(ui_uow, Role.RESEARCHER, "wiremu")
    application_id = start(ui_uow, hana)
    invite_coauthor(ui_uow, hana, application_id, wiremu.id)
    aims = section_id(ui_uow, hana, application_id, "aims")
    open_editor(at, application_id, aims)
    save_section(ui_uow, wiremu, aims, "Wiremu saved.", 0)
    at.run()
    assert body_area(at).value == "Wiremu saved." and not at.warning


def test_a_template_shows_the_page_rules_its_funder_states_and_not_stated_for_the_rest(signed_in):
    at, _ = signed_in(Role.ADMIN)
    at.run()
    at.switch_page(TEMPLATES).run()
    at.selectbox(key=state.TEMPLATES_SELECTED).set_value("marsden-full-proposal").run()
    captions = " ".join(c.value for c in at.caption)
    assert "Paper: A4 · Margins: 2 cm · Font: not stated · Font size: 12 pt · Line spacing: single" in captions
    at.selectbox(key=state.TEMPLATES_SELECTED).set_value("nih-r01").run()
    captions = " ".join(c.value for c in at.caption)
    assert "Paper: not stated · Margins: not stated · Font: not stated" in captions


def test_a_second_save_in_the_same_visit_compares_the_two_newest_revisions(signed_in, ui_uow):
    at, hana = signed_in(Role.RESEARCHER)
    application_id = start(ui_uow, hana)
    aims = section_id(ui_uow, hana, application_id, "aims")
    open_editor(at, application_id, aims)
    body_area(at).input("First aims.")
    button(at, "Save").click().run()
    body_area(at).input("Second aims.")
    button(at, "Save").click().run()
    assert not at.exception
    assert at.selectbox(key=f"compare_new_{aims}").value == 2
    assert at.selectbox(key=f"compare_old_{aims}").value == 1
    assert any("-First aims." in c.value and "+Second aims." in c.value for c in at.code)
    assert not any("r1 and r1" in c.value for c in at.code)
