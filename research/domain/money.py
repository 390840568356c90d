"""Money: the one place amounts are read, bounded and shown.

Every form, importer and command reads an amount with `parse_money` and shows one with
`format_money` / `format_money_short`. The accepted forms are the same everywhere:

- digits with at most two decimals: ``1200``, ``1200.5``, ``.50``. More decimals are
  refused, never rounded (``960000.555``); so are exponents (``1e9``), NaN and infinity;
- thousand separators: commas (``1,200,000``) or spaces, including no-break and thin
  spaces (``1 200 000``). Groups after the first are three digits, so ``1,23`` and the
  continental ``1.234,50`` are refused rather than guessed;
- an optional currency: a symbol before the number (``$``, ``£``, ``€``, ``NZ$``,
  ``US$``, ``A$``/``AU$``, ``C$``/``CA$``, ``HK$``, ``S$``) or an ISO code before or after it
  (``NZD 1,200``, ``1200 nzd``). ``$`` names no particular dollar. When the caller says which
  currency the amount is in, a different one named in the text is refused;
- a ``k`` (thousand) or ``m`` (million) suffix, in every form and import alike:
  ``400k``, ``1.2m``, ``$1.5M``; the result must still be whole cents;
- a minus sign (``-90,000``, ``-$1,000``, ``$-1,000``) or accounting brackets (``(90,000)``)
  for a negative amount, accepted only where the caller allows negatives (awards, whose
  negative rows are de-commitments); elsewhere it is refused with a message;
- at most MAX_MONEY (what the database's money columns hold), either sign.

Spreadsheet cells that are already numbers (int, float, Decimal) go through the same
checks; True and False are refused. Errors are ValueError whose message quotes what was
written and says what is wrong, fit to follow a field or column name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal

from research.domain.currencies import CURRENCIES, SHOWN_SYMBOLS, SYMBOLS, UNIT_NAMES
from research.domain.locale import workspace_locale

# Numeric(16, 2): fourteen digits of dollars and two of cents.
MAX_MONEY = Decimal("99999999999999.99")
CENTS = Decimal("0.01")
EXAMPLES = "e.g. 1,200,000.50, $80k or 1.2m"

_SCALES = {"k": 3, "m": 6}
_SPACES = "\u0020\u00a0\u2009\u202f"
_AMOUNT = re.compile(
    r"^(?P<s1>-)?\s*(?P<code>[A-Za-z]{3}(?=[\s$£€\d.-]))?\s*(?P<s2>-)?\s*(?P<symbol>[A-Za-z]{0,3}\$|£|€)?\s*(?P<s3>-)?"
    rf"(?P<number>\d{{1,3}}(?:(?P<sep>[,{_SPACES}])\d{{3}})(?:(?P=sep)\d{{3}})*(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)"
    r"\s*(?P<unit>[kKmM](?![A-Za-z]))?\s*(?P<code2>[A-Za-z]{3})?$"
)


@dataclass(frozen=True)
class Written:
    """An amount as written: its value and the currency the text named (None if it named none)."""

    amount: Decimal
    currency: str | None


def parse_money(
    value: object, currency: str | None = None, *, allow_negative: bool = False, allow_zero: bool = True
) -> Decimal:
    """The amount `value` means, in cents; ValueError saying what is wrong otherwise.

    `currency`: the currency the amount is in; text naming another one is refused.
    """
    written = read_money(value)
    shown = _shown(value)
    if currency is not None and written.currency not in (None, currency):
        raise ValueError(f"{shown} is in {written.currency}, but this amount is in {currency}")
    amount = written.amount
    if amount < 0 and not allow_negative:
        reason = "must not be negative" if allow_zero else "must be more than 0"
        raise ValueError(f"{reason}, not {shown}")
    if amount == 0 and not allow_zero:
        raise ValueError(f"must be more than 0, not {shown}")
    return amount


def read_money(value: object) -> Written:
    """The amount and any currency written; any sign, checked for form, decimals and size."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not an amount of money ({EXAMPLES})")
    if isinstance(value, int | float | Decimal):
        return Written(_bounded(Decimal(repr(value)) if isinstance(value, float) else Decimal(value), value), None)
    text = str(value)
    amount, named = _from_text(text)
    return Written(_bounded(amount, value), named)


def _from_text(text: str) -> tuple[Decimal, str | None]:
    cleaned = text.strip()
    bracketed = cleaned.startswith("(") and cleaned.endswith(")")
    match = _AMOUNT.match(cleaned[1:-1].strip() if bracketed else cleaned)
    signs = 0 if match is None else sum(1 for group in ("s1", "s2", "s3") if match[group])
    if match is None or signs + bracketed > 1:
        raise ValueError(f"{text.strip()!r} is not an amount of money ({EXAMPLES})")
    named = _named_currency(match, text)
    number = match["number"]
    if match["sep"]:
        number = number.replace(match["sep"], "")
    # Exactly: at the default 28 digits "12345678901.23400000000000001k" would round to whole cents.
    exact = Context(prec=len(number) + 8)
    amount = Decimal(number).scaleb(_SCALES.get((match["unit"] or "").lower(), 0), context=exact)
    negative = bracketed or signs == 1
    return (-amount if negative else amount), named


def _named_currency(match: re.Match[str], text: str) -> str | None:
    named: set[str] = set()
    for code in (match["code"], match["code2"]):
        if code and code.upper() not in CURRENCIES:
            raise ValueError(f"{text.strip()!r}: {code!r} is not a currency code (use e.g. USD, EUR)")
        if code:
            named.add(code.upper())
    symbol = match["symbol"]
    if symbol:
        if symbol.upper() not in SYMBOLS:
            raise ValueError(f"{text.strip()!r}: {symbol!r} is not a currency symbol (use e.g. $, US$ or the code)")
        if (code := SYMBOLS[symbol.upper()]) is not None:
            named.add(code)
    if len(named) > 1:
        raise ValueError(f"{text.strip()!r} names two currencies ({', '.join(sorted(named))})")
    return named.pop() if named else None


def _bounded(amount: Decimal, value: object) -> Decimal:
    shown = _shown(value)
    if not amount.is_finite():
        raise ValueError(f"{shown} is not an amount of money ({EXAMPLES})")
    # Before quantizing: quantizing 1e999 to cents overflows Decimal's precision.
    if abs(amount) > MAX_MONEY:
        raise ValueError(f"{shown} is too large (at most {MAX_MONEY:,})")
    if amount != amount.quantize(CENTS):
        raise ValueError(f"{shown} has more than two decimal places")
    return amount.quantize(CENTS)


def _shown(value: object) -> str:
    text = repr(value.strip()) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


def to_cents(amount: Decimal) -> Decimal:
    """A computed amount (a share, a conversion) rounded half up to cents."""
    return amount.quantize(CENTS, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal | int | None, currency: str | None = None, *, code: bool = False) -> str:
    """'$18,000,000' in the reporting currency, 'USD 250,000' in another; cents only when there are some.

    `code`: always show the currency's code ('NZD 18,000,000'), for lists mixing currencies.
    """
    if amount is None:
        return "—"
    amount = to_cents(Decimal(amount))
    digits = f"{abs(amount):,.2f}".removesuffix(".00")
    sign = "-" if amount < 0 else ""
    reporting = workspace_locale().currency
    currency = currency or reporting
    if currency == reporting and not code and currency in SHOWN_SYMBOLS:
        return f"{sign}{SHOWN_SYMBOLS[currency]}{digits}"
    return f"{sign}{currency} {digits}"


_SHORT_SCALES = ((Decimal("1e9"), "B"), (Decimal("1e6"), "M"), (Decimal("1e3"), "k"))


def format_money_short(amount: Decimal | int | None) -> str:
    """$18.0M, $80k, $1.2B, $950 in the reporting currency."""
    if amount is None:
        return "—"
    amount = Decimal(amount)
    sign = "-" if amount < 0 else ""
    currency = workspace_locale().currency
    symbol = SHOWN_SYMBOLS.get(currency, f"{currency} ")
    for scale, suffix in _SHORT_SCALES:
        if abs(amount) >= scale:
            scaled = abs(amount) / scale
            places = Decimal("1") if suffix == "k" and scaled >= 10 else Decimal("0.1")
            return f"{sign}{symbol}{scaled.quantize(places, rounding=ROUND_HALF_UP)}{suffix}"
    return f"{sign}{symbol}{abs(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)}"


def money_symbol(currency: str | None = None) -> str:
    """What an amount in the reporting currency (or `currency`) starts with: '$', '£', 'CHF '."""
    currency = currency or workspace_locale().currency
    return SHOWN_SYMBOLS.get(currency, f"{currency} ")


def unit_name(currency: str | None = None) -> str:
    """One unit of the reporting currency in running text: 'dollar', 'pound', 'euro', or its code."""
    currency = currency or workspace_locale().currency
    return UNIT_NAMES.get(currency, currency)


def reporting_label(label: str) -> str:
    """'amount' -> 'amount (NZD)': a heading for figures in the reporting currency."""
    return f"{label} ({workspace_locale().currency})"


def parse_currency(value: object) -> str:
    """An ISO 4217 code in any case; blank is the reporting currency."""
    text = "" if value is None else str(value).strip()
    if not text:
        return workspace_locale().currency
    code = text.upper()
    if code not in CURRENCIES:
        raise ValueError(f"{text!r} is not a currency code (use e.g. {workspace_locale().currency}, AUD, USD, EUR)")
    return code
