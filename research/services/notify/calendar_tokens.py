"""Private calendar feed tokens: random, kept only as a hash, shown once, revocable."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from research.db.models import CalendarToken, User
from research.db.uow import UnitOfWork
from research.domain.clock import utcnow
from research.domain.errors import NotFound
from research.domain.roles import Action, require
from research.services.common.actor import Actor, require_account
from research.services.common.audit import record
from research.services.notify import settings
from research.services.notify.links import calendar_link


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_calendar_token(uow: UnitOfWork, actor: Actor) -> str:
    """A new feed URL for the actor; any earlier one stops working. The URL is shown only now."""
    require_account(actor)
    with uow as session:
        return _issue(session, actor.id, actor.id)


def revoke_calendar_token(uow: UnitOfWork, actor: Actor) -> int:
    require_account(actor)
    with uow as session:
        return _revoke(session, actor.id)


def calendar_token_since(uow: UnitOfWork, actor: Actor) -> datetime | None:
    """When the actor's live feed URL was made, or None if there is none."""
    require_account(actor)
    with uow as session:
        return session.scalar(
            select(CalendarToken.created_at).where(
                CalendarToken.user_id == actor.id, CalendarToken.revoked_at.is_(None)
            )
        )


def issue_for_username(uow: UnitOfWork, actor: Actor, username: str) -> str:
    """For an admin (at the command line, the operator): replace the user's feed URL and return the new one."""
    require(actor.role, Action.MANAGE_USERS)
    with uow as session:
        user_id = session.scalar(select(User.id).where(User.username == username))
        if user_id is None:
            raise NotFound(f"There is no user called {username!r}.")
        return _issue(session, user_id, None)


def user_for_token(session: Session, token: str) -> int | None:
    """The active user whose live token this is; None for unknown, revoked or deactivated."""
    return session.scalar(
        select(CalendarToken.user_id)
        .join(User, User.id == CalendarToken.user_id)
        .where(CalendarToken.token_hash == token_hash(token), CalendarToken.revoked_at.is_(None), User.is_active)
    )


def _issue(session: Session, user_id: int, actor_id: int | None) -> str:
    _revoke(session, user_id)
    token = secrets.token_urlsafe(32)
    session.add(CalendarToken(user_id=user_id, token_hash=token_hash(token)))
    record(session, actor_id, "issued calendar feed", "user", user_id)
    return calendar_link(settings.mail().app_url, token)


def _revoke(session: Session, user_id: int) -> int:
    result = session.execute(
        update(CalendarToken)
        .where(CalendarToken.user_id == user_id, CalendarToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return int(getattr(result, "rowcount", 0) or 0)
