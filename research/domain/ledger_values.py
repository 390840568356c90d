"""Reading single values from ledger files: money, dates, currencies, exchange rates, cluster shares.

Each parser returns the value or raises ValueError with a reason fit to show a user.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

MAX_MONEY = Decimal("1e14")
HUNDRED = Decimal("100")
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_SHARE = re.compile(r"^(?P<name>.*?)[\s:=]+(?P<percent>\d+(?:\.\d+)?)\s*%?$")


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_money(value: object) -> Decimal:
    """A number of dollars with at most two decimal places; negative is allowed (de-commitments)."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not an amount")
    if isinstance(value, int | Decimal):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    else:
        amount = _money_from_text(str(value))
    if not amount.is_finite():
        raise ValueError(f"{value!r} is not an amount")
    if abs(amount) >= MAX_MONEY:  # first: quantizing 1e999 to cents overflows Decimal's precision
        raise ValueError(f"{value} is too large an amount")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"{value} has more than two decimal places")
    return amount


def _money_from_text(text: str) -> Decimal:
    cleaned = text.strip().replace(" ", "")
    negative = cleaned.startswith("-")
    cleaned = cleaned.lstrip("-").lstrip("$")
    if "," in cleaned:
        if not _THOUSANDS.match(cleaned):
            raise ValueError(f"{text.strip()!r} is not an amount (use digits, e.g. 1234567.50)")
        cleaned = cleaned.replace(",", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{text.strip()!r} is not an amount (use digits, e.g. 1234567.50)") from None
    return -amount if negative else amount


def parse_date(value: object) -> date:
    """ISO dates (2023-06-15, also with a time), or New Zealand's day/month/year (15/06/2023)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    parts = text.split("/")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
        try:
            return date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            pass
    raise ValueError(f"{text!r} is not a date (use YYYY-MM-DD, e.g. 2023-06-15)")


def parse_currency(value: object) -> str:
    code = "NZD" if is_blank(value) else str(value).strip().upper()
    if not (len(code) == 3 and code.isalpha() and code.isascii()):
        raise ValueError(f"{value!r} is not a three-letter currency code such as NZD or USD")
    return code


def parse_rates(texts: list[str]) -> dict[str, Decimal]:
    """['USD=1.68'] -> {'USD': Decimal('1.68')}: NZD per one unit of the currency."""
    rates: dict[str, Decimal] = {}
    for text in texts:
        code, sep, number = text.partition("=")
        currency = rate = None
        try:
            currency = parse_currency(code) if code.strip() else None
            rate = Decimal(number.strip()) if sep and currency else None
        except (ValueError, InvalidOperation):
            pass
        if currency == "NZD" and rate != 1:
            raise ValueError(f"{text!r}: NZD is the currency the figures are reported in; its rate is 1")
        if currency is None or rate is None or not rate.is_finite() or rate <= 0:
            raise ValueError(
                f"{text!r} is not an exchange rate; write it as CUR=RATE, e.g. USD=1.68 "
                "(NZD for one unit of the currency)"
            )
        rates[currency] = rate
    rates.setdefault("NZD", Decimal(1))
    return rates


def parse_shares(value: object, clusters: dict[str, str]) -> tuple[tuple[str, Decimal], ...]:
    """'Research' or 'Research 60%; Food 40%' -> ((name, percent), ...) adding up to 100.

    `clusters` maps lower-case names to the names as recorded.
    """
    items = [item.strip() for item in str(value).split(";") if item.strip()]
    if len(items) == 1 and items[0].lower() in clusters:
        return ((clusters[items[0].lower()], HUNDRED),)
    shares: dict[str, Decimal] = {}
    for item in items:
        name, percent = _one_share(item, clusters, single=len(items) == 1)
        if name in shares:
            raise ValueError(f"{name} is named twice")
        shares[name] = percent
    total = sum(shares.values(), Decimal(0))
    if total != HUNDRED:
        raise ValueError(f"the cluster shares add up to {total.normalize():f}%, not 100%")
    return tuple(shares.items())


def _one_share(item: str, clusters: dict[str, str], single: bool) -> tuple[str, Decimal]:
    match = _SHARE.match(item)
    name, percent = (match["name"].strip(), Decimal(match["percent"])) if match else (item, None)
    if name.lower() not in clusters:
        known = ", ".join(sorted(clusters.values())) or "none yet"
        raise ValueError(f"there is no cluster called {name!r} (clusters: {known})")
    if percent is None:
        if not single:
            raise ValueError(f"give {name}'s percentage, e.g. 'Research 60%; Food 40%'")
        percent = HUNDRED
    if not Decimal(0) < percent <= HUNDRED or percent != percent.quantize(Decimal("0.01")):
        raise ValueError(f"{name}'s share must be above 0% and at most 100%, with at most two decimals")
    return clusters[name.lower()], percent


def format_shares(shares: tuple[tuple[str, Decimal], ...] | list[tuple[str, Decimal]]) -> str:
    """The inverse of parse_shares: 'Research 60%; Food 40%'."""
    return "; ".join(f"{name} {percent.normalize():f}%" for name, percent in shares)
