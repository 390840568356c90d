"""The demo seeded once per test module, for tests that only read it (seeding takes seconds)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy.engine import Engine

from research.db.models import Base
from research.db.uow import UnitOfWork
from research.demo.seed import seed_demo


def seeded_once(engine: Engine, now: datetime) -> Iterator[UnitOfWork]:
    """Yield a unit of work on the demo as of `now`; empty every table afterwards, as `uow` does."""
    uow = UnitOfWork(engine)
    try:
        seed_demo(uow, now=now)
        yield uow
    finally:
        with engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())
