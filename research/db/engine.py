"""Engine creation: SQLite set up so writers queue, PostgreSQL through psycopg 3."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError

from research.config import ConfigError
from research.db.nul_guard import refuse_nul_text


class DatabaseUnavailable(Exception):
    """The database could not be reached; the message says which and why."""


def make_engine(url: URL, **kwargs) -> Engine:
    if url.get_backend_name() == "sqlite":
        engine = _sqlite_engine(url, **kwargs)
    else:
        engine = create_engine(url, pool_pre_ping=True, **kwargs)
    refuse_nul_text(engine)
    return engine


def _sqlite_engine(url: URL, **kwargs) -> Engine:
    if url.database and url.database != ":memory:":
        folder = Path(url.database).parent
        if not folder.exists():
            raise ConfigError(f"The folder for the SQLite database does not exist: {folder}")
    engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # SQLite's busy handler is not a fair queue: with several app processes writing at once a
        # waiter can wait for seconds (the soak test hit 5 s), so wait as long as the driver's timeout.
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # Take the write lock at the start, so read-modify-write cycles queue
        # instead of failing with "database is locked" when they upgrade.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def sqlite_file(engine: Engine) -> Path:
    """The file of a SQLite engine's database."""
    if not engine.url.database:
        raise ConfigError(f"{engine.url} names no database file")
    return Path(engine.url.database)


def check_connection(engine: Engine) -> None:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseUnavailable(
            f"Cannot reach the database at {engine.url.render_as_string(hide_password=True)}: {reason}"
        ) from exc
