"""Properties of the money module: what is shown reads back, any text is an amount or a clear refusal."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from research.domain.money import CENTS, MAX_MONEY, format_money, parse_money, read_money

cents = st.decimals(min_value=-MAX_MONEY, max_value=MAX_MONEY, places=2, allow_nan=False, allow_infinity=False)
separators = st.sampled_from([",", " ", "\u00a0", "\u2009", "\u202f"])
prefixes = st.sampled_from(["", "$", "NZ$", "NZD ", "$ "])


@given(cents)
def test_what_is_shown_reads_back_as_the_same_amount(amount):
    for currency in (None, "USD"):
        assert parse_money(format_money(amount, currency), allow_negative=True) == amount
    assert parse_money(format_money(amount, "NZD", code=True), allow_negative=True) == amount


@given(cents, separators, prefixes)
def test_grouped_digits_with_any_separator_and_prefix_read_back(amount, separator, prefix):
    digits = f"{abs(amount):,.2f}".replace(",", separator)
    text = f"{'-' if amount < 0 else ''}{prefix}{digits}"
    assert parse_money(text, allow_negative=True) == amount


@given(st.decimals(min_value=0, max_value=MAX_MONEY, allow_nan=False, allow_infinity=False))
def test_more_than_two_decimals_is_refused_never_rounded(amount):
    text = f"{amount:f}"
    try:
        parsed = parse_money(text)
    except ValueError as exc:
        assert amount != amount.quantize(CENTS) and "more than two decimal places" in str(exc)
    else:
        assert parsed == amount


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["k", "K", "m", "M"]))
def test_suffixes_multiply_exactly(number, suffix):
    scale = 1000 if suffix in "kK" else 1_000_000
    expected = Decimal(number) * scale
    try:
        assert parse_money(f"{number}{suffix}") == expected
    except ValueError as exc:
        assert expected > MAX_MONEY and "too large" in str(exc)


@given(st.text(max_size=40))
@example("1e999")
@example("sNaN")
@example("-Infinity")
@example("(5k)")
@example("٣")
@example("²")
@example("1,00")
@example("$" * 3)
def test_any_text_is_an_amount_within_bounds_or_a_refusal_quoting_it(text):
    try:
        written = read_money(text)
    except ValueError as exc:
        message = str(exc)
        assert message and "Traceback" not in message
        assert repr(text.strip())[:30] in message or len(repr(text.strip())) > 40
    else:
        assert abs(written.amount) <= MAX_MONEY and written.amount == written.amount.quantize(CENTS)
