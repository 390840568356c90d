"""Writing email to the outbox, inside the caller's transaction; what admins see of it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from research.db.models import OutboxMessage, User
from research.db.uow import UnitOfWork
from research.domain.clock import utcnow
from research.domain.roles import Action, require
from research.services.common.actor import Actor

MAIL_DOMAIN = "research-workspace"


@dataclass(frozen=True)
class Draft:
    user_id: int
    to: str
    kind: str
    subject: str
    text: str
    html: str
    unsubscribe_url: str
    dedupe_key: str | None = None


def enqueue(session: Session, draft: Draft, now: datetime | None = None) -> OutboxMessage:
    """A message row with its Message-ID fixed now, so a resend after a crash is the same message."""
    row = OutboxMessage(
        user_id=draft.user_id,
        to_address=draft.to,
        kind=draft.kind,
        subject=draft.subject[:300],
        text_body=draft.text,
        html_body=draft.html,
        unsubscribe_url=draft.unsubscribe_url,
        message_id=f"<{uuid.uuid4().hex}@{MAIL_DOMAIN}>",
        dedupe_key=draft.dedupe_key,
        next_attempt_at=now or utcnow(),
    )
    session.add(row)
    return row


@dataclass(frozen=True)
class OutboxRow:
    id: int
    to: str
    recipient: str
    kind: str
    subject: str
    status: str
    attempts: int
    next_attempt_at: datetime
    sent_at: datetime | None
    last_error: str
    created_at: datetime


def outbox_rows(uow: UnitOfWork, actor: Actor, status: str | None = None, limit: int = 200) -> list[OutboxRow]:
    """The newest messages, optionally of one status: admins only (they hold addresses)."""
    require(actor.role, Action.MANAGE_USERS)
    query = select(OutboxMessage, User.display_name).outerjoin(User, User.id == OutboxMessage.user_id)
    if status:
        query = query.where(OutboxMessage.status == status)
    with uow as session:
        rows = session.execute(query.order_by(OutboxMessage.id.desc()).limit(limit)).all()
        return [
            OutboxRow(
                m.id,
                m.to_address,
                name or "",
                m.kind,
                m.subject,
                m.status,
                m.attempts,
                m.next_attempt_at,
                m.sent_at,
                m.last_error,
                m.created_at,
            )
            for m, name in rows
        ]


def outbox_counts(uow: UnitOfWork, actor: Actor) -> dict[str, int]:
    require(actor.role, Action.MANAGE_USERS)
    with uow as session:
        rows = session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all()
        return {status: count for status, count in rows}
