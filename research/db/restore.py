"""Putting a backup back: into an empty database, or over a workspace only when asked to.

A backup is checked before anything is touched: that it is the right kind for the configured
database, readable, and at a schema this app knows (an older schema is upgraded). The restore
itself is one transaction: SQLite's backup API copies every page in one step, pg_restore runs
with --single-transaction, so a failure leaves the database as it was.
"""

from __future__ import annotations

import sqlite3
import subprocess
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, inspect, select

from research.db.backup import PG_DUMP_HEADER, SQLITE_HEADER, libpq_url, postgres_tool
from research.db.engine import make_engine, sqlite_file
from research.db.migrate import describe_revision, upgrade_to_head
from research.db.models import Base
from research.domain.errors import DomainError


@dataclass(frozen=True)
class Restored:
    source: Path
    rows: dict[str, int]
    upgraded: bool


def restore(engine: Engine, source: Path, force: bool = False) -> Restored:
    sqlite = engine.dialect.name == "sqlite"
    _check_file(source, SQLITE_HEADER if sqlite else PG_DUMP_HEADER, engine)
    if not force and (held := workspace_rows(engine)):
        counts = ", ".join(f"{n:,} {table}" for table, n in list(held.items())[:3])
        raise DomainError(
            f"The database {_where(engine)} already holds a workspace ({counts}, ...); nothing was "
            "restored. Restore into an empty database, or pass --force to replace it."
        )
    upgraded = (_restore_sqlite if sqlite else _restore_postgres)(engine, source)
    return Restored(source, workspace_rows(engine), upgraded)


def workspace_rows(engine: Engine) -> dict[str, int]:
    """Row counts of the workspace's tables that hold any rows."""
    present = set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        counts = {
            t.name: connection.scalar(select(func.count()).select_from(t))
            for t in Base.metadata.sorted_tables
            if t.name in present
        }
    return {name: n for name, n in counts.items() if n}


def _where(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _check_file(source: Path, header: bytes, engine: Engine) -> None:
    if not source.is_file():
        raise DomainError(f"There is no backup file at {source}.")
    with source.open("rb") as handle:
        start = handle.read(len(SQLITE_HEADER))
    if start.startswith(header):
        return
    other = {SQLITE_HEADER: "a SQLite", PG_DUMP_HEADER: "a PostgreSQL (pg_dump)"}
    found = next((name for magic, name in other.items() if start.startswith(magic)), None)
    wanted = "a SQLite backup" if engine.dialect.name == "sqlite" else "a pg_dump --format=custom backup"
    raise DomainError(
        f"{source} is {found + ' backup' if found else 'not a backup'}; the configured database "
        f"{_where(engine)} needs {wanted} (as `python -m research backup` writes)."
    )


def _check_revision(revision: str | None, source: Path) -> bool:
    """True when the backup's schema is older than the app's and must be upgraded."""
    state = describe_revision(revision)
    if state == "unknown":
        raise DomainError(
            f"{source} is not a workspace backup this version of the app can use (its schema "
            f"revision is {revision or 'missing'}); nothing was restored."
        )
    return state == "older"


def _restore_sqlite(engine: Engine, source: Path) -> bool:
    if sqlite_file(engine).resolve() == source.resolve():
        raise DomainError(f"{source} is the configured database itself; restore from a copy.")
    with tempfile.TemporaryDirectory(dir=sqlite_file(engine).parent) as folder:
        staged = Path(folder) / "staged.db"
        _stage_sqlite(source, staged)
        upgraded = _check_revision(_sqlite_revision(staged, source), source)
        if upgraded:
            _upgrade_file(engine, staged)
        engine.dispose()
        with (
            closing(sqlite3.connect(staged)) as copy,
            closing(sqlite3.connect(sqlite_file(engine), timeout=30)) as target,
        ):
            copy.backup(target)
    return upgraded


def _stage_sqlite(source: Path, staged: Path) -> None:
    try:
        with (
            closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as original,
            closing(sqlite3.connect(staged)) as copy,
        ):
            original.backup(copy)
            problems = copy.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise DomainError(f"{source} cannot be read as a SQLite backup ({exc}); nothing was restored.") from exc
    if problems != [("ok",)]:
        raise DomainError(f"{source} is damaged (integrity check: {problems[0][0]}); nothing was restored.")


def _sqlite_revision(staged: Path, source: Path) -> str | None:
    with closing(sqlite3.connect(staged)) as copy:
        try:
            return copy.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        except (sqlite3.DatabaseError, TypeError) as exc:
            raise DomainError(
                f"{source} is a SQLite file but not a workspace backup (it has no schema "
                "revision); nothing was restored."
            ) from exc


def _upgrade_file(engine: Engine, staged: Path) -> None:
    staged_engine = make_engine(engine.url.set(database=str(staged)))
    try:
        upgrade_to_head(staged_engine)
    finally:
        staged_engine.dispose()


def _restore_postgres(engine: Engine, source: Path) -> bool:
    pg_restore = postgres_tool("pg_restore", engine)
    upgraded = _check_revision(_dump_revision(pg_restore, source), source)
    engine.dispose()
    result = subprocess.run(  # noqa: S603
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            libpq_url(engine),
            str(source),
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise DomainError(f"pg_restore failed, so nothing was restored: {result.stderr.strip()}")
    if upgraded:
        upgrade_to_head(engine)
    return upgraded


def _dump_revision(pg_restore: str, source: Path) -> str | None:
    """The schema revision in the dump, read from its alembic_version data without restoring."""
    result = subprocess.run(  # noqa: S603
        [pg_restore, "--data-only", "--table=alembic_version", "--file=-", str(source)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise DomainError(f"{source} cannot be read by pg_restore ({result.stderr.strip()}); nothing was restored.")
    lines = result.stdout.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("COPY public.alembic_version")), None)
    if start is None or start + 1 >= len(lines) or lines[start + 1] == "\\.":
        return None
    return lines[start + 1].strip()
