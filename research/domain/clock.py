"""One place that says what time it is, so tests and the demo can say otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

# Set only inside `frozen_at`; a context variable, so one thread's story never leaks into another's.
_frozen: ContextVar[datetime | None] = ContextVar("frozen_now", default=None)


def utcnow() -> datetime:
    return _frozen.get() or datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """Databases without time zones hand back naive UTC; make it aware."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    """Inside, every `utcnow()` (services, model defaults) is `moment`: how the demo tells a past."""
    token = _frozen.set(as_utc(moment))
    try:
        yield
    finally:
        _frozen.reset(token)
