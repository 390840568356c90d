"""Signing in and out: throttled attempts, random tokens kept only as hashes, idle expiry."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from research.adapters.passwords import verify_password
from research.adapters.sign_in_throttle import THROTTLE
from research.db.models import LoginSession, User
from research.db.uow import UnitOfWork
from research.domain.accounts import is_idle_expired
from research.domain.clock import as_utc, utcnow
from research.domain.errors import DomainError
from research.domain.nul_text import contains_nul
from research.services.common.actor import Actor
from research.services.common.audit import record

# Touch last_seen at most this often, so page reruns do not each write.
TOUCH_EVERY = timedelta(seconds=60)


REFUSALS = {
    "empty": "Enter both your username and your password.",
    # One answer for an unknown user, a wrong password, a throttled or a deactivated account,
    # so the answer tells an attacker nothing about the account.
    "wrong": "Wrong username or password, or too many attempts. Check both and try again in a minute.",
    "nul": "The username or password holds a character that cannot be typed (NUL, \\x00). Type them again.",
}


class LoginRefused(DomainError):
    """A refused sign-in. `code` travels in the redirect, so no free text can be injected."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(REFUSALS[code])

    @classmethod
    def from_query(cls, code: object) -> LoginRefused | None:
        """The refusal a sign-in link names; None for anything else (a crafted link shows the plain form)."""
        return cls(code) if isinstance(code, str) and code in REFUSALS else None


@dataclass(frozen=True)
class LoginResult:
    token: str
    actor: Actor
    # Proof that this browser signed in as this user: it skips the per-username throttle next time.
    device: str


@dataclass(frozen=True)
class _Account:
    id: int
    username: str
    password_hash: str
    is_active: bool


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def device_proof(account: _Account) -> str:
    # Keyed by the password hash: secret to the server, and void once the password changes.
    mac = hmac.new(account.password_hash.encode(), f"trusted-browser:{account.username}".encode(), "sha256")
    return f"{account.username}:{mac.hexdigest()}"


def login(
    uow: UnitOfWork,
    username: str,
    password: str,
    client: str = "",
    device: str | None = None,
    now: datetime | None = None,
) -> LoginResult:
    """Check the password outside any transaction, then write only the new session."""
    if contains_nul(username, password):
        raise LoginRefused("nul")
    username = (username or "").strip().lower()
    if not username or not password:
        raise LoginRefused("empty")
    account = _account(uow, username)
    trusted = account is not None and hmac.compare_digest(device or "", device_proof(account))
    allowed = THROTTLE.allows(username, client, check_username=not trusted)
    # Always one hash verification (a dummy one when throttled or unknown), so every refusal takes as long.
    verified = verify_password(account.password_hash if account and allowed else None, password)
    if account is None or not verified or not account.is_active:
        THROTTLE.count_failure(username, client)
        raise LoginRefused("wrong")
    return _open_session(uow, account, now or utcnow())


def _account(uow: UnitOfWork, username: str) -> _Account | None:
    with uow as session:
        user = session.scalar(select(User).where(User.username == username))
        return None if user is None else _Account(user.id, user.username, user.password_hash, user.is_active)


def _open_session(uow: UnitOfWork, account: _Account, now: datetime) -> LoginResult:
    with uow as session:
        user = session.get(User, account.id)
        # Deactivated or given a new password while the hash was being checked: refuse.
        if user is None or not user.is_active or user.password_hash != account.password_hash:
            raise LoginRefused("wrong")
        token = secrets.token_urlsafe(32)
        session.add(LoginSession(user_id=user.id, token_hash=token_hash(token), last_seen_at=now))
        record(session, user.id, "signed in", "user", user.id)
        return LoginResult(token, Actor.from_user(user), device_proof(account))


def resolve(
    uow: UnitOfWork, token: str | None, idle_minutes: int, now: datetime | None = None, *, touch: bool = True
) -> Actor | None:
    """The user a session token belongs to, or None if it is unknown, ended or idle too long.

    `touch=False` only looks: a check that is no sign of the person's activity (an open socket's
    periodic check) must not keep an idle session alive.
    """
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
        if touch and now - last_seen > TOUCH_EVERY:
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


def revoke_all(session: Session, user_id: int, now: datetime | None = None, keep_token: str | None = None) -> None:
    """End every open session of this user, except the one holding `keep_token` if given."""
    query = update(LoginSession).where(LoginSession.user_id == user_id, LoginSession.revoked_at.is_(None))
    if keep_token:
        query = query.where(LoginSession.token_hash != token_hash(keep_token))
    session.execute(query.values(revoked_at=now or utcnow()))
