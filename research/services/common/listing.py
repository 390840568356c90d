"""Long lists shown a page at a time: the first rows that match, and how many match in all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, or_

T = TypeVar("T")
LIST_LIMIT = 200


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
    pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))
