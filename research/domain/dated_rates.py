"""Exchange rates by date, from a file: each award converts at the latest rate on or before its date.

A rates file has one row per currency and date: `currency`, `date`, `rate` (units of the
reporting currency for one unit of the currency), e.g. `GBP,2001-03-26,2.05`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from research.domain.column_mapping import ImportField
from research.domain.date_values import parse_precise_date
from research.domain.errors import Problem
from research.domain.money import parse_currency

RATE_FIELDS = (
    ImportField("currency", "currency", True, ("Currency", "code", "ccy")),
    ImportField("date", "date", True, ("Date", "day", "as of")),
    ImportField("rate", "rate", True, ("Rate", "value")),
)


@dataclass
class DatedRates:
    """Per currency, the dates and rates in date order; flat rates (--rate) win over dated ones."""

    series: dict[str, tuple[list[date], list[Decimal]]] = field(default_factory=dict)
    flat: Mapping[str, Decimal] = field(default_factory=dict)

    def __call__(self, currency: str, day: date) -> Decimal | None:
        if currency in self.flat:
            return self.flat[currency]
        found = self.series.get(currency)
        if found is None:
            return None
        index = bisect_right(found[0], day)
        return found[1][index - 1] if index else None

    @property
    def used(self) -> list[str]:
        """'GBP: 120 rates, 2001-01-02 to 2016-12-30' per currency in the file."""
        return [f"{c}: {len(d):,} rates, {d[0].isoformat()} to {d[-1].isoformat()}" for c, (d, _) in sorted(self.series.items())]


def read_rates(
    file: str, columns: Mapping[str, str], rows: Iterable[tuple[str, Mapping[str, Any]]], flat: Mapping[str, Decimal]
) -> tuple[DatedRates, list[Problem]]:
    by_currency: dict[str, dict[date, Decimal]] = {}
    problems: list[Problem] = []
    for where, cells in rows:
        try:
            currency = parse_currency(cells.get(columns["currency"]))
            day = parse_precise_date(cells.get(columns["date"])).day
            rate = Decimal(str(cells.get(columns["rate"])).strip())
            if not rate.is_finite() or rate <= 0:
                raise ValueError(f"{cells.get(columns['rate'])!r} is not a rate above 0")
        except (ValueError, InvalidOperation) as exc:
            problems.append(Problem(f"{file}, {where}", str(exc) if isinstance(exc, ValueError) else "is not a rate"))
            continue
        by_currency.setdefault(currency, {})[day] = rate
    series = {c: (sorted(d), [d[k] for k in sorted(d)]) for c, d in by_currency.items()}
    return DatedRates(series, flat), problems
