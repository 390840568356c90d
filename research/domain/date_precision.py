"""How exactly a date is known: a day, a month ('03/2019') or only a year ('2019')."""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


def format_precise(day: date | None, precision: str = DatePrecision.DAY) -> str:
    """'26 Mar 2019', 'Mar 2019' or '2019': never a day that was not given."""
    if day is None:
        return "—"
    if precision == DatePrecision.YEAR:
        return str(day.year)
    if precision == DatePrecision.MONTH:
        return f"{day:%b %Y}"
    return f"{day.day} {day:%b %Y}"
