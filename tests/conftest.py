"""Fixtures shared by every test: databases on SQLite and PostgreSQL, users per role.

Tests that take `uow` run twice, once per database. PostgreSQL tests use the local
server (TEST_POSTGRES_URL, default postgresql+psycopg://postgres@127.0.0.1/postgres);
each test session creates and drops its own database. Where no server answers, they
are skipped with a message, unless REQUIRE_POSTGRES=1 (as .ci/run sets) makes that
a failure.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from research.config import parse_database_url
from research.db.engine import make_engine
from research.db.migrate import upgrade_to_head
from research.db.models import Base
from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.services.common.actor import Actor

# Property tests: enough examples to find the odd input, few enough to keep the suite fast.
# HYPOTHESIS_PROFILE=thorough runs many more when hunting.
settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("thorough", parent=settings.get_profile("default"), max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1/postgres")


def _postgres_database(request) -> str:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"rcw_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        message = (
            f"PostgreSQL is not reachable at {PG_ADMIN_URL} ({exc.orig}). Start it, or point "
            "TEST_POSTGRES_URL at a server where the user may create databases."
        )
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)

    def drop():
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    request.addfinalizer(drop)
    return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    return _postgres_database(request)


@pytest.fixture(scope="session")
def engine(database_url):
    engine = make_engine(parse_database_url(database_url))
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def uow(engine):
    yield UnitOfWork(engine)
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def own_database(request, tmp_path):
    """A migrated database of this test's own, as (url, engine), for tests whose child processes connect too."""
    url = f"sqlite:///{tmp_path / 'own.db'}" if request.param == "sqlite" else _postgres_database(request)
    engine = make_engine(parse_database_url(url))
    upgrade_to_head(engine)
    yield url, engine
    engine.dispose()


@pytest.fixture
def sqlite_uow(tmp_path):
    """A fresh SQLite database, for tests that need one of their own (UI tests)."""
    engine = make_engine(parse_database_url(f"sqlite:///{tmp_path / 'ui.db'}"))
    upgrade_to_head(engine)
    yield UnitOfWork(engine)
    engine.dispose()


@pytest.fixture(scope="session")
def password_hash() -> str:
    """The hash of "correct horse battery", computed once: argon2 is slow on purpose."""
    from research.adapters.passwords import hash_password

    return hash_password("correct horse battery")


@pytest.fixture
def make_actor(uow, password_hash):
    """make_actor(role, username=None) -> Actor: a saved, active user in that role."""
    from research.db.models import User

    def make(role: Role | str = Role.RESEARCHER, username: str | None = None) -> Actor:
        role = Role(role)
        username = username or f"{role.value}-{uuid.uuid4().hex[:6]}"
        with uow as session:
            user = User(username=username, display_name=username.title(), role=role.value, password_hash=password_hash)
            session.add(user)
            session.flush()
            return Actor.from_user(user)

    return make


@pytest.fixture
def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _fresh_sign_in_throttle():
    """Sign-in counts live in process memory: each test starts with none, whatever ran before."""
    from research.adapters.sign_in_throttle import THROTTLE

    THROTTLE.reset()
    yield
    THROTTLE.reset()


@pytest.fixture(autouse=True)
def _locale_source_restored():
    """A test (or a command run in-process) may point workspace_locale() at its database: undo it after."""
    from research.domain.locale import locale_source
    from research.services.common.workspace_settings import restore_locale_source

    previous = locale_source()
    yield
    restore_locale_source(previous)


@pytest.fixture
def workspace_settings_source(uow):
    """workspace_locale() reads this test's database's settings (as the app and the command line do)."""
    from research.services.common.workspace_settings import use_workspace_settings

    use_workspace_settings(uow.engine)
    return uow
