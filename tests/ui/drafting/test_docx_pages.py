"""AppTest: the Export to Word page (and its download component) and the Import a Word form page."""

from __future__ import annotations

from datetime import date, time

import docx
import pytest
from sqlalchemy import func, select

from research.db.models import ApplicationTemplate
from research.domain.roles import Role
from research.ui import state
from tests import review_builders
from tests.docx_support import FIRST, SECOND, build_application, docx_bytes, reopen

EXPORT = "research/ui/pages/drafting/docx_export_page.py"
IMPORT = "research/ui/pages/drafting/template_import_page.py"


def open_page(at, page):
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def prepared(at):
    return at.session_state[state.DOCX_PREPARED + "docx"]


def paragraphs(data):
    return [p.text for p in reopen(data).paragraphs]


def test_a_researcher_downloads_the_whole_application(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    build_application(ui_uow, actor)
    open_page(at, EXPORT)
    assert not at.download_button  # nothing is made until asked
    at.checkbox(key="docx_counts").check().run()
    at.button(key="docx_make").click().run()
    assert not at.exception and not at.error
    made = prepared(at)
    assert made["file_name"] == "hearing-screening-in-primary-schools.docx"
    texts = paragraphs(made["data"])
    assert "A better summary of the project." in texts and "Length: 6 of 20 words" in texts
    assert at.download_button[0].label == "Download the Word file"
    assert any("hearing-screening-in-primary-schools.docx" in c.value for c in at.caption)


def test_one_section_as_frozen_for_review(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    built = build_application(ui_uow, actor)
    open_page(at, EXPORT)
    at.radio(key="docx_scope").set_value("One section").run()
    at.selectbox(key="docx_section").set_value(built.section_ids["aims"]).run()
    at.radio(key="docx_which").set_value("Frozen for a review round").run()
    at.checkbox(key="docx_cover").check().run()
    at.button(key="docx_make").click().run()
    texts = paragraphs(prepared(at)["data"])
    assert "2. Aims" in texts and "First aim" in texts and "1. Lay summary" not in texts
    assert any(t.startswith("Text: As frozen for review round 1") for t in texts)


def test_text_as_saved_at_a_time(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    build_application(ui_uow, actor)
    open_page(at, EXPORT)
    at.radio(key="docx_which").set_value("As saved at a time").run()
    at.date_input(key="docx_day").set_value(date(2026, 2, 5)).run()
    at.time_input(key="docx_time").set_value(time(12, 0)).run()
    at.button(key="docx_make").click().run()
    texts = paragraphs(prepared(at)["data"])
    assert FIRST["summary"] in texts and SECOND["summary"].replace("**", "") not in texts


def test_changing_an_option_withdraws_the_old_file(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    build_application(ui_uow, actor)
    open_page(at, EXPORT)
    at.button(key="docx_make").click().run()
    assert at.download_button
    at.checkbox(key="docx_counts").check().run()
    assert not at.download_button


def test_a_researcher_on_no_team_is_told_so(signed_in, ui_uow):
    at, _ = signed_in(Role.RESEARCHER)
    open_page(at, EXPORT)
    assert "not on the team of any application" in at.info[0].value
    assert not at.button


def test_an_application_without_sections_says_there_is_nothing_to_export(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    review_builders.build_application(ui_uow, actor, title="Just started", without_sections=True)
    open_page(at, EXPORT)
    assert "no sections yet" in at.info[0].value
    assert not at.button


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.MANAGER, Role.ADMIN])
def test_roles_that_do_not_draft_cannot_open_the_export_page(signed_in, role):
    at, _ = signed_in(role)
    open_page(at, EXPORT)
    assert "not available to your role" in at.error[0].value
    assert not at.selectbox


def form_bytes():
    form = docx.Document()
    form.add_paragraph("Seed Fund Application", style="Title")
    form.add_heading("1. Summary (max 200 words)", 1)
    form.add_paragraph("For a general reader.")
    form.add_heading("2. Budget (1 page)", 1)
    return docx_bytes(form)


def templates_saved(uow):
    with uow as session:
        return session.scalar(select(func.count()).select_from(ApplicationTemplate))


def upload(at, data, name="seed-form.docx"):
    at.file_uploader(key="template_import_upload").upload(name, data).run()
    assert not at.exception
    return at


def test_an_admin_imports_a_form_checks_the_preview_and_saves(signed_in, ui_uow):
    at, _ = signed_in(Role.ADMIN)
    upload(open_page(at, IMPORT), form_bytes())
    sections = at.data_editor(key="template_import_sections").value
    assert list(sections["title"]) == ["Summary", "Budget"]
    assert list(sections["limit max"]) == [200, 1] and list(sections["limit unit"]) == ["words", "pages"]
    form = at.form("template_import_form")
    fields = {t.label: t for t in form.text_input}
    assert fields["Name"].value == "Seed Fund Application"
    fields["Funder (required)"].set_value("City economic development unit")
    fields["Scheme (required)"].set_value("Seed fund")
    form.form_submit_button[0].click().run()
    assert not at.exception and not at.error
    assert "Saved the template “Seed Fund Application”" in at.success[0].value
    assert templates_saved(ui_uow) == 1


def test_saving_without_a_funder_names_the_field_and_saves_nothing(signed_in, ui_uow):
    at, _ = signed_in(Role.ADMIN)
    upload(open_page(at, IMPORT), form_bytes())
    at.form("template_import_form").form_submit_button[0].click().run()
    assert "funder: must not be empty" in at.error[0].value
    assert templates_saved(ui_uow) == 0


def test_an_edit_in_the_preview_is_what_gets_saved(signed_in, ui_uow):
    at, _ = signed_in(Role.ADMIN)
    upload(open_page(at, IMPORT), form_bytes())
    at.session_state["template_import_sections"] = {
        "edited_rows": {1: {"limit unit": "words", "limit max": 300}},
        "added_rows": [],
        "deleted_rows": [],
    }
    form = at.form("template_import_form")
    for field in form.text_input:
        if field.label in ("Funder (required)", "Scheme (required)"):
            field.set_value("Set")
    form.form_submit_button[0].click().run()
    assert not at.error
    with ui_uow as session:
        spec = session.scalar(select(ApplicationTemplate.spec))
    assert spec["sections"][1]["limit"] == {"unit": "words", "max": 300}


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"junk that is no zip", "form.docx", "form.docx: is damaged or not a real .docx"),
        (bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 600, "form.doc", "old Word 97-2003 .doc"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_no_preview(signed_in, ui_uow, data, name, message):
    at, _ = signed_in(Role.ADMIN)
    upload(open_page(at, IMPORT), data, name)
    assert message in at.error[0].value
    assert not at.data_editor
    assert templates_saved(ui_uow) == 0


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER, Role.MANAGER])
def test_only_admins_reach_the_import_page(signed_in, role):
    at, _ = signed_in(role)
    open_page(at, IMPORT)
    assert "not available to your role" in at.error[0].value
    assert not at.file_uploader


def test_the_preview_shows_each_question_where_it_was_found_and_the_page_rules(signed_in, ui_uow):
    from tests import form_fixtures

    at, _ = signed_in(Role.ADMIN)
    upload(open_page(at, IMPORT), form_fixtures.uk_case_for_support(), "case-for-support.docx")
    sections = at.data_editor(key="template_import_sections").value
    assert len(sections) == 6 and list(sections["limit unit"]) == ["characters"] + ["pages"] * 5
    assert sections["found in"][0].startswith("paragraph 4, style List Number, number 1")
    assert len(at.data_editor(key="template_import_shared").value) == 2  # two shared limits
    rules = at.data_editor(key="template_import_page_rules").value.set_index("rule")["template says"].to_dict()
    assert rules == {
        "Paper": "A4",
        "Margins": "2 cm",
        "Font": "Arial",
        "Font size": "11 pt",
        "Line spacing": "not stated",
        "Headers and footers": "not stated",
    }
    assert "Every limit and page rule the form states was placed" in at.success[0].value


def test_phrases_that_could_not_be_placed_are_shown(signed_in):
    from tests import form_fixtures

    at, _ = signed_in(Role.ADMIN)
    upload(open_page(at, IMPORT), form_fixtures.no_rules_form(), "no-rules.docx")
    assert "1 phrase(s) look like a limit or a page rule but were not placed" in at.warning[0].value
    assert "Include 3 pages of letters" in at.table[0].value["text"].iloc[0]


def test_a_second_form_with_the_same_title_gets_its_own_key_and_order_can_be_changed(signed_in, ui_uow):
    at, _ = signed_in(Role.ADMIN)
    upload(open_page(at, IMPORT), form_bytes())
    at.session_state["template_import_sections"] = {
        "edited_rows": {0: {"order": 2}, 1: {"order": 1}},
        "added_rows": [],
        "deleted_rows": [],
    }
    form = at.form("template_import_form")
    for field in form.text_input:
        if field.label in ("Funder (required)", "Scheme (required)"):
            field.set_value("Set")
    form.form_submit_button[0].click().run()
    assert not at.error
    with ui_uow as session:
        spec = session.scalar(select(ApplicationTemplate.spec))
    assert [s["key"] for s in spec["sections"]] == ["budget", "summary"]
    upload(at, form_bytes(), "another-seed-form.docx")
    assert at.form("template_import_form").text_input[1].value == "seed-fund-application-2"


def test_a_page_rule_typed_in_the_preview_is_saved_and_a_bad_one_is_named(signed_in, ui_uow):
    at, _ = signed_in(Role.ADMIN)
    upload(open_page(at, IMPORT), form_bytes())
    at.session_state["template_import_page_rules"] = {
        "edited_rows": {1: {"template says": "12 cm"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    form = at.form("template_import_form")
    for field in form.text_input:
        if field.label in ("Funder (required)", "Scheme (required)"):
            field.set_value("Set")
    form.form_submit_button[0].click().run()
    assert "page: Margins: must be a number from 0.1 to 10, not '12 cm'" in at.error[0].value
    assert templates_saved(ui_uow) == 0
    at.session_state["template_import_page_rules"] = {
        "edited_rows": {1: {"template says": "2 cm"}, 2: {"template says": "Arial"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.form("template_import_form").form_submit_button[0].click().run()
    assert not at.error
    with ui_uow as session:
        spec = session.scalar(select(ApplicationTemplate.spec))
    assert spec["page"] == {"margins_cm": 2.0, "font": "Arial"}
