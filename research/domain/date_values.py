"""Dates as files write them, with how exactly they are known.

- ISO, with or without a time: 2019-03-26, 2019-03-26T00:00:00, 2019-03-26 00:00:00+00:00;
- numbers with slashes, dots or dashes, day first or month first as the import says:
  26/03/2019, 3/26/2019, 26/03/2019 00:00, 26.03.2019;
- words: 26 Mar 2019, March 26, 2019;
- month precision: 03/2019, 2019-03, Mar 2019; year precision: 2019 (kept as such, never a made-up day);
- Excel serial day numbers (43550) and spreadsheet date cells.

A slashed date both of whose first numbers could be the month is ambiguous: the reading under
the other order is returned too, so an import can list the dates the choice decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from research.domain.date_precision import DatePrecision

EXCEL_EPOCH = date(1899, 12, 30)
SERIALS = (10000, 110000)  # 1927 to 2201: numbers in this range in a date column are Excel day numbers
YEARS = (1900, 2200)
_MONTHS = {
    m: i
    for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)
}
_TIME = r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[aApP]\.?[mM]\.?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(rf"^(\d{{4}})[-/](\d{{1,2}})[-/](\d{{1,2}}){_TIME}$")
_NUMERIC = re.compile(rf"^(\d{{1,2}})[/.\-](\d{{1,2}})[/.\-](\d{{4}}){_TIME}$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_WORDS = re.compile(rf"^(?:[A-Za-z]+,?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+([A-Za-z]{{3,9}})\.?,?\s+(\d{{4}}){_TIME}$")
_WORDS_US = re.compile(rf"^([A-Za-z]{{3,9}})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){_TIME}$")
_MONTH_WORD_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?,?\s+(\d{4})$")
_SERIAL = re.compile(r"^(\d{5,6})(?:\.\d+)?$")


@dataclass(frozen=True)
class PreciseDate:
    day: date  # the first day of the month or year when only those were given
    precision: DatePrecision = DatePrecision.DAY
    other: date | None = None  # the date under the other day/month order, when that differs


@dataclass(frozen=True)
class AmbiguousDate:
    where: str
    written: str
    read_as: date
    other: date


def order_name(day_first: bool) -> str:
    return "day first (d/m/yyyy)" if day_first else "month first (m/d/yyyy)"


def parse_precise_date(value: object, day_first: bool = True) -> PreciseDate:
    """The date `value` means; ValueError whose message says what was written and what is accepted."""
    if isinstance(value, datetime):
        return PreciseDate(value.date())
    if isinstance(value, date):
        return PreciseDate(value)
    if isinstance(value, bool):
        raise ValueError(_not_a_date(str(value)))
    if isinstance(value, int | float | Decimal):
        return _number(value)
    text = " ".join(str(value).split())
    for parse in (_iso, _numeric, _partial, _words):
        found = parse(text, day_first)
        if found is not None:
            return found
    raise ValueError(_not_a_date(text))


def _not_a_date(text: str) -> str:
    return f"{text!r} is not a date (use e.g. 2019-03-26, 26/03/2019, 03/2019 or 2019)"


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a date: there is no day {day} in month {month} of {year}") from None


def _number(value: int | float | Decimal) -> PreciseDate:
    number = Decimal(str(value))
    if number == number.to_integral_value() and YEARS[0] <= number <= YEARS[1]:
        return PreciseDate(date(int(number), 1, 1), DatePrecision.YEAR)
    if SERIALS[0] <= number < SERIALS[1]:
        return PreciseDate(EXCEL_EPOCH + timedelta(days=int(number)))
    raise ValueError(_not_a_date(str(value)))


def _iso(text: str, day_first: bool) -> PreciseDate | None:
    match = _ISO.match(text)
    if match:
        return PreciseDate(_make(int(match[1]), int(match[2]), int(match[3]), text))
    match = _YEAR_MONTH.match(text)
    if match:
        return PreciseDate(_make(int(match[1]), int(match[2]), 1, text), DatePrecision.MONTH)
    return None


def _numeric(text: str, day_first: bool) -> PreciseDate | None:
    match = _NUMERIC.match(text)
    if not match:
        return None
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    day, month = (first, second) if day_first else (second, first)
    if not 1 <= month <= 12:
        other_order = order_name(not day_first)
        hint = f"; read {other_order} it would be valid: import with --{'month' if day_first else 'day'}-first"
        plausible = 1 <= day <= 12
        raise ValueError(f"{text!r} is not a date read {order_name(day_first)}{hint if plausible else ''}")
    found = _make(year, month, day, text)
    other: date | None = None
    if first != second and first <= 12 and second <= 12:
        other = date(year, day, month)
    return PreciseDate(found, DatePrecision.DAY, other)


def _partial(text: str, day_first: bool) -> PreciseDate | None:
    if text.isdigit() and len(text) == 4:
        year = int(text)
        if not YEARS[0] <= year <= YEARS[1]:
            raise ValueError(_not_a_date(text))
        return PreciseDate(date(year, 1, 1), DatePrecision.YEAR)
    match = _MONTH_YEAR.match(text)
    if match:
        return PreciseDate(_make(int(match[2]), int(match[1]), 1, text), DatePrecision.MONTH)
    match = _SERIAL.match(text)
    if match:
        return _number(Decimal(text))
    match = _MONTH_WORD_YEAR.match(text)
    if match and match[1][:3].lower() in _MONTHS:
        return PreciseDate(date(int(match[2]), _MONTHS[match[1][:3].lower()], 1), DatePrecision.MONTH)
    return None


def _words(text: str, day_first: bool) -> PreciseDate | None:
    match = _WORDS.match(text)
    if match and match[2][:3].lower() in _MONTHS:
        return PreciseDate(_make(int(match[3]), _MONTHS[match[2][:3].lower()], int(match[1]), text))
    match = _WORDS_US.match(text)
    if match and match[1][:3].lower() in _MONTHS:
        return PreciseDate(_make(int(match[3]), _MONTHS[match[1][:3].lower()], int(match[2]), text))
    return None


def ambiguity_note(ambiguous: list[AmbiguousDate], day_first: bool, shown: int = 5) -> str:
    """'Dates were read day first (d/m/yyyy).' and which of them read month first would differ."""
    note = f"Dates were read {order_name(day_first)}."
    if not ambiguous:
        return note
    examples = "; ".join(
        f"{a.where} {a.written!r} = {a.read_as:%d %b %Y} (else {a.other:%d %b %Y})" for a in ambiguous[:shown]
    )
    more = f" and {len(ambiguous) - shown:,} more" if len(ambiguous) > shown else ""
    other = order_name(not day_first)
    return f"{note} {len(ambiguous):,} date(s) would read differently {other}: {examples}{more}."
