"""The append-only log of a section's Yjs updates: written before anyone else sees an update.

Sequence numbers are per section and handed out under a lock on the section row (PostgreSQL;
SQLite's BEGIN IMMEDIATE already serialises writers), so processes sharing the database never
take the same number. A checkpoint replaces the rows up to its sequence by their merged state.
"""

from __future__ import annotations

from dataclasses import dataclass

from pycrdt import Doc, Text
from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from research.collab.messages import EMPTY_UPDATE
from research.collab.text_edits import replace_text
from research.db.models import Application, Section, SectionLive, SectionUpdate, SectionWriter
from research.db.uow import UnitOfWork
from research.domain.section_rules import is_editable
from research.services.drafting.authorship import replay, writer_names
from research.services.drafting.live import set_synced

CHANNEL = "section_updates"  # PostgreSQL NOTIFY channel: "<section id>:<seq>" per stored row
UPDATE = "update"
CHECKPOINT = "checkpoint"


@dataclass(frozen=True)
class Entry:
    seq: int
    payload: bytes
    user_id: int | None


def _lock(session: Session, section_id: int) -> Section | None:
    return session.scalar(select(Section).where(Section.id == section_id).with_for_update())


def _next_seq(session: Session, section_id: int) -> int:
    last = session.scalar(select(func.max(SectionUpdate.seq)).where(SectionUpdate.section_id == section_id))
    return (last or 0) + 1


def _remember_writers(session: Session, section_id: int, user_id: int, client_ids: set[int]) -> None:
    known = set(
        session.scalars(
            select(SectionWriter.client_id).where(
                SectionWriter.section_id == section_id, SectionWriter.client_id.in_(client_ids)
            )
        )
    )
    for client_id in client_ids - known:
        session.add(SectionWriter(section_id=section_id, client_id=client_id, user_id=user_id))


@dataclass(frozen=True)
class Pending:
    section_id: int
    user_id: int
    payload: bytes
    client_ids: set[int]


def append(uow: UnitOfWork, section_id: int, user_id: int, payload: bytes, client_ids: set[int]) -> int | None:
    """Store one update, committed when this returns; its sequence number (None: the text is final)."""
    return append_many(uow, [Pending(section_id, user_id, payload, client_ids)])[0]


def _writable(session: Session, section_id: int) -> bool:
    """Lock the section; may anyone still write in it (its application is still being drafted)?

    One query that loads no section text: it runs for every stored keystroke.
    """
    status = session.scalar(
        select(Application.status)
        .join(Section, Section.application_id == Application.id)
        .where(Section.id == section_id)
        .with_for_update(of=Section)
    )
    return status is not None and is_editable(status)


def append_many(uow: UnitOfWork, updates: list[Pending]) -> list[int | None]:
    """Store updates in one transaction (sections locked in id order); their sequence numbers.

    None for an update to a section whose application has left drafting: checked under the lock,
    so a socket opened before the submission cannot write after it.
    """
    with uow as session:
        open_sections = {s for s in sorted({u.section_id for u in updates}) if _writable(session, s)}
        return [
            _append(session, u.section_id, u.user_id, u.payload, u.client_ids)
            if u.section_id in open_sections
            else None
            for u in updates
        ]


def announce(session: Session, section_id: int, seq: int) -> None:
    """Tell the other processes (on commit) that the section has a new log row."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": f"{section_id}:{seq}"}
        )


def _append(session: Session, section_id: int, user_id: int | None, payload: bytes, client_ids: set[int]) -> int:
    seq = _next_seq(session, section_id)
    session.add(SectionUpdate(section_id=section_id, seq=seq, kind=UPDATE, payload=payload, user_id=user_id))
    announce(session, section_id, seq)
    if user_id is not None:
        _remember_writers(session, section_id, user_id, client_ids)
    return seq


def catch_up(uow: UnitOfWork, section_id: int) -> Entry | None:
    """A text saved outside the room (plain editor, restore, the text before live writing) as a log edit.

    The edit is made on the document as it was when room and section last agreed, so it merges
    with typing done since, like any co-author's edit; None when there is nothing to bring in.
    """
    with uow as session:
        section = _lock(session, section_id)
        live = session.get(SectionLive, section_id)
        if section is None or (live is not None and live.synced_version == section.version):
            return None
        doc: Doc[Text] = Doc()
        if live is not None:
            doc.apply_update(live.base)
        before = doc.get_state()
        replace_text(doc, doc.get("body", type=Text), section.body)
        update = doc.get_update(before)
        if update == EMPTY_UPDATE:
            set_synced(session, section_id, section.version, live.synced_seq if live else 0, doc.get_update())
            return None
        author = section.updated_by_id
        seq = _append(session, section_id, author, update, {doc.client_id})
        set_synced(session, section_id, section.version, live.synced_seq if live else seq, doc.get_update())
        return Entry(seq, update, author)


def unrecorded_sections(uow: UnitOfWork, application_id: int) -> list[int]:
    """The application's sections whose log holds typing that is not yet in a revision."""
    with uow as session:
        newest = (
            select(SectionUpdate.section_id, func.max(SectionUpdate.seq).label("seq"))
            .group_by(SectionUpdate.section_id)
            .subquery()
        )
        rows = session.scalars(
            select(Section.id)
            .join(newest, newest.c.section_id == Section.id)
            .join(SectionLive, SectionLive.section_id == Section.id)
            .where(Section.application_id == application_id, newest.c.seq > SectionLive.synced_seq)
            .order_by(Section.position, Section.id)
        )
        return list(rows)


def entries(uow: UnitOfWork, section_id: int, after: int = 0) -> list[Entry]:
    """The log from after `after`, in order (a checkpoint, if any, comes first)."""
    with uow as session:
        rows = session.execute(
            select(SectionUpdate.seq, SectionUpdate.payload, SectionUpdate.user_id)
            .where(SectionUpdate.section_id == section_id, SectionUpdate.seq > after)
            .order_by(SectionUpdate.seq)
        ).all()
        return [Entry(seq, bytes(payload), user_id) for seq, payload, user_id in rows]


def checkpoint(uow: UnitOfWork, section_id: int, upto: int) -> None:
    """Replace the rows up to `upto` by their merge, which keeps who wrote what and how the text grew."""
    with uow as session:
        _lock(session, section_id)
        rows = session.execute(
            select(SectionUpdate.kind, SectionUpdate.payload, SectionUpdate.created_at, SectionUpdate.authors)
            .where(SectionUpdate.section_id == section_id, SectionUpdate.seq <= upto)
            .order_by(SectionUpdate.seq)
        ).all()
        if len(rows) < 2:
            return  # nothing to merge
        merged = replay(rows, writer_names(session, section_id))
        session.execute(delete(SectionUpdate).where(SectionUpdate.section_id == section_id, SectionUpdate.seq <= upto))
        session.add(
            SectionUpdate(
                section_id=section_id,
                seq=upto,
                kind=CHECKPOINT,
                payload=merged.doc.get_update(),
                user_id=None,
                authors=merged.carried(),
            )
        )


def writers(uow: UnitOfWork, section_id: int) -> dict[int, int]:
    """CRDT client id -> user id, for every client that wrote in the section."""
    with uow as session:
        rows = session.execute(
            select(SectionWriter.client_id, SectionWriter.user_id).where(SectionWriter.section_id == section_id)
        ).all()
        return {client_id: user_id for client_id, user_id in rows}
