"""Who else has a section open in the editor: a row per person, refreshed while they edit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from research.db.models import Section, SectionPresence, User
from research.db.uow import UnitOfWork
from research.domain.clock import as_utc, utcnow
from research.services.common.actor import Actor, require_account
from research.services.common.rows import rows_changed
from research.services.drafting.team_access import edit_section

RECENT = timedelta(minutes=3)


@dataclass(frozen=True)
class Presence:
    name: str
    seen_at: datetime


@dataclass(frozen=True)
class SectionPulse:
    """What changed around an open section: who else is here, and its current version."""

    others: tuple[Presence, ...]
    version: int
    updated_by: str
    updated_at: datetime | None


def _touch(session: Session, section_id: int, user_id: int, now: datetime) -> None:
    touched = rows_changed(
        session.execute(
            update(SectionPresence)
            .where(SectionPresence.section_id == section_id, SectionPresence.user_id == user_id)
            .values(seen_at=now)
        )
    )
    if not touched:
        try:
            with session.begin_nested():
                session.add(SectionPresence(section_id=section_id, user_id=user_id, seen_at=now))
        except IntegrityError:  # the same person's other tab inserted it first
            pass


def mark_present(uow: UnitOfWork, actor: Actor, section_id: int, now: datetime | None = None) -> SectionPulse:
    """Record that the actor has this section open; return who else has, and its version."""
    now = now or utcnow()
    with uow as session:
        edit_section(session, actor, section_id)
        _touch(session, section_id, actor.id, now)
        session.execute(delete(SectionPresence).where(SectionPresence.seen_at < now - 10 * RECENT))
        rows = session.execute(
            select(User.display_name, SectionPresence.seen_at)
            .join(User, User.id == SectionPresence.user_id)
            .where(
                SectionPresence.section_id == section_id,
                SectionPresence.user_id != actor.id,
                SectionPresence.seen_at >= now - RECENT,
            )
            .order_by(User.display_name)
        ).all()
        version, updated_by, updated_at = session.execute(
            select(Section.version, User.display_name, Section.updated_at)
            .outerjoin(User, User.id == Section.updated_by_id)
            .where(Section.id == section_id)
        ).one()
        return SectionPulse(
            tuple(Presence(name, as_utc(at)) for name, at in rows),
            version,
            updated_by or "",
            as_utc(updated_at) if updated_at else None,
        )


def leave_section(uow: UnitOfWork, actor: Actor, section_id: int) -> None:
    require_account(actor)
    with uow as session:
        session.execute(
            delete(SectionPresence).where(SectionPresence.section_id == section_id, SectionPresence.user_id == actor.id)
        )
