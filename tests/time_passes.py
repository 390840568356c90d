"""Time passing for the rows another thread or process reads: a session's last sign of activity and
a presence mark moved back.

The clock seam (`research.domain.clock.frozen_at`) holds only in the test's own thread, and the code
under test here runs elsewhere (AppTest's script thread, or the app as a server process), so these
tests age the stored moments instead. No service moves a moment back: that is what time does.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from research.db.models import LoginSession, SectionPresence
from research.db.uow import UnitOfWork
from research.services.accounts.auth import token_hash


def session_last_seen(uow: UnitOfWork, at: datetime, token: str | None = None) -> None:
    """The sign-in session of `token` (or every session) was last active at `at`."""
    statement = update(LoginSession).values(last_seen_at=at)
    if token is not None:
        statement = statement.where(LoginSession.token_hash == token_hash(token))
    with uow as session:
        session.execute(statement)


def presence_last_seen(uow: UnitOfWork, at: datetime) -> None:
    """Everyone marked present in a section was last seen there at `at`."""
    with uow as session:
        session.execute(update(SectionPresence).values(seen_at=at))
