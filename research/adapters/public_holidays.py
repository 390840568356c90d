"""New Zealand public holidays, from the maintained `holidays` library, any year on demand."""

from __future__ import annotations

from collections.abc import Container
from datetime import date
from functools import lru_cache

import holidays


@lru_cache(maxsize=128)
def _national(year: int) -> frozenset[date]:
    # National holidays only: regional anniversary days differ across the country.
    return frozenset(holidays.country_holidays("NZ", years=year))


class NewZealandHolidays(Container[date]):
    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and day in _national(day.year)

    def name(self, day: date) -> str | None:
        return holidays.country_holidays("NZ", years=day.year).get(day)


NZ_HOLIDAYS = NewZealandHolidays()
