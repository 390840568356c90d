"""Unit of work: one session per user action, committed or rolled back as a whole."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker


class UnitOfWork:
    """`with uow as session:` commits on success and rolls back on any error."""

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
        try:
            if exc_type is None:
                session.commit()
            else:
                session.rollback()
        finally:
            session.close()
