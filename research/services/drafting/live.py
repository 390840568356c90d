"""Who may join a section's live co-writing room, and whether their typing is accepted.

The edit rule is access.may_edit (one rule for every way of writing); the room adds only
that text is frozen once the application left drafting. Whoever may read the live draft
(managers overseeing it, the team after submission) joins read-only: they see the typing,
their own updates are dropped. Everyone else is refused before the socket opens.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from research.db.models import Section, SectionLive, SectionUpdate, User
from research.db.uow import UnitOfWork
from research.domain.errors import Conflict, NotFound, PermissionDenied
from research.domain.section_rules import RevisionKind, is_editable, normalise_body
from research.services.common.actor import Actor
from research.services.drafting.access import get_application, may_edit, may_read_application, require_edit
from research.services.drafting.sections import write_revision
from research.services.drafting.team_access import require_editable, team_section


@dataclass(frozen=True)
class LiveGrant:
    section_id: int
    application_id: int
    user_id: int
    name: str
    can_write: bool


def join_section(uow: UnitOfWork, actor: Actor, section_id: int) -> LiveGrant:
    """The actor's right in the section's room; PermissionDenied when they may not even read it."""
    with uow as session:
        section = session.get(Section, section_id)
        if section is None:
            raise NotFound(f"There is no section with id {section_id}.")
        application_id = section.application_id
        if not may_read_application(session, actor, application_id):
            raise PermissionDenied("Only the application's team may open this section.")
        writes = may_edit(session, actor, application_id) and is_editable(
            get_application(session, application_id).status
        )
        return LiveGrant(section_id, application_id, actor.id, actor.display_name, writes)


def set_synced(session: Session, section_id: int, version: int, seq: int, base: bytes) -> None:
    """Record that the live document `base` (the log up to `seq`) reads the section's text at `version`."""
    live = session.get(SectionLive, section_id)
    if live is None:
        session.add(SectionLive(section_id=section_id, synced_version=version, synced_seq=seq, base=base))
    else:
        live.synced_version, live.synced_seq, live.base = version, seq, base


def _last_seq(session: Session, section_id: int) -> int:
    return session.scalar(select(func.max(SectionUpdate.seq)).where(SectionUpdate.section_id == section_id)) or 0


def _writers_since(session: Session, section_id: int, seq: int) -> list[str]:
    """The names of everyone whose updates came after log row `seq`."""
    wrote = select(SectionUpdate.user_id).where(SectionUpdate.section_id == section_id, SectionUpdate.seq > seq)
    return list(session.scalars(select(User.display_name).where(User.id.in_(wrote)).order_by(User.display_name)))


@dataclass(frozen=True)
class LiveText:
    body: str
    base: bytes  # the whole shared document whose text is `body`
    seq: int  # the last log row it holds


def record_live_revision(
    uow: UnitOfWork, actor: Actor, section_id: int, text: LiveText, kind: RevisionKind, note: str = ""
) -> int | None:
    """Make the live text the section's current text, as a revision naming everyone who wrote in it.

    Refused with Conflict when the section was saved outside the room since they last agreed: the
    room must first take that save in (collab.log.catch_up). None when the text had not changed.
    """
    body = normalise_body(text.body)
    with uow as session:
        # Rooms of several processes may record at once: one at a time, each on the latest version.
        session.scalar(select(Section.id).where(Section.id == section_id).with_for_update())
        section, application = team_section(session, actor, section_id)
        require_edit(session, actor, application.id)
        require_editable(application)
        live = session.get(SectionLive, section_id)
        if live is None or live.synced_version != section.version:
            raise Conflict("The section was saved outside the live editor; its text is being taken in.")
        if _last_seq(session, section_id) > text.seq:
            raise Conflict("Newer live edits were stored meanwhile; the text is taken again.")
        if body == section.body:
            set_synced(session, section_id, section.version, text.seq, text.base)
            return None
        writers = ", ".join(_writers_since(session, section_id, live.synced_seq)) or actor.display_name
        full_note = f"written live by {writers}" + (f": {note}" if note else "")
        _, number = write_revision(session, actor, section, body, section.version, kind, full_note)
        set_synced(session, section_id, number, text.seq, text.base)
        return number
