"""Signing in and out: lockout, random tokens kept only as hashes, idle expiry."""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NoReturn

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from research.adapters.passwords import verify_password
from research.db.models import LoginSession, User
from research.db.uow import UnitOfWork
from research.domain.accounts import is_idle_expired, is_locked, lock_after_failure
from research.domain.clock import as_utc, utcnow
from research.domain.errors import DomainError
from research.domain.nul_text import contains_nul
from research.services.common.actor import Actor
from research.services.common.audit import record

# Touch last_seen at most this often, so page reruns do not each write.
TOUCH_EVERY = timedelta(seconds=60)


REFUSALS = {
    "empty": "Enter both your username and your password.",
    "wrong": "Wrong username or password.",
    "locked": "This account is locked after too many failed sign-ins. Try again in {minutes} minute(s).",
    "inactive": "This account has been deactivated. Ask an admin to reactivate it.",
    "nul": "The username or password holds a character that cannot be typed (NUL, \\x00). Type them again.",
}


class LoginRefused(DomainError):
    """A refused sign-in. `code` travels in the redirect, so no free text can be injected."""

    def __init__(self, code: str, minutes: int = 15):
        self.code, self.minutes = code, minutes
        super().__init__(REFUSALS[code].format(minutes=minutes))

    @classmethod
    def from_query(cls, code: str, minutes: str = "15") -> LoginRefused | None:
        if code not in REFUSALS:
            return None
        return cls(code, int(minutes) if minutes.isdigit() else 15)


@dataclass(frozen=True)
class LoginResult:
    token: str
    actor: Actor


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def login(uow: UnitOfWork, username: str, password: str, now: datetime | None = None) -> LoginResult:
    if contains_nul(username, password):
        raise LoginRefused("nul")
    now = now or utcnow()
    username = (username or "").strip().lower()
    if not username or not password:
        raise LoginRefused("empty")
    with uow as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            verify_password(None, password)
            raise LoginRefused("wrong")
        locked_until = user.locked_until and as_utc(user.locked_until)
        if locked_until is not None and is_locked(locked_until, now):
            minutes = math.ceil((locked_until - now).total_seconds() / 60)
            raise LoginRefused("locked", minutes)
        if not verify_password(user.password_hash, password):
            _count_failure(session, user, now)
            return _refuse_after_commit(session, LoginRefused("wrong"))
        if not user.is_active:
            raise LoginRefused("inactive")
        user.failed_logins, user.locked_until = 0, None
        token = secrets.token_urlsafe(32)
        session.add(LoginSession(user_id=user.id, token_hash=token_hash(token), last_seen_at=now))
        record(session, user.id, "signed in", "user", user.id)
        return LoginResult(token, Actor.from_user(user))


def _count_failure(session: Session, user: User, now: datetime) -> None:
    user.failed_logins += 1
    lock = lock_after_failure(user.failed_logins, now)
    if lock is not None:
        user.locked_until, user.failed_logins = lock, 0
        record(session, None, "locked after failed sign-ins", "user", user.id)


def _refuse_after_commit(session: Session, refusal: LoginRefused) -> NoReturn:
    # The failure count must be saved even though the login is refused.
    session.commit()
    raise refusal


def resolve(uow: UnitOfWork, token: str | None, idle_minutes: int, now: datetime | None = None) -> Actor | None:
    """The user a session token belongs to, or None if it is unknown, ended or idle too long."""
    if not token:
        return None
    now = now or utcnow()
    with uow as session:
        row = session.execute(
            select(LoginSession, User)
            .join(User, User.id == LoginSession.user_id)
            .where(LoginSession.token_hash == token_hash(token))
        ).first()
        if row is None:
            return None
        login_session, user = row
        if login_session.revoked_at is not None or not user.is_active:
            return None
        last_seen = as_utc(login_session.last_seen_at)
        if is_idle_expired(last_seen, now, idle_minutes):
            login_session.revoked_at = now
            return None
        if now - last_seen > TOUCH_EVERY:
            login_session.last_seen_at = now
        return Actor.from_user(user)


def logout(uow: UnitOfWork, token: str | None, now: datetime | None = None) -> None:
    if not token:
        return
    with uow as session:
        login_session = session.scalar(select(LoginSession).where(LoginSession.token_hash == token_hash(token)))
        if login_session is None or login_session.revoked_at is not None:
            return
        login_session.revoked_at = now or utcnow()
        record(session, login_session.user_id, "signed out", "user", login_session.user_id)


def revoke_all(session: Session, user_id: int, now: datetime | None = None) -> None:
    session.execute(
        update(LoginSession)
        .where(LoginSession.user_id == user_id, LoginSession.revoked_at.is_(None))
        .values(revoked_at=now or utcnow())
    )
