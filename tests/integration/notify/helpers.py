"""Moments in the workspace's zone, and a pass run against the test SMTP server."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from research.config import MailSettings
from research.db.models import Notice, OutboxMessage
from research.services.notify.passes import PassReport, run_pass

NZ = ZoneInfo("Pacific/Auckland")
MONDAY = date(2027, 3, 1)  # after the real clock, so notices written now count as earlier


def at(day: date, hour: int = 8) -> datetime:
    return datetime.combine(day, time(hour), NZ)


def notify_pass(uow, mail: MailSettings, day: date = MONDAY, hour: int = 8, **options) -> PassReport:
    return run_pass(uow, mail, at(day, hour), **options)


def notices_of(uow, user_id: int, kind: str | None = None) -> list[Notice]:
    query = select(Notice).where(Notice.user_id == user_id).order_by(Notice.id)
    if kind:
        query = query.where(Notice.kind == kind)
    with uow as session:
        return list(session.scalars(query))


def outbox(uow) -> list[OutboxMessage]:
    with uow as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
