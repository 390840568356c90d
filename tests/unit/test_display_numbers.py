"""Numbers as people read them: counts with thousands separators, rates without padded zeros."""

from dataclasses import replace
from decimal import Decimal

import pytest

from research.domain.counting import LimitCheck, format_count
from research.domain.round_form import from_round_input, to_round_input
from research.domain.round_values import format_rate, rate_text
from research.domain.template_spec import Limit
from tests.unit.rounds.test_rounds_form import FILLED


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0, "0"),
        (999, "999"),
        (50061, "50,061"),
        (1_234_567, "1,234,567"),
        (3.0, "3"),
        (2.3333, "2.33"),
        (1234.5, "1,234.5"),
    ],
)
def test_counts_have_thousands_separators_and_no_exponents(value, shown):
    assert format_count(value) == shown


def test_a_count_against_its_limit_reads_with_separators():
    assert LimitCheck(50061, None).describe() == "50,061 words"
    assert LimitCheck(12000, Limit("characters", 10000)).describe() == "12,000 / 10,000 characters"


@pytest.mark.parametrize(
    ("rate", "shown", "typed"),
    [
        (Decimal("0.1200"), "12.0%", "12.0%"),
        (Decimal("0.133300"), "13.3%", "13.33%"),
        (Decimal("0.108"), "10.8%", "10.8%"),
    ],
)
def test_success_rates_are_not_padded_with_stored_zeros(rate, shown, typed):
    assert format_rate(rate) == shown
    assert rate_text(rate) == typed
    assert rate_text(float(rate)) == typed


def test_the_round_form_starts_from_the_rate_as_typed_not_as_stored():
    stored = replace(to_round_input(FILLED), success_rate=Decimal("0.120000"))
    assert from_round_input(stored).success_rate == "12.0%"
