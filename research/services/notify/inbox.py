"""The in-app notices list: a person's own notices, newest first, and how many are unread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update

from research.db.models import Notice
from research.db.uow import UnitOfWork
from research.domain.clock import utcnow
from research.services.common.actor import Actor, require_account


@dataclass(frozen=True)
class NoticeView:
    id: int
    kind: str
    subject: str
    body: str
    link: str
    created_at: datetime
    read: bool


def my_notices(uow: UnitOfWork, actor: Actor, limit: int = 100, unread_only: bool = False) -> list[NoticeView]:
    require_account(actor)
    query = select(Notice).where(Notice.user_id == actor.id)
    if unread_only:
        query = query.where(Notice.read_at.is_(None))
    with uow as session:
        rows = session.scalars(query.order_by(Notice.created_at.desc(), Notice.id.desc()).limit(limit))
        return [NoticeView(n.id, n.kind, n.subject, n.body, n.link, n.created_at, n.read_at is not None) for n in rows]


def unread_count(uow: UnitOfWork, actor: Actor) -> int:
    require_account(actor)
    with uow as session:
        query = select(func.count(Notice.id)).where(Notice.user_id == actor.id, Notice.read_at.is_(None))
        return session.scalar(query) or 0


def mark_read(uow: UnitOfWork, actor: Actor, notice_ids: list[int] | None = None) -> int:
    """Mark the actor's own notices read (all of them when no ids are given); returns how many."""
    require_account(actor)
    query = update(Notice).where(Notice.user_id == actor.id, Notice.read_at.is_(None))
    if notice_ids is not None:
        query = query.where(Notice.id.in_(notice_ids))
    with uow as session:
        result = cast(CursorResult[Any], session.execute(query.values(read_at=utcnow())))
        return result.rowcount or 0
