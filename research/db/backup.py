"""Consistent copies of the workspace database, for an admin's scheduled backups."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine

from research.domain.errors import DomainError


def backup(engine: Engine, target: Path) -> Path:
    if target.exists():
        raise DomainError(f"{target} already exists; choose a new file name so no backup is overwritten.")
    if not target.parent.exists():
        raise DomainError(f"The folder {target.parent} does not exist.")
    if engine.dialect.name == "sqlite":
        _backup_sqlite(engine, target)
    else:
        _backup_postgres(engine, target)
    return target


def _backup_sqlite(engine: Engine, target: Path) -> None:
    # SQLite's online backup copies a consistent snapshot even while the app writes.
    source = sqlite3.connect(engine.url.database)
    try:
        with sqlite3.connect(target) as copy:
            source.backup(copy)
    finally:
        source.close()


def _backup_postgres(engine: Engine, target: Path) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise DomainError("pg_dump is not installed; install the PostgreSQL client to back up PostgreSQL.")
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    result = subprocess.run([pg_dump, "--format=custom", "--file", str(target), url],  # noqa: S603
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise DomainError(f"pg_dump failed: {result.stderr.strip()}")
