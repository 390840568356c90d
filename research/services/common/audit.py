"""Recording the audit trail inside the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from research.db.models import AuditEvent, User
from research.db.uow import UnitOfWork
from research.domain.roles import Action, require
from research.services.common.actor import Actor


def record(
    session: Session, actor_id: int | None, action: str, entity: str, entity_id: int | None, **detail: Any
) -> None:
    session.add(AuditEvent(actor_id=actor_id, action=action, entity=entity, entity_id=entity_id, detail=detail))


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    detail: dict[str, Any]


def recent_events(uow: UnitOfWork, actor: Actor, limit: int = 200) -> list[AuditRow]:
    require(actor.role, Action.MANAGE_USERS)
    with uow as session:
        rows = session.execute(
            select(AuditEvent, User.username)
            .outerjoin(User, User.id == AuditEvent.actor_id)
            .order_by(AuditEvent.id.desc())
            .limit(limit)
        ).all()
        return [AuditRow(e.at, name or "system", e.action, e.entity, e.entity_id, e.detail) for e, name in rows]
