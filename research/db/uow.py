"""Unit of work: one session per user action, committed or rolled back as a whole."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from research.domain.errors import DatabaseBusy

# PostgreSQL: serialization failure, deadlock detected, lock not available (lock_timeout).
BUSY_SQLSTATES = {"40001", "40P01", "55P03"}


def is_busy(error: BaseException | None) -> bool:
    """A write that lost a wait for a lock: safe to try again, nothing was written."""
    if not isinstance(error, OperationalError):
        return False
    reason = str(error.orig)
    return (
        getattr(error.orig, "sqlstate", None) in BUSY_SQLSTATES
        or "database is locked" in reason
        or "database table is locked" in reason
    )


class UnitOfWork:
    """`with uow as session:` commits on success and rolls back on any error.

    A lock wait that timed out becomes DatabaseBusy, a message a page can show, not a traceback.
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self.session: Session | None = None

    def __enter__(self) -> Session:
        if self.session is not None:
            raise RuntimeError("This unit of work is already in use")
        self.session = self._factory()
        return self.session

    def __exit__(self, exc_type, exc, tb) -> None:
        session, self.session = self.session, None
        if session is None:
            raise RuntimeError("This unit of work was not entered")
        try:
            if exc_type is None:
                session.commit()
            else:
                session.rollback()
        except OperationalError as error:
            if is_busy(error):
                raise DatabaseBusy() from error
            raise
        finally:
            session.close()
        if is_busy(exc):
            raise DatabaseBusy() from exc
