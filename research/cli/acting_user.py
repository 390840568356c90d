"""Who a command acts as: the operator, or the active user its --as option names."""

from __future__ import annotations

from sqlalchemy import select

from research.db.models import User
from research.db.uow import UnitOfWork
from research.domain.errors import DomainError
from research.services.common.actor import Actor


def acting_user(uow: UnitOfWork, username: str | None, operator: Actor) -> Actor:
    if not username:
        return operator
    with uow as session:
        user = session.scalar(select(User).where(User.username == username.strip().lower(), User.is_active))
        if user is None:
            raise DomainError(f"There is no active user {username!r}.")
        return Actor.from_user(user)
