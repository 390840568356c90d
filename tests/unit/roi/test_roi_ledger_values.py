"""Single values read from ledger files: each accepted form, and each refusal's reason."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from research.domain.ledger_values import format_shares, parse_date, parse_rates, parse_shares
from research.domain.money import parse_currency, parse_money

D = Decimal
CLUSTERS = {"research": "Research", "food": "Food", "international education": "International education"}


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1000", D("1000")),
        ("1,234,567.50", D("1234567.50")),
        ("$80,000", D("80000")),
        ("-90000", D("-90000")),
        (" 12.3 ", D("12.3")),
        (1234, D("1234")),
        (1234.5, D("1234.5")),
        (D("0.01"), D("0.01")),
        ("-$1,000", D("-1000")),
    ],
)
def test_money_accepted(value, expected):
    # Ledger amounts are read by the one money module; awards allow negatives (de-commitments).
    assert parse_money(value, allow_negative=True) == expected


@pytest.mark.parametrize(
    "value, reason",
    [
        ("abc", "is not an amount"),
        ("1,23", "is not an amount"),
        ("1.234,5", "is not an amount"),
        ("10.005", "more than two decimal places"),
        (0.001, "more than two decimal places"),
        ("1e20", "is not an amount"),  # exponents are refused as text everywhere now
        (1e20, "too large"),
        (True, "is not an amount"),
        ("NaN", "is not an amount"),
    ],
)
def test_money_refused(value, reason):
    with pytest.raises(ValueError, match=reason):
        parse_money(value, allow_negative=True)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2023-06-15", date(2023, 6, 15)),
        ("2023-06-15T10:00:00+12:00", date(2023, 6, 15)),
        ("15/06/2023", date(2023, 6, 15)),
        ("1/7/2023", date(2023, 7, 1)),
        (datetime(2023, 6, 15, 9), date(2023, 6, 15)),
        (date(2023, 6, 15), date(2023, 6, 15)),
    ],
)
def test_dates_accepted(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2023", "June 2023", "2023-13-01", "06/15/2023", ""])
def test_dates_refused(value):
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(value)


def test_currencies():
    assert parse_currency("usd") == "USD"
    assert parse_currency("") == "NZD" and parse_currency(None) == "NZD"
    for bad in ("US", "dollars", "€€€", "12A"):
        with pytest.raises(ValueError, match="is not a currency code"):
            parse_currency(bad)


def test_rates():
    assert parse_rates(["USD=1.68", "aud = 1.09"]) == {"USD": D("1.68"), "AUD": D("1.09"), "NZD": D(1)}
    assert parse_rates([]) == {"NZD": D(1)}
    for bad in ("USD", "USD=", "USD=0", "USD=-1", "=1.5", "USD=abc", "DOLLAR=1.5"):
        with pytest.raises(ValueError, match="is not an exchange rate"):
            parse_rates([bad])
    with pytest.raises(ValueError, match="NZD is the currency the figures are reported in"):
        parse_rates(["NZD=1.5"])
    assert parse_rates(["NZD=1"]) == {"NZD": D(1)}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("research", (("Research", D(100)),)),
        ("Research 100%", (("Research", D(100)),)),
        ("Research 60%; Food 40%", (("Research", D(60)), ("Food", D(40)))),
        ("Research: 33.33; Food = 66.67", (("Research", D("33.33")), ("Food", D("66.67")))),
        ("International education 50%; Research 50%", (("International education", D(50)), ("Research", D(50)))),
    ],
)
def test_shares_accepted(text, expected):
    assert parse_shares(text, CLUSTERS) == expected


@pytest.mark.parametrize(
    "text, reason",
    [
        ("Research 60%; Food 30%", "add up to 90%, not 100%"),
        ("Research; Food", "give Research's percentage"),
        ("Tourism", "no cluster called 'Tourism'"),
        ("Research 50%; research 50%", "Research is named twice"),
        ("Research 150%", "at most 100%"),
        ("Research 0%; Food 100%", "above 0%"),
    ],
)
def test_shares_refused(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_shares(text, CLUSTERS)


def test_shares_read_back_as_written():
    shares = parse_shares("Research 60%; Food 40%", CLUSTERS)
    assert format_shares(shares) == "Research 60%; Food 40%"
    assert parse_shares(format_shares(shares), CLUSTERS) == shares
