"""Long lists shown a page at a time: the first rows that match, and how many match in all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, or_

from research.domain.errors import InvalidInput, Problem
from research.domain.nul_text import contains_nul, nul_reason

T = TypeVar("T")
LIST_LIMIT = 200
# SQLite refuses LIKE patterns over 50,000 bytes ("pattern too complex"); no name or title is this long.
SEARCH_MAX_CHARS = 200


@dataclass(frozen=True)
class Listing(Generic[T]):
    items: tuple[T, ...]
    total: int

    @property
    def partial(self) -> bool:
        return len(self.items) < self.total


def contains_text(columns: list[Any], search: str) -> ColumnElement[bool] | None:
    """Case-insensitive 'contains' over any of the columns; None when there is nothing to search for."""
    words = search.strip()
    if not words:
        return None
    if contains_nul(words):
        raise InvalidInput(Problem("Search", nul_reason()))
    if len(words) > SEARCH_MAX_CHARS:
        raise InvalidInput(
            Problem("Search", f"is {len(words):,} characters long; search for up to {SEARCH_MAX_CHARS} characters")
        )
    pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))
