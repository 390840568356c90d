"""Consistent copies of the workspace database, for an admin's scheduled backups."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine, text

from research.db.engine import sqlite_file
from research.domain.errors import DomainError

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"
OWNER_ONLY = 0o600  # a backup holds password hashes and every draft


def backup(engine: Engine, target: Path) -> Path:
    if target.exists():
        raise DomainError(f"{target} already exists; choose a new file name so no backup is overwritten.")
    if not target.parent.exists():
        raise DomainError(f"The folder {target.parent} does not exist.")
    _claim(target)
    try:
        if engine.dialect.name == "sqlite":
            _backup_sqlite(engine, target)
        else:
            _backup_postgres(engine, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def _claim(target: Path) -> None:
    """Create the empty file, owner-only from its first byte; refuse if someone made it meanwhile."""
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY))
    except FileExistsError:
        raise DomainError(f"{target} already exists; choose a new file name so no backup is overwritten.") from None
    except OSError as exc:
        raise DomainError(f"Cannot create {target}: {exc.strerror}.") from None


def _backup_sqlite(engine: Engine, target: Path) -> None:
    # SQLite's online backup copies a consistent snapshot even while the app writes.
    with closing(sqlite3.connect(sqlite_file(engine))) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)


def _backup_postgres(engine: Engine, target: Path) -> None:
    pg_dump = postgres_tool("pg_dump", engine)
    result = subprocess.run(  # noqa: S603
        [pg_dump, "--format=custom", "--file", str(target), libpq_url(engine)],
        capture_output=True,
        text=True,
        umask=0o077,  # pg_dump writes into the claimed file; anything else it creates is owner-only too
    )
    if result.returncode != 0:
        raise DomainError(f"pg_dump failed: {result.stderr.strip()}")


def libpq_url(engine: Engine) -> str:
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def postgres_tool(name: str, engine: Engine) -> str:
    """The path of pg_dump or pg_restore, refused when it is older than the server it must serve."""
    tool = shutil.which(name)
    if tool is None:
        raise DomainError(
            f"{name} is not installed; install the PostgreSQL client (e.g. the postgresql-client "
            "package) to back up or restore PostgreSQL."
        )
    client = _major(subprocess.run([tool, "--version"], capture_output=True, text=True).stdout)  # noqa: S603
    with engine.connect() as connection:
        server = int(connection.execute(text("SHOW server_version_num")).scalar_one()) // 10000
    if client is None or client < server:
        raise DomainError(
            f"{name} is version {client or 'unknown'} but the PostgreSQL server is version {server}; "
            f"install the version {server} client (e.g. postgresql-client-{server}) and try again."
        )
    return tool


def _major(version_text: str) -> int | None:
    found = re.search(r"\) (\d+)", version_text) or re.search(r"(\d+)", version_text)
    return int(found.group(1)) if found else None
