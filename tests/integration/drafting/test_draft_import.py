"""Importing a Word draft: a preview that writes nothing, per-section accepts, Track Changes round trips."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from research.cli import main
from research.db.models import Section, SectionRevision
from research.domain.errors import InvalidInput, PermissionDenied
from research.domain.roles import Role
from research.export.docx_application import application_docx
from research.export.docx_draft_reader import read_draft
from research.export.docx_provenance import stamp_export
from research.services.drafting.docx_export import export_document
from research.services.drafting.draft_import import (
    ImportStatus,
    accept_imported_section,
    export_stamp,
    preview_draft_import,
)
from research.services.drafting.sections import open_section, save_section
from tests.draft_docx_support import edit_in_word, filled_application, paragraph_words
from tests.integration.drafting_support import section_id, start

BODIES = {
    "summary": "Rivers hold the **memory** of floods.",
    "aims": "1. Record oral histories\n2. Map flood lines",
    "background": "Earlier studies looked at *single* towns.",
}


def _state(uow, application_id):
    """Every section's (key, body, version) and the number of revisions: what a refusal must leave alone."""
    with uow as session:
        sections = session.execute(
            select(Section.key, Section.body, Section.version).where(Section.application_id == application_id)
        ).all()
        revisions = session.scalar(
            select(func.count(SectionRevision.id))
            .join(Section, Section.id == SectionRevision.section_id)
            .where(Section.application_id == application_id)
        )
        return sorted(tuple(s) for s in sections), revisions


@pytest.fixture
def lead(make_actor):
    return make_actor(Role.RESEARCHER)


@pytest.fixture
def application(uow, lead):
    return start(uow, lead)


def _write(uow, actor, application_id, bodies):
    for key, body in bodies.items():
        sid = section_id(uow, actor, application_id, key)
        save_section(uow, actor, sid, body, open_section(uow, actor, sid).version)


def test_a_filled_draft_is_previewed_with_every_word_accounted_for_and_nothing_written(uow, lead, application):
    data = filled_application()
    before = _state(uow, application)
    preview = preview_draft_import(uow, lead, application, read_draft(data, "filled.docx"))
    assert preview.words_in == paragraph_words(data)
    assert preview.words_in == preview.words_placed + preview.words_unplaced
    found = {s.key: s for s in preview.matched}
    assert set(found) == {"summary", "benefit", "background", "aims", "proposed_research"}
    assert found["summary"].imported == "We trace how **river communities** remember floods, and *why* it matters."
    assert "- Local knowledge guides recovery." in found["benefit"].imported
    assert "| 2027 | Interviews |" in found["proposed_research"].imported
    assert all(s.status is ImportStatus.CHANGED for s in found.values())
    assert [u.markdown.splitlines()[0] for u in preview.unplaced] == [
        "# Rivers and memory",
        "# Appendix: letters of support",
    ]
    assert _state(uow, application) == before


def test_accepting_one_section_makes_one_revision_by_the_importer_and_leaves_the_others(uow, lead, application):
    preview = preview_draft_import(uow, lead, application, read_draft(filled_application(), "filled.docx"))
    summary = next(s for s in preview.sections if s.key == "summary")
    outcome = accept_imported_section(
        uow, lead, application, summary.section_id, summary.imported, summary.version, "filled.docx"
    )
    assert outcome.saved and outcome.section.body == summary.imported
    with uow as session:
        revision = session.scalars(
            select(SectionRevision).where(SectionRevision.section_id == summary.section_id)
        ).one()
        assert (revision.author_id, revision.note) == (lead.id, "imported from filled.docx")
        others = session.scalars(
            select(Section.body).where(Section.application_id == application, Section.key != "summary")
        )
        assert set(others) == {""}


def test_a_track_changes_round_trip_shows_only_the_edited_section_and_accepts_it(uow, lead, application):
    _write(uow, lead, application, BODIES)
    exported = application_docx(export_document(uow, lead, application))
    edited = edit_in_word(
        exported,
        {"Summary": [("keep", "Rivers hold the "), ("del", "memory"), ("ins", "long memory"), ("keep", " of floods.")]},
    )
    draft = read_draft(edited, "from-coauthor.docx")
    assert (draft.insertions, draft.deletions) == (1, 1)
    preview = preview_draft_import(uow, lead, application, draft)
    status = {s.key: s.status for s in preview.sections}
    assert status["summary"] is ImportStatus.CHANGED
    assert status["aims"] is status["background"] is ImportStatus.UNCHANGED
    summary = next(s for s in preview.sections if s.key == "summary")
    assert summary.imported == "Rivers hold the long memory of floods."
    assert "+Rivers hold the long memory of floods." in summary.diff
    accept_imported_section(uow, lead, application, summary.section_id, summary.imported, summary.version, "x.docx")
    assert open_section(uow, lead, summary.section_id).body == "Rivers hold the long memory of floods."


def test_a_plain_edit_in_word_counts_as_a_change_too(uow, lead, application):
    _write(uow, lead, application, BODIES)
    exported = application_docx(export_document(uow, lead, application))
    edited = edit_in_word(exported, {"Overall aims": [("keep", "Record oral histories and songs")]})
    preview = preview_draft_import(uow, lead, application, read_draft(edited, "plain.docx"))
    aims = next(s for s in preview.sections if s.key == "aims")
    assert aims.status is ImportStatus.CHANGED and aims.imported.startswith("1. Record oral histories and songs")


def test_a_section_saved_since_the_preview_is_not_overwritten(uow, lead, application):
    preview = preview_draft_import(uow, lead, application, read_draft(filled_application(), "filled.docx"))
    summary = next(s for s in preview.sections if s.key == "summary")
    save_section(uow, lead, summary.section_id, "Written meanwhile.", summary.version)
    outcome = accept_imported_section(
        uow, lead, application, summary.section_id, summary.imported, summary.version, "filled.docx"
    )
    assert outcome.conflict
    assert open_section(uow, lead, summary.section_id).body == "Written meanwhile."
    with uow as session:
        kinds = session.scalars(
            select(SectionRevision.kind).where(SectionRevision.section_id == summary.section_id)
        ).all()
    assert sorted(kinds) == ["conflict", "save"]  # the imported text is kept in the history


def test_refusals_change_nothing(uow, lead, application, make_actor):
    other = start(uow, lead, title="Another application")
    preview = preview_draft_import(uow, lead, application, read_draft(filled_application(), "filled.docx"))
    summary = next(s for s in preview.sections if s.key == "summary")
    before = _state(uow, application), _state(uow, other)
    with pytest.raises(InvalidInput, match="not a section of this application"):
        accept_imported_section(uow, lead, other, summary.section_id, summary.imported, summary.version, "f.docx")
    reviewer = make_actor(Role.REVIEWER)
    with pytest.raises(PermissionDenied):
        accept_imported_section(uow, reviewer, application, summary.section_id, "x", summary.version, "f.docx")
    with pytest.raises(PermissionDenied):
        preview_draft_import(uow, reviewer, application, read_draft(filled_application(), "filled.docx"))
    stranger = make_actor(Role.RESEARCHER)
    with pytest.raises(PermissionDenied):
        accept_imported_section(uow, stranger, application, summary.section_id, "x", summary.version, "f.docx")
    assert (_state(uow, application), _state(uow, other)) == before


def test_a_file_from_another_application_is_flagged(uow, lead, application):
    draft = read_draft(filled_application(), "filled.docx")
    other = start(uow, lead, title="Coastal erosion", template="marsden-full-proposal")
    preview = preview_draft_import(uow, lead, other, draft)
    assert any("titled “Rivers and memory”, not “Coastal erosion”" in w for w in preview.warnings)


@pytest.fixture
def cli_env(monkeypatch, database_url, uow):
    monkeypatch.setenv("DATABASE_URL", database_url)
    return uow


def test_cli_dry_run_prints_the_matching_and_writes_nothing(cli_env, lead, application, tmp_path, capsys):
    path = tmp_path / "filled.docx"
    path.write_bytes(filled_application())
    before = _state(cli_env, application)
    assert main(["import-draft", str(application), str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "summary: Summary <- “1. Summary” (numbering 100, paragraph 3), 13 words, changed" in out
    assert "Unplaced text: 21 words in 2 part(s)" in out
    assert "Words: 88 in the file = 67 placed + 21 unplaced" in out
    assert "Dry run: nothing was written." in out
    assert _state(cli_env, application) == before


def test_cli_writes_revisions_as_the_named_team_member(cli_env, lead, application, tmp_path, capsys):
    path = tmp_path / "filled.docx"
    path.write_bytes(filled_application())
    before = _state(cli_env, application)
    assert main(["import-draft", str(application), str(path)]) == 1
    assert "add --as USERNAME" in capsys.readouterr().out
    assert _state(cli_env, application) == before
    args = ["import-draft", str(application), str(path), "--as", lead.username, "--section", "summary"]
    assert main(args) == 0
    assert "saved: summary as revision 1" in capsys.readouterr().out
    assert open_section(cli_env, lead, section_id(cli_env, lead, application, "summary")).body.startswith("We trace")
    assert open_section(cli_env, lead, section_id(cli_env, lead, application, "aims")).body == ""


def test_cli_refuses_a_file_that_is_not_a_docx(cli_env, lead, application, tmp_path, capsys):
    path = tmp_path / "notes.docx"
    path.write_bytes(b"just text")
    assert main(["import-draft", str(application), str(path), "--dry-run"]) == 1
    assert "notes.docx: is damaged or not a real .docx" in capsys.readouterr().out


def test_one_exported_section_comes_back_alone_and_the_others_are_left_as_they_are(uow, lead, application):
    _write(uow, lead, application, BODIES)
    aims = section_id(uow, lead, application, "aims")
    exported = application_docx(export_document(uow, lead, application, section_id=aims))
    edited = edit_in_word(
        exported, {"Overall aims": [("keep", "Record oral "), ("ins", "and written "), ("keep", "histories")]}
    )
    preview = preview_draft_import(uow, lead, application, read_draft(edited, "aims.docx"))
    assert [s.key for s in preview.matched] == ["aims"]
    assert {s.status for s in preview.sections if s.key != "aims"} == {ImportStatus.MISSING}
    found = preview.section(aims)
    assert found.imported == "1. Record oral and written histories\n2. Map flood lines"
    outcome = accept_imported_section(uow, lead, application, aims, found.imported, found.version, "aims.docx")
    assert outcome.saved
    assert open_section(uow, lead, section_id(uow, lead, application, "summary")).body == BODIES["summary"]


def test_a_section_saved_after_the_export_is_never_replaced_by_the_coauthors_older_copy(uow, lead, application):
    _write(uow, lead, application, BODIES)
    stamp = export_stamp(uow, lead, application)
    exported = stamp_export(application_docx(export_document(uow, lead, application)), stamp)
    summary = section_id(uow, lead, application, "summary")
    save_section(uow, lead, summary, "Rivers hold the memory of floods, and of droughts.", stamp.version_of("summary"))
    edited = edit_in_word(exported, {"Summary": [("keep", "Rivers hold the "), ("ins", "deep "), ("keep", "memory.")]})
    draft = read_draft(edited, "late.docx")
    assert draft.stamp == stamp
    found = preview_draft_import(uow, lead, application, draft).section(summary)
    assert found.changed_since_export and found.version == stamp.version_of("summary") < found.current_version
    outcome = accept_imported_section(uow, lead, application, summary, found.imported, found.version, "late.docx")
    assert outcome.conflict
    assert open_section(uow, lead, summary).body == "Rivers hold the memory of floods, and of droughts."


def test_export_docx_stamps_the_versions_it_exported(cli_env, lead, application, tmp_path):
    _write(cli_env, lead, application, BODIES)
    out = tmp_path / "app.docx"
    # The other sections are empty, so the export is insisted on (they go to the checklist file).
    assert main(["export-docx", str(application), "-o", str(out), "--anyway"]) == 0
    stamp = read_draft(out.read_bytes(), "app.docx").stamp
    assert stamp is not None and stamp.application_id == application
    assert (
        stamp.version_of("summary")
        == open_section(cli_env, lead, section_id(cli_env, lead, application, "summary")).version
    )
