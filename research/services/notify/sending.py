"""The worker's sending half: claim a due outbox row, send it, mark it sent.

A row is claimed (attempt counted, next try scheduled) before it is sent, so a crash between
sending and marking retries it later with the same Message-ID, never a new message.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from research.adapters.smtp import Mail, SendFailed
from research.db.models import OutboxMessage, User
from research.db.uow import UnitOfWork
from research.domain.notify import next_attempt

Send = Callable[[Mail], None]
SenderFactory = Callable[[], AbstractContextManager[Send]]
PENDING, SENT, FAILED = "pending", "sent", "failed"
DEACTIVATED = "Not sent: the account was deactivated after the message was written."


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    gave_up: int = 0
    would_send: list[str] = field(default_factory=list)


def due_ids(uow: UnitOfWork, now: datetime) -> list[int]:
    with uow as session:
        return list(
            session.scalars(
                select(OutboxMessage.id)
                .where(OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= now)
                .order_by(OutboxMessage.id)
            )
        )


def describe_due(session: Session, now: datetime) -> list[str]:
    rows = session.execute(
        select(OutboxMessage.to_address, OutboxMessage.kind, OutboxMessage.subject)
        .outerjoin(User, User.id == OutboxMessage.user_id)
        .where(
            OutboxMessage.status == PENDING,
            OutboxMessage.next_attempt_at <= now,
            or_(OutboxMessage.user_id.is_(None), User.is_active),
        )
        .order_by(OutboxMessage.id)
    ).all()
    return [f"to {to} [{kind}] {subject}" for to, kind, subject in rows]


def send_due(uow: UnitOfWork, sender: SenderFactory, now: datetime) -> SendReport:
    report = SendReport()
    ids = due_ids(uow, now)
    if not ids:
        return report
    try:
        with sender() as send:
            for outbox_id in ids:
                _send_one(uow, send, outbox_id, now, report)
    except SendFailed as exc:  # the server could not be reached: every claimed row waits for its retry
        _fail_unclaimed(uow, ids, now, str(exc), report)
    return report


def _send_one(uow: UnitOfWork, send: Send, outbox_id: int, now: datetime, report: SendReport) -> None:
    mail = claim(uow, outbox_id, now)
    if mail is None:
        return
    try:
        send(mail)
    except SendFailed as exc:
        _record_failure(uow, outbox_id, str(exc), report)
        return
    mark_sent(uow, outbox_id, now)
    report.sent += 1


def claim(uow: UnitOfWork, outbox_id: int, now: datetime) -> Mail | None:
    with uow as session:
        row = session.get(OutboxMessage, outbox_id, with_for_update=True)
        if row is None or row.status != PENDING:
            return None
        if row.user_id is not None and not _active(session, row.user_id):
            row.status, row.last_error = FAILED, DEACTIVATED  # deactivated since it was written
            return None
        row.attempts += 1
        retry = next_attempt(row.attempts, now)
        row.next_attempt_at = retry or now
        return Mail(row.to_address, row.subject, row.text_body, row.html_body, row.message_id, row.unsubscribe_url)


def _active(session: Session, user_id: int) -> bool:
    return bool(session.scalar(select(User.is_active).where(User.id == user_id)))


def mark_sent(uow: UnitOfWork, outbox_id: int, now: datetime) -> None:
    with uow as session:
        row = session.get(OutboxMessage, outbox_id)
        if row is not None:
            row.status, row.sent_at, row.last_error = SENT, now, ""


def _record_failure(uow: UnitOfWork, outbox_id: int, error: str, report: SendReport) -> None:
    with uow as session:
        row = session.get(OutboxMessage, outbox_id)
        if row is None:
            return
        row.last_error = error[:2000]
        if next_attempt(row.attempts, row.next_attempt_at) is None:
            row.status = FAILED
            report.gave_up += 1
        else:
            report.failed += 1


def _fail_unclaimed(uow: UnitOfWork, ids: list[int], now: datetime, error: str, report: SendReport) -> None:
    for outbox_id in ids:
        with uow as session:
            row = session.get(OutboxMessage, outbox_id)
            if row is None or row.status != PENDING or row.next_attempt_at > now:
                continue
        if claim(uow, outbox_id, now) is not None:
            _record_failure(uow, outbox_id, error, report)
