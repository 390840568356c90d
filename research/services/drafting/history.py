"""A section's history: who wrote what when, the difference between two revisions, conflicts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from research.db.models import Section, SectionRevision, User
from research.db.uow import UnitOfWork
from research.domain.errors import NotFound
from research.domain.revision_diff import diff_text
from research.services.common.actor import Actor
from research.services.drafting.team_access import edit_section, team_section


@dataclass(frozen=True)
class RevisionInfo:
    number: int
    author: str
    created_at: datetime
    kind: str
    based_on: int | None
    note: str


@dataclass(frozen=True)
class HistoryPage:
    total: int
    current_version: int
    revisions: tuple[RevisionInfo, ...]


@dataclass(frozen=True)
class Comparison:
    old: RevisionInfo
    new: RevisionInfo
    diff: str


@dataclass(frozen=True)
class ConflictView:
    section_id: int
    section_title: str
    yours: str
    your_revision: int
    your_base: int | None
    theirs: str
    their_version: int
    their_author: str
    their_time: datetime | None
    diff: str


def _info_query() -> Select[int, str, datetime, str, int | None, str]:
    return select(
        SectionRevision.number,
        User.display_name,
        SectionRevision.created_at,
        SectionRevision.kind,
        SectionRevision.based_on,
        SectionRevision.note,
    ).join(User, User.id == SectionRevision.author_id)


def section_history(uow: UnitOfWork, actor: Actor, section_id: int, limit: int = 50, offset: int = 0) -> HistoryPage:
    """The newest revisions first, a page at a time (the text is fetched only when compared)."""
    with uow as session:
        section, _ = team_section(session, actor, section_id)
        total = session.scalar(
            select(func.count()).select_from(SectionRevision).where(SectionRevision.section_id == section_id)
        )
        rows = session.execute(
            _info_query()
            .where(SectionRevision.section_id == section_id)
            .order_by(SectionRevision.number.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        return HistoryPage(total or 0, section.version, tuple(RevisionInfo(*row) for row in rows))


def _revision(session: Session, section_id: int, number: int) -> tuple[RevisionInfo, str]:
    row = session.execute(
        _info_query()
        .add_columns(SectionRevision.body)
        .where(SectionRevision.section_id == section_id, SectionRevision.number == number)
    ).first()
    if row is None:
        raise NotFound(f"This section has no revision {number}.")
    return RevisionInfo(*row[:6]), row[6]


def revision_text(uow: UnitOfWork, actor: Actor, section_id: int, number: int) -> str:
    with uow as session:
        team_section(session, actor, section_id)
        return _revision(session, section_id, number)[1]


def compare_revisions(uow: UnitOfWork, actor: Actor, section_id: int, old: int, new: int) -> Comparison:
    with uow as session:
        team_section(session, actor, section_id)
        (old_info, old_body), (new_info, new_body) = (
            _revision(session, section_id, old),
            _revision(session, section_id, new),
        )
    diff = diff_text(old_body, new_body, f"r{old} ({old_info.author})", f"r{new} ({new_info.author})")
    return Comparison(old_info, new_info, diff)


def conflict_view(uow: UnitOfWork, actor: Actor, section_id: int, your_revision: int) -> ConflictView:
    """Your refused text beside the section's current text, with the difference."""
    with uow as session:
        section, _ = edit_section(session, actor, section_id)
        info, yours = _revision(session, section_id, your_revision)
        their_author = session.get_one(User, section.updated_by_id).display_name if section.updated_by_id else ""
        return _conflict(section, info, yours, their_author)


def _conflict(section: Section, info: RevisionInfo, yours: str, their_author: str) -> ConflictView:
    diff = diff_text(
        section.body,
        yours,
        f"theirs (r{section.version}, {their_author or 'nobody'})",
        f"yours (kept as r{info.number})",
    )
    return ConflictView(
        section.id,
        section.title,
        yours,
        info.number,
        info.based_on,
        section.body,
        section.version,
        their_author,
        section.updated_at,
        diff,
    )
