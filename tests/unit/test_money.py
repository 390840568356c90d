"""The one money module: every accepted form, every refusal with its reason, and how amounts are shown."""

from __future__ import annotations

from decimal import Decimal

import pytest

from research.domain.money import (
    MAX_MONEY,
    format_money,
    format_money_short,
    parse_currency,
    parse_money,
    read_money,
    to_cents,
)
from tests.locale_support import locale_of

D = Decimal


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("1200000", "1200000.00", None),
        ("1,200,000", "1200000.00", None),
        ("1,200,000.5", "1200000.50", None),
        ("1 200 000", "1200000.00", None),
        ("1\u00a0200\u00a0000", "1200000.00", None),
        ("1\u2009200.75", "1200.75", None),
        ("1\u202f200", "1200.00", None),
        (".5", "0.50", None),
        ("12.", "12.00", None),
        (" 0 ", "0.00", None),
        ("$1,200.50", "1200.50", None),
        ("$ 80,000", "80000.00", None),
        ("£3", "3.00", "GBP"),
        ("€1.5k", "1500.00", "EUR"),
        ("NZ$ 18m", "18000000.00", "NZD"),
        ("US$250,000", "250000.00", "USD"),
        ("A$5", "5.00", "AUD"),
        ("NZD 1,200", "1200.00", "NZD"),
        ("1200 NZD", "1200.00", "NZD"),
        ("1200 nzd", "1200.00", "NZD"),
        ("usd 7", "7.00", "USD"),
        ("NZD $1,200", "1200.00", "NZD"),
        ("400k", "400000.00", None),
        ("400K", "400000.00", None),
        ("1.2m", "1200000.00", None),
        ("$1.5M", "1500000.00", None),
        ("2.5m NZD", "2500000.00", "NZD"),
        ("1.2345678m", "1234567.80", None),  # the result is whole cents
        ("0.001k", "1.00", None),
        ("-90,000", "-90000.00", None),
        ("-$1,000", "-1000.00", None),
        ("$-1,000", "-1000.00", None),
        ("(5,000)", "-5000.00", None),
        ("99,999,999,999,999.99", "99999999999999.99", None),
    ],
)
def test_every_accepted_form(text, amount, currency):
    written = read_money(text)
    assert (written.amount, written.currency) == (D(amount), currency)


@pytest.mark.parametrize(
    ("value", "amount"),
    [(1234, "1234.00"), (1234.5, "1234.50"), (D("0.01"), "0.01"), (-90000, "-90000.00"), (0.1, "0.10")],
)
def test_spreadsheet_numbers_take_the_same_path(value, amount):
    assert parse_money(value, allow_negative=True) == D(amount)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("lots", "'lots' is not an amount of money"),
        ("", "is not an amount of money"),
        ("1,23", "is not an amount of money"),
        ("1.234,50", "is not an amount of money"),
        ("1 200,000", "is not an amount of money"),
        ("12,34,567", "is not an amount of money"),
        ("1e9", "is not an amount of money"),
        ("NaN", "is not an amount of money"),
        ("Infinity", "is not an amount of money"),
        ("--5", "is not an amount of money"),
        ("(-5)", "is not an amount of money"),
        ("5 kiwi", "is not an amount of money"),
        (True, "True is not an amount of money"),
        (float("nan"), "is not an amount of money"),
        ("960000.555", "'960000.555' has more than two decimal places"),
        ("1.2345678k", "more than two decimal places"),
        (0.001, "0.001 has more than two decimal places"),
        ("12345678901.23400000000000001k", "more than two decimal places"),
        ("100,000,000,000,000", "too large \\(at most 99,999,999,999,999.99\\)"),
        ("100000000m", "too large"),
        (1e20, "too large"),
        ("-100,000,000,000,000", "too large"),
        ("XY$5", "'XY\\$' is not a currency symbol"),
        ("ZZZ 5", "'ZZZ' is not a currency code"),
        ("NZD 5 USD", "names two currencies \\(NZD, USD\\)"),
        ("US$5 NZD", "names two currencies"),
    ],
)
def test_refusals_say_what_is_wrong(value, reason):
    with pytest.raises(ValueError, match=reason):
        parse_money(value, allow_negative=True)


def test_negative_amounts_only_where_the_caller_allows_them():
    assert parse_money("-5", allow_negative=True) == D("-5.00")
    with pytest.raises(ValueError, match="must not be negative, not '-5'"):
        parse_money("-5")
    with pytest.raises(ValueError, match="must not be negative, not '\\(5,000\\)'"):
        parse_money("(5,000)")
    with pytest.raises(ValueError, match="must be more than 0, not '-5'"):
        parse_money("-5", allow_zero=False)


def test_zero_only_where_the_caller_allows_it():
    assert parse_money("0") == D("0.00")
    with pytest.raises(ValueError, match="must be more than 0, not '0.00'"):
        parse_money("0.00", allow_zero=False)


def test_a_different_currency_in_the_text_is_refused_not_converted():
    assert parse_money("NZ$ 1,200", currency="NZD") == D("1200.00")
    assert parse_money("$1,200", currency="USD") == D("1200.00")  # "$" names no particular dollar
    with pytest.raises(ValueError, match="'US\\$ 1,200' is in USD, but this amount is in NZD"):
        parse_money("US$ 1,200", currency="NZD")
    with pytest.raises(ValueError, match="is in GBP, but this amount is in EUR"):
        parse_money("£5", currency="EUR")


def test_there_is_one_bound_and_it_fits_the_database_column():
    assert MAX_MONEY == D("99999999999999.99")
    assert parse_money(str(MAX_MONEY)) == MAX_MONEY
    assert parse_money(-MAX_MONEY, allow_negative=True) == -MAX_MONEY
    with pytest.raises(ValueError, match="too large"):
        parse_money(MAX_MONEY + D("0.01"))


def test_long_input_is_shortened_in_the_message():
    with pytest.raises(ValueError) as caught:
        parse_money("9" * 500)
    assert len(str(caught.value)) < 120 and "too large" in str(caught.value)


@pytest.mark.parametrize(
    ("amount", "long", "short"),
    [
        (D("18000000"), "$18,000,000", "$18.0M"),
        (D("80000"), "$80,000", "$80k"),
        (D("1234.5"), "$1,234.50", "$1.2k"),
        (D("-90000"), "-$90,000", "-$90k"),
        (D("0.005"), "$0.01", "$0"),
        (2500000000, "$2,500,000,000", "$2.5B"),
    ],
)
def test_amounts_in_the_reporting_currency_show_its_symbol(amount, long, short):
    assert format_money(amount) == long
    assert format_money_short(amount) == short


def test_other_currencies_and_codes_and_missing_values():
    assert format_money(D("250000"), "USD") == "USD 250,000"
    assert format_money(D("-5"), "USD") == "-USD 5"
    assert format_money(D("18000000"), "NZD", code=True) == "NZD 18,000,000"
    assert format_money(D("1234.5"), "AUD", code=True) == "AUD 1,234.50"
    assert format_money(None) == format_money_short(None) == "—"


def test_the_symbol_follows_the_reporting_currency():
    with locale_of(currency="GBP"):
        assert format_money(D("1200")) == "£1,200"
        assert format_money(D("1200"), "NZD") == "NZD 1,200"
        assert format_money_short(D("80000")) == "£80k"
        assert parse_currency("") == "GBP"
    with locale_of(currency="JPY"):
        assert format_money(D("1200")) == "JPY 1,200" and format_money_short(D("950")) == "JPY 950"


def test_currency_codes():
    assert parse_currency(" nzd ") == "NZD" and parse_currency("usd") == "USD"
    assert parse_currency("") == "NZD" and parse_currency(None) == "NZD"
    for bad in ("NZ$", "dollars", "XYZ", "12"):
        with pytest.raises(ValueError, match="is not a currency code"):
            parse_currency(bad)


def test_computed_amounts_round_half_up_to_cents():
    assert to_cents(D("0.005")) == D("0.01") and to_cents(D("-0.005")) == D("-0.01")
