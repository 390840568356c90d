"""AppTest fixtures: a fresh SQLite workspace per test and a signed-in user of any role.

AppTest cannot send cookies, so the page scripts' cookie reader is patched to return
a real token from the real sign-in service; everything after that is the real path.
"""

from __future__ import annotations

import uuid

import pytest
from streamlit.testing.v1 import AppTest

from research.config import ROOT
from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.services.accounts import auth
from research.services.accounts.users import _new_user
from research.services.common.actor import Actor
from research.ui import deps

PASSWORD = "correct horse battery"  # pragma: allowlist secret (a made-up password for tests)
ENTRY = str(ROOT / "streamlit_app.py")


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test has a database of its own; a cached read keyed by a data version could match another's."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def ui_uow(tmp_path, monkeypatch) -> UnitOfWork:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'ui.db'}")
    monkeypatch.delenv("DEMO_MODE", raising=False)
    return UnitOfWork(deps.engine())


def add_user(uow: UnitOfWork, role: Role | str, username: str | None = None, **kwargs) -> Actor:
    role = Role(role)
    username = username or f"{role.value}-{uuid.uuid4().hex[:6]}"
    with uow as session:
        user = _new_user(session, username, username.replace("-", " ").title(), role, PASSWORD, **kwargs)
        return Actor.from_user(user)


def new_app() -> AppTest:
    # A ceiling, not a target: a busy CI worker has taken over 30 s for the national-looking dashboard.
    return AppTest.from_file(ENTRY, default_timeout=90)


@pytest.fixture
def signed_in(ui_uow, monkeypatch):
    """signed_in(role) -> (AppTest not yet run, Actor). An admin always exists."""
    add_user(ui_uow, Role.ADMIN, "first-admin")

    def sign_in(role: Role | str = Role.RESEARCHER, username: str | None = None):
        actor = add_user(ui_uow, role, username) if username != "first-admin" else None
        name = actor.username if actor else "first-admin"
        token = auth.login(ui_uow, name, PASSWORD).token
        monkeypatch.setattr("research.ui.session.session_token", lambda: token)
        return new_app(), auth.resolve(ui_uow, token, 120)

    return sign_in
