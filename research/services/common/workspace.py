"""Small facts about this workspace, e.g. that the demo was loaded into it."""

from __future__ import annotations

from sqlalchemy import select

from research.db.models import User, WorkspaceFlag
from research.db.uow import UnitOfWork
from research.domain.roles import Action, require
from research.services.common.actor import Actor
from research.services.common.audit import record

DEMO_FLAG = "demo_data"


def demo_loaded(uow: UnitOfWork) -> bool:
    with uow as session:
        return session.get(WorkspaceFlag, DEMO_FLAG) is not None


def is_empty(uow: UnitOfWork) -> bool:
    """No accounts yet: the state in which the demo may be loaded."""
    with uow as session:
        return session.scalar(select(User.id).limit(1)) is None


def mark_demo_loaded(uow: UnitOfWork, actor: Actor) -> None:
    """Say the workspace holds the demo, so the sign-in page may show the demo accounts."""
    require(actor.role, Action.MANAGE_USERS)
    with uow as session:
        if session.get(WorkspaceFlag, DEMO_FLAG) is None:
            session.add(WorkspaceFlag(key=DEMO_FLAG, value="loaded"))
            record(session, actor.audit_id, "loaded demo data", "workspace", None)
