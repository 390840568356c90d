"""Dated exchange rates: converting an amount at the rate of its date, and saying which rates were used.

A rate is stored as published, with the way it is quoted:
- PER_REPORTING: units of the currency one unit of the reporting currency buys (how central banks
  publish: the RBNZ's USD per NZD, the Bank of England's USD into sterling, the ECB's USD per EUR);
- IN_REPORTING: units of the reporting currency for one unit of the currency (as `--rate USD=1.68`).
An amount converts at the latest rate on or before its date; a flat rate (`--rate`) overrides the table.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from research.domain.currencies import CURRENCIES
from research.domain.errors import DomainError, Problem
from research.domain.ledger_values import is_blank, parse_date
from research.domain.money import to_cents

MAX_RATE = Decimal("9999999999")


class Quote(StrEnum):
    PER_REPORTING = "per_reporting"
    IN_REPORTING = "in_reporting"

    @property
    def label(self) -> str:
        return {
            Quote.PER_REPORTING: "units of the currency for one unit of the reporting currency (central bank style)",
            Quote.IN_REPORTING: "units of the reporting currency for one unit of the currency",
        }[self]


@dataclass(frozen=True)
class Rate:
    currency: str
    on: date
    rate: Decimal
    quote: Quote = Quote.PER_REPORTING

    def convert(self, amount: Decimal) -> Decimal:
        """`amount` in the currency, in the reporting currency (to the cent)."""
        return to_cents(amount / self.rate if self.quote is Quote.PER_REPORTING else amount * self.rate)

    @property
    def in_reporting(self) -> Decimal:
        """Units of the reporting currency for one unit of the currency."""
        return Decimal(1) / self.rate if self.quote is Quote.PER_REPORTING else self.rate


class NoRate(DomainError):
    """No rate converts this currency on this date; the message says which and from when there is one."""

    def __init__(self, currency: str, on: date, first: date | None, reporting: str):
        self.currency, self.on, self.first = currency, on, first
        when = f" before {first.isoformat()}" if first else ""
        super().__init__(
            f"no exchange rate for {currency}{when} (an amount of {on.isoformat()}); add one in Workspace "
            f"settings, import a rates file, or give one, e.g. {currency}=1.68 ({reporting} for one unit)"
        )


class RateTable:
    """The rates to one reporting currency, by currency and date, plus any flat overrides."""

    def __init__(self, reporting: str, rates: Iterable[Rate] = (), flat: Mapping[str, Decimal] | None = None):
        self.reporting = reporting
        self.flat = dict(flat or {})
        by_currency: dict[str, list[Rate]] = {}
        for rate in sorted(rates, key=lambda r: (r.currency, r.on)):
            by_currency.setdefault(rate.currency, []).append(rate)
        self._rates = by_currency
        self._dates = {code: [r.on for r in rows] for code, rows in by_currency.items()}

    def rate(self, currency: str, on: date) -> Rate | None:
        """The rate that converts `currency` on `on`: flat, or the latest on or before; None if none does."""
        if currency == self.reporting:
            return Rate(currency, on, Decimal(1), Quote.IN_REPORTING)
        if currency in self.flat:
            return Rate(currency, on, self.flat[currency], Quote.IN_REPORTING)
        index = bisect.bisect_right(self._dates.get(currency, []), on)
        return self._rates[currency][index - 1] if index else None

    def first_date(self, currency: str) -> date | None:
        dates = self._dates.get(currency)
        return dates[0] if dates else None

    def to_reporting(self, amount: Decimal, currency: str, on: date) -> Decimal:
        """`amount` of `currency` on `on` in the reporting currency; NoRate when no rate covers it."""
        rate = self.rate(currency, on)
        if rate is None:
            raise NoRate(currency, on, self.first_date(currency), self.reporting)
        return rate.convert(amount)

    def currencies(self) -> list[str]:
        return sorted(set(self._rates) | set(self.flat))


@dataclass
class _Use:
    count: int = 0
    first: date | None = None
    last: date | None = None
    rates: set[tuple[date, Decimal]] = field(default_factory=set)
    flat: Decimal | None = None


@dataclass
class RatesUsed:
    """Which rates converted which amounts, and the amounts no rate covers, for a report.

    `convert` converts and notes; missing amounts are grouped per currency into one line each:
    "379 awards: no exchange rate for GBP before 2001-03-26".
    """

    table: RateTable
    noun: str = "award"
    used: dict[str, _Use] = field(default_factory=dict)
    missing: dict[str, list[date]] = field(default_factory=dict)

    def convert(self, amount: Decimal, currency: str, on: date) -> Decimal | None:
        rate = self.table.rate(currency, on)
        if rate is None:
            self.missing.setdefault(currency, []).append(on)
            return None
        if currency != self.table.reporting:
            use = self.used.setdefault(currency, _Use())
            use.count += 1
            use.first = min(use.first or on, on)
            use.last = max(use.last or on, on)
            if currency in self.table.flat:
                use.flat = rate.rate
            else:
                use.rates.add((rate.on, rate.rate))
        return rate.convert(amount)

    @property
    def complete(self) -> bool:
        return not self.missing

    def missing_lines(self) -> list[str]:
        """One line per currency: how many amounts no rate covers, and from when there is one."""
        lines = []
        for currency, dates in sorted(self.missing.items()):
            first = self.table.first_date(currency)
            when = f" before {first.isoformat()}" if first and all(d < first for d in dates) else ""
            span = "" if when else f" (dated {min(dates).isoformat()} to {max(dates).isoformat()})"
            lines.append(f"{_count(len(dates), self.noun)}: no exchange rate for {currency}{when}{span}")
        return lines

    def missing_problems(self, where: str) -> list[Problem]:
        return [Problem(where, line) for line in self.missing_lines()]

    def used_lines(self) -> list[str]:
        """'GBP: 12 awards at 5 dated rates (2001-03-26 to 2015-06-30)', 'USD: 3 awards at a flat 1.68'."""
        lines = []
        for currency, use in sorted(self.used.items()):
            if use.flat is not None:
                how = f"at a flat {use.flat} {self.table.reporting} for one {currency}"
            elif len(use.rates) == 1:
                (on, rate), *_ = use.rates
                how = f"at the rate of {on.isoformat()} ({rate})"
            else:
                dates = sorted(on for on, _ in use.rates)
                how = f"at {len(use.rates)} dated rates ({dates[0].isoformat()} to {dates[-1].isoformat()})"
            lines.append(f"{currency}: {_count(use.count, self.noun)} {how}")
        return lines

    def summary(self) -> dict[str, Any]:
        """For JSON reports: the reporting currency, the rates used and the lines on what no rate covers."""
        return {"reporting": self.table.reporting, "used": self.used_lines(), "missing": self.missing_lines()}


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


# Reading a rates file ---------------------------------------------------------------------------

DATE_TITLES = ("date", "as of", "as_of", "day", "period", "time_period", "obs_date", "series")
CURRENCY_TITLES = ("currency", "code", "currency code", "ccy")
RATE_TITLES = ("rate", "value", "obs_value", "exchange rate")


def parse_rate_value(value: object) -> Decimal:
    text = str(value).strip().replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a rate (a number, e.g. 0.6123)") from None
    if not number.is_finite() or number <= 0 or number > MAX_RATE:
        raise ValueError(f"{text!r} is not a rate (a number more than 0)")
    return number


def parse_rate_date(value: object) -> date:
    """ISO or day/month/year as elsewhere, or the Bank of England's '02 Jan 2024'."""
    try:
        return parse_date(value)
    except ValueError:
        text = str(value).strip()
        for pattern in ("%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%d-%b-%y"):
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise


_ECB_KEY = re.compile(r"EXR\.[A-Z]\.(?P<currency>[A-Z]{3})\.(?P<base>[A-Z]{3})\.")


def currency_of_title(title: str, reporting: str = "") -> str | None:
    """'USD', 'usd', 'USD per NZD', 'EXR.D.USD.EUR.SP00.A' (an ECB series key): the one currency a title
    names besides the reporting currency."""
    ecb = _ECB_KEY.search(title.upper())
    if ecb:
        return ecb["currency"] if ecb["currency"] in CURRENCIES else None
    words = {w.strip("()[]/.,:").upper() for w in title.replace("/", " ").split()}
    codes = {w for w in words if len(w) == 3 and w in CURRENCIES} - {reporting}
    return codes.pop() if len(codes) == 1 else None


def read_rate_rows(
    file: str, titles: list[str], rows: Iterable[Any], reporting: str, quote: Quote = Quote.PER_REPORTING
) -> tuple[list[Rate], list[Problem]]:
    """The rates in a table of either shape, each problem named by line and column.

    Long: columns currency, date, rate. Wide: a date column and one column per currency (its title
    a currency code, e.g. 'USD' or 'USD per NZD'); blank cells (holidays) are skipped.
    `rows` are SourceRow-like: `.where` and `.cells` by title.
    """
    lower = {t.strip().lower(): t for t in titles if t and t.strip()}
    date_title = next((lower[t] for t in DATE_TITLES if t in lower), None)
    currency_title = next((lower[t] for t in CURRENCY_TITLES if t in lower), None)
    rate_title = next((lower[t] for t in RATE_TITLES if t in lower), None)
    columns: dict[str | None, str]
    if currency_title and rate_title and date_title:
        columns = {None: rate_title}
    else:
        date_title = date_title or (titles[0] if titles else None)
        columns = {
            currency_of_title(t, reporting): t for t in titles if t != date_title and currency_of_title(t, reporting)
        }
    if not date_title or not columns:
        return [], [
            Problem(
                file,
                "has no rates: use columns currency, date, rate, or a date column and one column per "
                "currency titled with its code (e.g. Date, USD, EUR)",
            )
        ]
    rates: dict[tuple[str, date], Rate] = {}
    problems: list[Problem] = []
    for row in rows:
        where = f"{file}, {row.where}"
        try:
            on = parse_rate_date(row.cells.get(date_title))
        except ValueError as exc:
            problems.append(Problem(f"{where}, column {date_title!r}", str(exc)))
            continue
        for code, title in columns.items():
            value = row.cells.get(title)
            if is_blank(value):
                if code is None:
                    problems.append(Problem(f"{where}, column {title!r}", "is empty"))
                continue
            currency = code or str(row.cells.get(currency_title) or "").strip().upper()
            if currency not in CURRENCIES:
                problems.append(Problem(f"{where}, column {currency_title!r}", f"{currency!r} is not a currency code"))
                continue
            if currency == reporting:
                continue
            try:
                rates[(currency, on)] = Rate(currency, on, parse_rate_value(value), quote)
            except ValueError as exc:
                problems.append(Problem(f"{where}, column {title!r}", str(exc)))
    if not rates and not problems:
        problems.append(Problem(file, f"holds no rates for currencies other than {reporting}"))
    return sorted(rates.values(), key=lambda r: (r.currency, r.on)), problems
