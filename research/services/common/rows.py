"""What a bulk UPDATE or DELETE reports back."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, Result


def rows_changed(result: Result[Any]) -> int:
    """The rows an UPDATE/DELETE matched: Session.execute returns a CursorResult for them, typed as Result."""
    return cast("CursorResult[Any]", result).rowcount
