"""People for the test builders, made through the accounts service by the command-line operator.

Argon2 is slow on purpose (over a second a hash on a busy test machine), so while a builder
creates accounts the service's hasher returns one hash computed once per process: the hook is
the adapter, every check of `create_user` still runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from unittest import mock

from research.adapters.passwords import hash_password
from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.services.accounts import users
from research.services.common.actor import Actor

PASSWORD = "correct horse battery"  # pragma: allowlist secret (the tests' made-up password)
ADMIN = Actor.operator(Role.ADMIN)
# The builders' own staff: a manager keeps the clusters, funders, rounds and ledgers they need; an admin
# changes a role (the operator cannot: `change_role` credits its actor's own account in the audit log).
STAFF = {Role.MANAGER: "builder-manager", Role.ADMIN: "builder-admin"}


@cache
def _one_hash() -> str:
    return hash_password(PASSWORD)


@contextmanager
def known_hash() -> Iterator[None]:
    one = _one_hash()
    with mock.patch.object(users, "hash_password", lambda _password: one):
        yield


def add_person(
    uow: UnitOfWork,
    role: Role | str = Role.RESEARCHER,
    username: str | None = None,
    display_name: str = "",
    email: str = "",
) -> Actor:
    """A new, active account in `role` (with `email` if given), created by the operator; its password is PASSWORD."""
    role = Role(role)
    username = username or f"{role.value}-{uuid.uuid4().hex[:6]}"
    name = display_name or username.replace("-", " ").title()
    with known_hash():
        row = users.create_user(
            uow, ADMIN, username, name, role.value, PASSWORD, email=email, must_change_password=False
        )
    return actor_of(row)


def actor_of(row: users.UserRow) -> Actor:
    return Actor(row.id, row.username, row.display_name, Role(row.role), row.must_change_password)


def person(uow: UnitOfWork, username: str) -> Actor | None:
    """The account with exactly this username, as an Actor, or None."""
    mine = [row for row in users.find_users(uow, ADMIN, username, limit=None).items if row.username == username]
    return actor_of(mine[0]) if mine else None


def staff(uow: UnitOfWork, role: Role = Role.MANAGER) -> Actor:
    """The builders' manager (or admin) in this database, created the first time a builder needs one."""
    return person(uow, STAFF[role]) or add_person(uow, role, STAFF[role])
