"""Import from Word page: preview beside the current text, accept one section, place unplaced text."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from research.db.models import Section, SectionRevision
from research.domain.roles import Role
from research.export.docx_application import application_docx
from research.export.docx_provenance import stamp_export
from research.services.drafting.docx_export import export_document
from research.services.drafting.draft_import import export_stamp
from research.services.drafting.sections import open_section, save_section
from research.ui import state
from research.ui.components.drafting.draft_import_panel import (
    DRAFT_IMPORT_ACCEPT_ALL_KEY,
    DRAFT_IMPORT_ACCEPT_PREFIX,
    DRAFT_IMPORT_PLACE_PREFIX,
    DRAFT_IMPORT_REPLACE_PREFIX,
    DRAFT_IMPORT_TARGET_PREFIX,
    DRAFT_IMPORT_UPLOAD_KEY,
)
from tests.draft_docx_support import edit_in_word, filled_application
from tests.integration.drafting_support import section_id, start

PAGE = "research/ui/pages/drafting/draft_import_page.py"


def _open(at, data=None, name="filled.docx"):
    at.run()
    at.switch_page(PAGE).run()
    if data is not None:
        at.file_uploader(key=DRAFT_IMPORT_UPLOAD_KEY).upload(name, data).run()
    assert not at.exception
    return at


def _revisions(uow, application_id):
    with uow as session:
        return session.scalar(
            select(func.count(SectionRevision.id))
            .join(Section, Section.id == SectionRevision.section_id)
            .where(Section.application_id == application_id)
        )


def test_preview_then_accept_one_section_saves_only_that_one(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    application = start(ui_uow, actor)
    _open(at, filled_application())
    assert not at.error
    assert "5 of 11 sections" in at.info[0].value and "88 in the file = 67 placed + 21 unplaced" in at.info[0].value
    assert _revisions(ui_uow, application) == 0  # the preview writes nothing
    summary = section_id(ui_uow, actor, application, "summary")
    at.button(key=f"{DRAFT_IMPORT_ACCEPT_PREFIX}{summary}").click().run()
    assert not at.exception and not at.error
    assert open_section(ui_uow, actor, summary).body.startswith("We trace how **river communities**")
    assert open_section(ui_uow, actor, section_id(ui_uow, actor, application, "aims")).body == ""
    assert _revisions(ui_uow, application) == 1
    assert f"{DRAFT_IMPORT_ACCEPT_PREFIX}{summary}" not in [b.key for b in at.button]  # now unchanged


def test_unplaced_text_is_shown_and_can_be_put_in_a_section(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    application = start(ui_uow, actor)
    _open(at, filled_application())
    assert "Letters from two regional councils are attached." in at.code[-1].value
    at.selectbox(key=f"{DRAFT_IMPORT_TARGET_PREFIX}1").select("roles_resources").run()
    at.button(key=f"{DRAFT_IMPORT_PLACE_PREFIX}1").click().run()
    assert not at.exception
    assert at.session_state[state.DRAFT_IMPORT]["assigned"] == {1: "roles_resources"}
    assert "67 placed" not in at.info[0].value and "78 placed + 10 unplaced" in at.info[0].value
    roles = section_id(ui_uow, actor, application, "roles_resources")
    at.button(key=f"{DRAFT_IMPORT_ACCEPT_PREFIX}{roles}").click().run()
    assert "Letters from two regional councils" in open_section(ui_uow, actor, roles).body


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"not a word file", "notes.docx", "not a real .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "old.doc", "97-2003"),
    ],
)
def test_a_bad_file_is_refused_with_a_reason_and_nothing_changes(signed_in, ui_uow, data, name, message):
    at, actor = signed_in(Role.RESEARCHER)
    application = start(ui_uow, actor)
    _open(at, data, name)
    assert message in at.error[0].value and not at.expander
    assert _revisions(ui_uow, application) == 0


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.MANAGER, Role.ADMIN])
def test_roles_that_do_not_draft_cannot_open_the_page(signed_in, role):
    at, _ = signed_in(role)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.file_uploader


def test_accept_all_saves_every_changed_section_and_reports_one_saved_meanwhile(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    application = start(ui_uow, actor)
    _open(at, filled_application())
    summary = section_id(ui_uow, actor, application, "summary")
    save_section(ui_uow, actor, summary, "Written meanwhile.", 0)  # after the preview was shown
    at.button(key=DRAFT_IMPORT_ACCEPT_ALL_KEY).click().run()
    assert not at.exception and not at.error
    assert "“Summary”" in at.warning[0].value and "not overwritten" in at.warning[0].value
    assert not [b for b in at.button if b.key.startswith(DRAFT_IMPORT_REPLACE_PREFIX)]  # no export stamp here
    assert open_section(ui_uow, actor, summary).body == "Written meanwhile."
    aims = open_section(ui_uow, actor, section_id(ui_uow, actor, application, "aims"))
    assert aims.body == "1. Record oral histories.\n2. Map remembered flood lines."
    assert _revisions(ui_uow, application) == 1 + 5  # the meanwhile save, 4 accepted, 1 kept as a conflict


def test_a_section_saved_after_the_export_is_replaced_only_by_the_explicit_choice(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    application = start(ui_uow, actor)
    summary = section_id(ui_uow, actor, application, "summary")
    save_section(ui_uow, actor, summary, "Exported text.", 0)
    stamp = export_stamp(ui_uow, actor, application)
    exported = stamp_export(application_docx(export_document(ui_uow, actor, application)), stamp)
    save_section(ui_uow, actor, summary, "Exported text, then more written in the app.", 1)
    edited = edit_in_word(exported, {"Summary": [("keep", "Exported text, edited in Word.")]})
    _open(at, edited, "edited.docx")
    assert "saved in the app after the file was exported" in at.warning[0].value
    at.button(key=f"{DRAFT_IMPORT_ACCEPT_PREFIX}{summary}").click().run()
    assert open_section(ui_uow, actor, summary).body == "Exported text, then more written in the app."
    at.button(key=f"{DRAFT_IMPORT_REPLACE_PREFIX}{summary}").click().run()
    assert not at.exception and open_section(ui_uow, actor, summary).body == "Exported text, edited in Word."
