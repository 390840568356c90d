"""Opening and saving sections. Every save is a new revision; a stale save is never applied.

A save is a compare-and-swap in SQL: `UPDATE sections ... WHERE id = :id AND version = :seen`.
When no row matches, someone else saved since the writer opened the section: the writer's
text is kept as a "conflict" revision and the caller is told, so both texts stay in history.
The save path touches one section row and inserts one revision; it never reads the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from research.db.models import Application, Section, SectionRevision, User
from research.db.uow import UnitOfWork
from research.domain.application_limits import ready_problems, shared_with_text
from research.domain.clock import utcnow
from research.domain.counting import LimitCheck, check, measure
from research.domain.errors import InvalidInput, NotFound, Problem
from research.domain.section_rules import RevisionKind, SectionStatus, is_editable, normalise_body, status_after_save
from research.domain.template_spec import Limit, PageFormat, SharedLimit
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.common.rows import rows_changed
from research.services.drafting.application_view import page_and_shared, section_limit
from research.services.drafting.team_access import edit_section, require_editable, team_section

MAX_BODY_CHARS = 200_000


@dataclass(frozen=True)
class SharedGroup:
    key: str
    title: str
    limit: Limit
    others_used: float
    check: LimitCheck

    def with_text(self, text: str, page: PageFormat) -> LimitCheck:
        group = SharedLimit(self.key, self.title, (), self.limit)
        return shared_with_text(group, self.others_used, text, page)


@dataclass(frozen=True)
class SectionView:
    id: int
    application_id: int
    application_title: str
    key: str
    title: str
    guidance: str
    required: bool
    limit: Limit | None
    page: PageFormat
    body: str
    status: str
    version: int
    revisions: int
    owner: str
    due_on: date | None
    updated_at: datetime | None
    updated_by: str
    editable: bool
    check: LimitCheck
    shared: tuple[SharedGroup, ...]

    def ready_problems(self) -> list[str]:
        return ready_problems(self.body, self.check, [(g.title, g.check) for g in self.shared])


@dataclass(frozen=True)
class SaveOutcome:
    saved: bool
    revision: int
    section: SectionView
    unchanged: bool = False

    @property
    def conflict(self) -> bool:
        return not self.saved


def _name(session: Session, user_id: int | None) -> str:
    return (session.get_one(User, user_id).display_name if user_id else "") or ""


def _shared_groups(
    session: Session, section: Section, application: Application, page: PageFormat
) -> tuple[SharedGroup, ...]:
    groups = [g for g in page_and_shared(application)[1] if section.key in g.sections]
    if not groups:
        return ()
    keys = {k for g in groups for k in g.sections if k != section.key}
    bodies = dict(
        session.execute(
            select(Section.key, Section.body).where(Section.application_id == application.id, Section.key.in_(keys))
        ).all()
    )
    result = []
    for group in groups:
        others = sum(measure(bodies.get(k, ""), group.limit.unit, page) for k in group.sections if k != section.key)
        result.append(
            SharedGroup(
                group.key, group.title, group.limit, others, shared_with_text(group, others, section.body, page)
            )
        )
    return tuple(result)


def _view(session: Session, section: Section, application: Application) -> SectionView:
    page = page_and_shared(application)[0]
    limit = section_limit(section)
    return SectionView(
        section.id,
        application.id,
        application.title,
        section.key,
        section.title,
        section.guidance,
        section.required,
        limit,
        page,
        section.body,
        section.status,
        section.version,
        section.revision_count,
        _name(session, section.owner_id),
        section.due_on,
        section.updated_at,
        _name(session, section.updated_by_id),
        is_editable(application.status),
        check(section.body, limit, page),
        _shared_groups(session, section, application, page),
    )


def open_section(uow: UnitOfWork, actor: Actor, section_id: int) -> SectionView:
    with uow as session:
        section, application = team_section(session, actor, section_id)
        return _view(session, section, application)


def write_revision(
    session: Session, actor: Actor, section: Section, body: str, seen_version: int, kind: RevisionKind, note: str
) -> tuple[bool, int]:
    """The compare-and-swap, then the revision; returns (applied, revision number)."""
    now = utcnow()
    swapped = (
        rows_changed(
            session.execute(
                update(Section)
                .where(Section.id == section.id, Section.version == seen_version)
                .values(
                    body=body,
                    status=status_after_save(body).value,
                    version=Section.revision_count + 1,
                    revision_count=Section.revision_count + 1,
                    updated_at=now,
                    updated_by_id=actor.id,
                )
                .execution_options(synchronize_session=False)
            )
        )
        == 1
    )
    if not swapped:
        # Taking a number locks the row, so concurrent losers get distinct numbers.
        session.execute(
            update(Section)
            .where(Section.id == section.id)
            .values(revision_count=Section.revision_count + 1)
            .execution_options(synchronize_session=False)
        )
    number = session.execute(select(Section.revision_count).where(Section.id == section.id)).scalar_one()
    session.add(
        SectionRevision(
            section_id=section.id,
            number=number,
            body=body,
            author_id=actor.id,
            created_at=now,
            kind=(kind if swapped else RevisionKind.CONFLICT).value,
            based_on=seen_version,
            note=note[:300],
        )
    )
    session.flush()
    session.refresh(section)
    return swapped, number


def save_section(
    uow: UnitOfWork,
    actor: Actor,
    section_id: int,
    body: str,
    seen_version: int,
    kind: RevisionKind | str = RevisionKind.SAVE,
    note: str = "",
) -> SaveOutcome:
    """Save text written on top of revision `seen_version`; a stale save comes back as a conflict."""
    body, kind = normalise_body(body), RevisionKind(kind)
    if len(body) > MAX_BODY_CHARS:
        raise InvalidInput(
            Problem("text", f"is {len(body):,} characters; the most a section can hold is {MAX_BODY_CHARS:,}")
        )
    with uow as session:
        section, application = edit_section(session, actor, section_id)
        require_editable(application)
        if body == section.body:  # nothing would change, so nothing can be lost
            return SaveOutcome(True, section.version, _view(session, section, application), unchanged=True)
        saved, number = write_revision(session, actor, section, body, seen_version, kind, note)
        return SaveOutcome(saved, number, _view(session, section, application))


def restore_revision(uow: UnitOfWork, actor: Actor, section_id: int, number: int, seen_version: int) -> SaveOutcome:
    """Make an earlier revision's text current again, as a new revision."""
    with uow as session:
        edit_section(session, actor, section_id)
        old = session.scalar(
            select(SectionRevision.body).where(
                SectionRevision.section_id == section_id, SectionRevision.number == number
            )
        )
    if old is None:
        raise NotFound(f"This section has no revision {number}.")
    return save_section(uow, actor, section_id, old, seen_version, RevisionKind.RESTORE, f"restored revision {number}")


def set_section_ready(uow: UnitOfWork, actor: Actor, section_id: int, ready: bool) -> SectionView:
    """Mark a section ready (refused while it is empty or over a limit), or back to drafting."""
    with uow as session:
        section, application = edit_section(session, actor, section_id)
        require_editable(application)
        view = _view(session, section, application)
        wanted = SectionStatus.READY if ready else status_after_save(section.body)
        if ready and (problems := view.ready_problems()):
            raise InvalidInput(Problem(f"{section.title}", "cannot be marked ready: " + "; ".join(problems)))
        if section.status != wanted:
            before, section.status = section.status, wanted.value
            record(
                session, actor.audit_id, "changed section status", "section", section.id, old=before, new=wanted.value
            )
        return _view(session, section, application)
