"""Upgrade a database to the newest schema, safely when several processes start at once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from research.config import ROOT

# Any fixed number: the key two app processes agree on to serialise migrations.
MIGRATION_LOCK_KEY = 720_202_611


def alembic_config() -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    return config


class BrokenReferences(Exception):
    """A migration left rows pointing at rows that do not exist; it was rolled back."""


def upgrade_to_head(engine: Engine) -> None:
    config = alembic_config()
    with engine.connect() as connection, sqlite_foreign_keys_off(connection), connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        check_references(connection)


@contextmanager
def sqlite_foreign_keys_off(connection: Connection) -> Iterator[None]:
    """SQLite batch mode copies a table and drops the old one: with foreign keys on, that
    drop would cascade-delete every child row (all sections of all applications). The
    pragma only takes effect outside a transaction, so it is set before one begins."""
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.dbapi_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def check_references(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        return
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        tables = ", ".join(sorted({row[0] for row in broken}))
        raise BrokenReferences(f"The upgrade left {len(broken)} broken references (in {tables}); nothing was changed.")


def is_at_head(engine: Engine) -> bool:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == head


def schema_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def describe_revision(revision: str | None) -> str:
    """'head', 'older' (the app can upgrade it) or 'unknown' (none, or from a newer app)."""
    scripts = ScriptDirectory.from_config(alembic_config())
    if revision == scripts.get_current_head():
        return "head"
    known = {script.revision for script in scripts.walk_revisions()}
    return "older" if revision in known else "unknown"
