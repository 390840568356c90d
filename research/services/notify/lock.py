"""One notify pass at a time across processes: pg_try_advisory_lock on PostgreSQL, a lock row on SQLite."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from research.db.models import PassLock
from research.domain.clock import as_utc, utcnow

ADVISORY_KEY = 0x4E4F5449  # "NOTI"
LOCK_NAME = "notify"
# A holder that died without releasing: its row is taken over after this long.
STALE_AFTER = timedelta(minutes=30)


@contextmanager
def pass_lock(engine: Engine) -> Iterator[bool]:
    """Yields True when this process holds the lock, False when another pass is running."""
    if engine.dialect.name == "postgresql":
        with _advisory(engine) as held:
            yield held
    else:
        with _lock_row(engine) as held:
            yield held


@contextmanager
def _advisory(engine: Engine) -> Iterator[bool]:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        held = bool(connection.scalar(select(func.pg_try_advisory_lock(ADVISORY_KEY))))
        try:
            yield held
        finally:
            if held:
                connection.execute(select(func.pg_advisory_unlock(ADVISORY_KEY)))


@contextmanager
def _lock_row(engine: Engine) -> Iterator[bool]:
    holder = f"{socket.gethostname()}:{os.getpid()}:{id(engine)}"
    held = _take_row(engine, holder, utcnow())
    try:
        yield held
    finally:
        if held:
            with engine.begin() as connection:
                connection.execute(delete(PassLock).where(PassLock.name == LOCK_NAME, PassLock.holder == holder))


def _take_row(engine: Engine, holder: str, now: datetime) -> bool:
    with engine.begin() as connection:
        since = connection.scalar(select(PassLock.acquired_at).where(PassLock.name == LOCK_NAME))
        if since is not None and as_utc(since) > now - STALE_AFTER:
            return False
        connection.execute(delete(PassLock).where(PassLock.name == LOCK_NAME))
        try:
            connection.execute(insert(PassLock).values(name=LOCK_NAME, holder=holder, acquired_at=now))
        except IntegrityError:
            return False
    return True
