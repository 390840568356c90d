"""Counting working days: Monday to Friday, except the public holidays given."""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta

SATURDAY = 5


def is_working_day(day: date, holidays: Container[date]) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def working_days_before(day: date, count: int, holidays: Container[date] = frozenset()) -> date:
    """The working day that is `count` working days before `day`; `day` itself for 0."""
    if count < 0:
        raise ValueError(f"count must not be negative, not {count}")
    current, remaining = day, count
    while remaining:
        current -= timedelta(days=1)
        if is_working_day(current, holidays):
            remaining -= 1
    return current


def calendar_days_covering(count: int) -> int:
    """Calendar days that surely contain `count` working days, even around Christmas."""
    return count * 7 // 5 + 14
