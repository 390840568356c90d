"""Accounts and roles: the first admin, users, roles, deactivation and passwords."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import available_timezones

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from research.adapters.passwords import hash_password, verify_password
from research.db.models import User
from research.db.uow import UnitOfWork
from research.domain.accounts import check_new_password, check_username
from research.domain.errors import DomainError, InvalidInput, NotFound, Problem
from research.domain.roles import Action, Role, require
from research.services.accounts.auth import revoke_all
from research.services.common.actor import Actor, require_account
from research.services.common.audit import record
from research.services.common.listing import LIST_LIMIT, Listing, contains_text


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    email: str
    role: Role
    is_active: bool
    must_change_password: bool
    locked_until: datetime | None


def user_row(user: User) -> UserRow:
    return UserRow(
        user.id,
        user.username,
        user.display_name,
        user.email,
        Role(user.role),
        user.is_active,
        user.must_change_password,
        user.locked_until,
    )


def has_admin(uow: UnitOfWork) -> bool:
    with uow as session:
        return _active_admins(session) > 0


def _active_admins(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.is_active)) or 0


def _parse_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise InvalidInput(
            Problem("role", f"{role!r} is not a role; use one of " + ", ".join(r.value for r in Role))
        ) from None


def _new_user(
    session: Session,
    username: str,
    display_name: str,
    role: str,
    password: str,
    email: str = "",
    must_change: bool = False,
) -> User:
    problems = []
    try:
        username = check_username(username)
    except InvalidInput as exc:
        problems += exc.problems
    if not display_name.strip():
        problems.append(Problem("display name", "must not be empty"))
    try:
        check_new_password(password)
    except InvalidInput as exc:
        problems += exc.problems
    role = _parse_role(role)
    if problems:
        raise InvalidInput(problems)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise InvalidInput(Problem("username", f"{username!r} is already taken"))
    user = User(
        username=username,
        display_name=display_name.strip(),
        email=email.strip(),
        role=role.value,
        password_hash=hash_password(password),
        must_change_password=must_change,
    )
    session.add(user)
    session.flush()
    return user


def create_first_admin(uow: UnitOfWork, username: str, display_name: str, password: str) -> UserRow:
    with uow as session:
        if _active_admins(session) > 0:
            raise DomainError("An admin already exists; sign in instead.")
        user = _new_user(session, username, display_name, Role.ADMIN, password)
        record(session, user.id, "created first admin", "user", user.id, username=user.username)
        return user_row(user)


def create_user(
    uow: UnitOfWork,
    actor: Actor,
    username: str,
    display_name: str,
    role: str,
    password: str,
    email: str = "",
    must_change_password: bool = True,
) -> UserRow:
    """A new account; its password is to be changed at first sign-in unless the operator set their own."""
    require(actor.role, Action.MANAGE_USERS)
    with uow as session:
        user = _new_user(session, username, display_name, role, password, email, must_change=must_change_password)
        record(session, actor.audit_id, "created user", "user", user.id, username=user.username, role=user.role)
        return user_row(user)


def list_users(uow: UnitOfWork, actor: Actor) -> list[UserRow]:
    return list(find_users(uow, actor, limit=None).items)


def find_users(uow: UnitOfWork, actor: Actor, search: str = "", limit: int | None = LIST_LIMIT) -> Listing[UserRow]:
    """Users whose username, name or email contains `search`, by username: the first `limit` and the count."""
    require(actor.role, Action.MANAGE_USERS)
    matches = contains_text([User.username, User.display_name, User.email], search)
    conditions = [matches] if matches is not None else []
    with uow as session:
        total = session.scalar(select(func.count()).select_from(User).where(*conditions))
        users = session.scalars(select(User).where(*conditions).order_by(User.username).limit(limit))
        return Listing(tuple(user_row(u) for u in users), total or 0)


def users_with_roles(uow: UnitOfWork, roles: tuple[Role, ...]) -> list[UserRow]:
    """Active users in these roles: for choosing co-authors and reviewers."""
    with uow as session:
        query = select(User).where(User.is_active, User.role.in_([r.value for r in roles]))
        return [user_row(u) for u in session.scalars(query.order_by(User.display_name))]


def _target(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"There is no user with id {user_id}.")
    return user


def _keep_an_admin(session: Session, user: User) -> None:
    if user.role == Role.ADMIN and user.is_active and _active_admins(session) <= 1:
        raise DomainError("This is the last active admin; make another admin first.")


def change_role(uow: UnitOfWork, actor: Actor, user_id: int, role: str) -> UserRow:
    require(actor.role, Action.MANAGE_USERS)
    new_role = _parse_role(role)
    with uow as session:
        user = _target(session, user_id)
        if user.role == new_role:
            return user_row(user)
        _keep_an_admin(session, user)
        old, user.role = user.role, new_role.value
        record(session, actor.audit_id, "changed role", "user", user.id, old=old, new=new_role.value)
        return user_row(user)


def set_active(uow: UnitOfWork, actor: Actor, user_id: int, active: bool) -> UserRow:
    require(actor.role, Action.MANAGE_USERS)
    with uow as session:
        user = _target(session, user_id)
        if user.is_active == active:
            return user_row(user)
        if not active:
            _keep_an_admin(session, user)
            revoke_all(session, user.id)
        user.is_active = active
        record(session, actor.audit_id, "reactivated user" if active else "deactivated user", "user", user.id)
        return user_row(user)


def reset_password(uow: UnitOfWork, actor: Actor, user_id: int, new_password: str) -> UserRow:
    require(actor.role, Action.MANAGE_USERS)
    check_new_password(new_password)
    with uow as session:
        user = _target(session, user_id)
        user.password_hash = hash_password(new_password)
        user.must_change_password = True
        user.failed_logins, user.locked_until = 0, None
        revoke_all(session, user.id)
        record(session, actor.audit_id, "reset password", "user", user.id)
        return user_row(user)


def change_own_password(
    uow: UnitOfWork, actor: Actor, current: str, new_password: str, keep_token: str | None = None
) -> None:
    """Change the actor's password and end their other sessions (all but the one holding `keep_token`)."""
    require_account(actor)
    with uow as session:
        seen_hash = _target(session, actor.id).password_hash
    # The slow hash work happens outside any write transaction.
    if not verify_password(seen_hash, current):
        raise InvalidInput(Problem("current password", "is not right"))
    if current == new_password:
        raise InvalidInput(Problem("new password", "must differ from the current one"))
    check_new_password(new_password)
    new_hash = hash_password(new_password)
    with uow as session:
        user = _target(session, actor.id)
        if user.password_hash != seen_hash:
            raise DomainError("Your password was changed meanwhile; nothing was changed. Sign in again.")
        user.password_hash, user.must_change_password = new_hash, False
        revoke_all(session, user.id, keep_token=keep_token)
        record(session, actor.audit_id, "changed own password", "user", user.id)


def set_timezone(uow: UnitOfWork, actor: Actor, timezone: str) -> None:
    require_account(actor)
    if timezone not in available_timezones():
        raise InvalidInput(Problem("time zone", f"{timezone!r} is not a known time zone"))
    with uow as session:
        _target(session, actor.id).timezone = timezone
