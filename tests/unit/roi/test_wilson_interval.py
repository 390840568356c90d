"""Success rates come with a 95% Wilson score interval, and say plainly when groups are too small to compare."""

from decimal import Decimal

import pytest

from research.domain.attribution import Place, place_of
from research.domain.roi import (
    MIN_COMPARABLE,
    Interval,
    compare_rates,
    format_interval,
    small_groups,
    wilson_interval,
)

D = Decimal


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        (5, 10, "0.2366", "0.7634"),  # symmetric about one half
        (0, 10, "0.0000", "0.2775"),  # never below zero, and not zero wide like the plain interval
        (10, 10, "0.7225", "1.0000"),
        (1, 1, "0.2065", "1.0000"),
        (81, 263, "0.2553", "0.3662"),
    ],
)
def test_published_values(successes, trials, low, high):
    assert wilson_interval(successes, trials) == Interval(D(low), D(high))


def test_no_interval_without_trials():
    assert wilson_interval(0, 0) is None
    assert wilson_interval(3, 2) is None
    assert format_interval(None) == "not defined"
    assert format_interval(Interval(D("0.2366"), D("0.7634"))) == "23.7%–76.3%"


def test_small_groups_are_not_compared():
    text = compare_rates(("Through cluster review", 3, 4), ("Without cluster review", 20, 60))
    assert text.startswith("Too few applications to compare: Through cluster review (4 decided)")
    assert f"at least {MIN_COMPARABLE}" in text


def test_overlapping_intervals_cannot_tell_rates_apart():
    assert "cannot tell the two success rates apart" in compare_rates(("A", 6, 20), ("B", 4, 20))


def test_separate_intervals_name_the_higher_rate():
    assert compare_rates(("A", 5, 50), ("B", 40, 50)).startswith("B has the higher success rate")


def test_place_of_an_award():
    assert place_of(True, area_set=True) is Place.IN_AREA
    assert place_of(False, area_set=True) is Place.OUTSIDE
    assert place_of(None, area_set=True) is Place.NO_LOCATION
    assert place_of(True, area_set=False) is Place.AREA_NOT_SET


def test_small_groups_are_counted_plainly():
    assert small_groups([12, 30]) == ""
    assert small_groups([1, 2, 40]).startswith("2 of 3 funder and scheme groups have fewer than 10 decided")
