"""Bringing a Word draft into an application: a preview first, then the sections the user accepts.

The preview writes nothing: each section shows the text found for it beside its current text,
with a diff, and what matched no section is listed as unplaced text with its words. Accepting
a section goes through the one save path (a compare-and-swap against the version the preview
showed): if someone saved the section since, nothing is overwritten and the imported text is
kept in the history as a conflict revision. Reading the file is research/export's job; the UI
and the command line hand the read document here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select

from research.db.models import Section
from research.db.uow import UnitOfWork
from research.domain.draft_document import DraftDocument, ExportStamp
from research.domain.draft_matching import DraftMatching, TemplateSlot, UnplacedText, match_draft, same_text
from research.domain.errors import InvalidInput, Problem
from research.domain.revision_diff import change_summary, diff_text
from research.domain.section_rules import RevisionKind
from research.services.common.actor import Actor
from research.services.drafting.access import require_read
from research.services.drafting.sections import SaveOutcome, save_section
from research.services.drafting.team_access import edit_application


class ImportStatus(StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    MISSING = "not in the file"


@dataclass(frozen=True)
class SectionImport:
    section_id: int
    key: str
    title: str
    number: int
    current: str
    current_version: int
    version: int  # what the accept's compare-and-swap expects: the exported version, else the current one
    imported: str | None  # None when nothing in the file was placed here
    heading: str
    where: str
    how: str
    score: float
    words: int
    status: ImportStatus
    diff: str
    summary: str

    @property
    def changed(self) -> bool:
        return self.status is ImportStatus.CHANGED

    @property
    def changed_since_export(self) -> bool:
        """Saved in the app after the file was exported: accepting keeps the file's text as a conflict."""
        return self.changed and self.version != self.current_version


@dataclass(frozen=True)
class DraftPreview:
    application_id: int
    application_title: str
    file_name: str
    sections: tuple[SectionImport, ...]
    unplaced: tuple[UnplacedText, ...]
    words_in: int
    words_placed: int
    words_unplaced: int
    insertions: int
    deletions: int
    warnings: tuple[str, ...]

    @property
    def matched(self) -> tuple[SectionImport, ...]:
        return tuple(s for s in self.sections if s.imported is not None)

    @property
    def changed(self) -> tuple[SectionImport, ...]:
        return tuple(s for s in self.sections if s.changed)

    def section(self, section_id: int) -> SectionImport:
        return next(s for s in self.sections if s.section_id == section_id)


def preview_draft_import(
    uow: UnitOfWork,
    actor: Actor,
    application_id: int,
    document: DraftDocument,
    assigned: Mapping[int, str] | None = None,
) -> DraftPreview:
    """What importing `document` would change; `assigned` puts unplaced text (by index) in a section (by key)."""
    with uow as session:
        application = require_read(session, actor, application_id)
        rows = [
            _Current(*row)
            for row in session.execute(
                select(Section.id, Section.key, Section.title, Section.body, Section.version)
                .where(Section.application_id == application_id)
                .order_by(Section.position)
            ).all()
        ]
        title = application.title
    slots = [TemplateSlot(row.key, row.title, number) for number, row in enumerate(rows, start=1)]
    matching = match_draft(document, slots, assigned)
    stamp = document.stamp if document.stamp and document.stamp.application_id == application_id else None
    sections = tuple(_section(row, number, matching, document.name, stamp) for number, row in enumerate(rows, start=1))
    return DraftPreview(
        application_id,
        title,
        document.name,
        sections,
        matching.unplaced,
        matching.words_in,
        matching.words_placed,
        matching.words_unplaced,
        document.insertions,
        document.deletions,
        _warnings(document, application_id, title, matching),
    )


@dataclass(frozen=True)
class _Current:
    section_id: int
    key: str
    title: str
    body: str
    version: int


def _section(
    row: _Current, number: int, matching: DraftMatching, file_name: str, stamp: ExportStamp | None
) -> SectionImport:
    section_id, key, title, body, version = row.section_id, row.key, row.title, row.body, row.version
    exported = stamp.version_of(key) if stamp else None
    seen = version if exported is None else exported
    placed = matching.for_key(key)
    if placed is None:
        return SectionImport(
            section_id, key, title, number, body, version, seen, None, "", "", "", 0.0, 0, ImportStatus.MISSING, "", ""
        )
    unchanged = same_text(body, placed.markdown)
    return SectionImport(
        section_id,
        key,
        title,
        number,
        body,
        version,
        seen,
        placed.markdown,
        placed.heading,
        placed.where,
        placed.how,
        placed.score,
        placed.words,
        ImportStatus.UNCHANGED if unchanged else ImportStatus.CHANGED,
        "" if unchanged else diff_text(body, placed.markdown, "current text", file_name),
        "unchanged" if unchanged else change_summary(body, placed.markdown),
    )


def _warnings(document: DraftDocument, application_id: int, title: str, matching: DraftMatching) -> tuple[str, ...]:
    warnings = []
    if document.stamp and document.stamp.application_id != application_id:
        warnings.append(
            f"{document.name} was exported from another application (id {document.stamp.application_id}). "
            "Its text is compared with this application's current text; check each section before accepting."
        )
    if not matching.placed:
        warnings.append(
            f"No heading in {document.name} matches a section of “{title}”. Is it the right application? "
            "Its text is listed below as unplaced; nothing is written unless you place and accept it."
        )
    if document.title and document.title.casefold() != title.casefold():
        warnings.append(
            f"{document.name} is titled “{document.title}”, not “{title}”: check it belongs to this application."
        )
    return tuple(warnings)


def accept_imported_section(
    uow: UnitOfWork,
    actor: Actor,
    application_id: int,
    section_id: int,
    body: str,
    seen_version: int,
    file_name: str,
) -> SaveOutcome:
    """Save one section's imported text as a revision by the actor, unless it changed since the preview."""
    with uow as session:
        edit_application(session, actor, application_id)
        section = session.get(Section, section_id)
        if section is None or section.application_id != application_id:
            raise InvalidInput(
                Problem(f"section {section_id}", "is not a section of this application; nothing was written")
            )
    return save_section(uow, actor, section_id, body, seen_version, RevisionKind.SAVE, f"imported from {file_name}")


def accept_imported_sections(
    uow: UnitOfWork, actor: Actor, application_id: int, sections: Sequence[SectionImport], file_name: str
) -> tuple[SaveOutcome, ...]:
    """Accept several sections of a preview, each as its own revision and compare-and-swap."""
    with uow as session:
        edit_application(session, actor, application_id)
    return tuple(
        accept_imported_section(uow, actor, application_id, s.section_id, s.imported or "", s.version, file_name)
        for s in sections
        if s.imported is not None
    )


def export_stamp(uow: UnitOfWork, actor: Actor, application_id: int, section_id: int | None = None) -> ExportStamp:
    """The versions a current-text export holds, to stamp into the file (research/export/docx_provenance)."""
    with uow as session:
        require_read(session, actor, application_id)
        query = select(Section.key, Section.version).where(Section.application_id == application_id)
        if section_id is not None:
            query = query.where(Section.id == section_id)
        rows = session.execute(query.order_by(Section.position)).all()
        return ExportStamp(application_id, tuple((key, version) for key, version in rows))
