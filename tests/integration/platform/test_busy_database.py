"""A save that waits too long for another writer's lock says "busy, try again", writes nothing, and then works."""

import pytest
from sqlalchemy import event, text

from research.db.engine import make_engine
from research.db.uow import UnitOfWork
from research.domain.errors import DatabaseBusy
from research.domain.roles import Role
from research.services.drafting.sections import save_section
from tests.integration.consistency import history_problems
from tests.integration.drafting_support import section_id, start


def impatient(engine):
    """The app's engine with lock waits cut to a fifth of a second, so the test need not wait 5 s."""
    other = make_engine(engine.url)
    statement = "PRAGMA busy_timeout=200" if engine.dialect.name == "sqlite" else "SET lock_timeout = '200ms'"

    @event.listens_for(other, "connect")
    def _short_wait(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute(statement)
        cursor.close()
        if engine.dialect.name != "sqlite":
            dbapi_connection.commit()

    return other


def test_a_save_blocked_by_another_writer_is_told_busy_and_nothing_is_half_written(uow, engine, make_actor):
    lead = make_actor(Role.RESEARCHER)
    sid = section_id(uow, lead, start(uow, lead), "aims")
    short = impatient(engine)
    holder = make_engine(engine.url).connect()
    lock = "UPDATE sections SET guidance = guidance WHERE id = :id"
    holder.execute(text(lock), {"id": sid})  # holds the write lock (SQLite) / the row lock (PostgreSQL)
    try:
        with pytest.raises(DatabaseBusy, match="busy with other people's changes.*try again"):
            save_section(UnitOfWork(short), lead, sid, "Blocked text.", 0)
    finally:
        holder.rollback()
        holder.close()
    assert history_problems(engine) == []
    assert save_section(UnitOfWork(short), lead, sid, "Text once the lock is gone.", 0).revision == 1
    short.dispose()
