"""Scores on their scales: half marks, bounds, low-is-best, ratings, weights and thresholds."""

from decimal import Decimal

import pytest

from research.domain.rubric import describe_scale, overall, overall_passes, passes, score_problem
from research.domain.template_spec import Criterion, Rubric, Scale

HALF = Criterion("excellence", "Excellence", Scale(0, 5, 0.5), threshold=3)
NIH = Criterion("rigor", "Rigor and feasibility", Scale(1, 9, 1, best="low"), threshold=4)
RATED = Criterion(
    "resources", "Expertise and resources", Scale(ratings=("sufficient", "not sufficient")), pass_rating="sufficient"
)


@pytest.mark.parametrize("value", [0, 2.5, 5, Decimal("3.5"), 4])
def test_half_marks_within_bounds_are_valid(value):
    assert score_problem(HALF, value) is None


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (5.5, "must be from 0 to 5, not 5.5"),
        (-1, "must be from 0 to 5, not -1"),
        (2.25, "must be in steps of 0.5 from 0, not 2.25"),
        ("good", "must be a number from 0 to 5"),
        (True, "must be a number from 0 to 5"),
    ],
)
def test_scores_off_the_scale_say_why(value, reason):
    assert score_problem(HALF, value) == reason


def test_ratings_must_be_one_of_the_named_ratings():
    assert score_problem(RATED, "sufficient") is None
    assert score_problem(RATED, "great") == "must be one of sufficient, not sufficient"


def test_thresholds_respect_which_end_is_best():
    assert passes(HALF, 3) is True and passes(HALF, 2.5) is False
    assert passes(NIH, 2) is True and passes(NIH, 5) is False
    assert passes(RATED, "sufficient") is True and passes(RATED, "not sufficient") is False
    assert passes(HALF, None) is None
    assert passes(Criterion("x", "X", Scale(0, 5, 1)), 4) is None  # no threshold


def test_overall_is_the_weighted_sum_of_numeric_criteria():
    horizon = Rubric(
        (
            HALF,
            Criterion("impact", "Impact", Scale(0, 5, 0.5), threshold=3),
            Criterion("impl", "Implementation", Scale(0, 5, 0.5), threshold=3),
        ),
        overall_threshold=10,
    )
    total = overall(horizon, {"excellence": 4, "impact": 3.5, "impl": 2.5})
    assert total == 10.0 and overall_passes(horizon, total) is True
    assert overall_passes(horizon, overall(horizon, {"excellence": 4, "impact": 3, "impl": 2.5})) is False
    msca = Rubric(
        (
            Criterion("e", "E", Scale(0, 5, 0.1), weight=0.5),
            Criterion("i", "I", Scale(0, 5, 0.1), weight=0.3),
            Criterion("q", "Q", Scale(0, 5, 0.1), weight=0.2),
        ),
        overall_threshold=3.5,
    )
    assert overall(msca, {"e": 4, "i": 3, "q": 3}) == 3.5


def test_overall_is_undefined_when_incomplete_or_mixing_best_ends():
    rubric = Rubric((HALF, RATED, NIH))
    assert overall(rubric, {"excellence": 4, "rigor": 2}) is None  # high and low best mixed
    assert overall(Rubric((HALF, RATED)), {"resources": "sufficient"}) is None
    assert overall(Rubric((HALF, RATED)), {"excellence": 4.5}) == 4.5
    low = Rubric((NIH,), overall_threshold=3)
    assert overall_passes(low, 2.0) is True and overall_passes(low, 4.0) is False
    assert overall(Rubric((RATED,)), {"resources": "sufficient"}) is None


def test_scales_are_described_for_reviewers():
    assert describe_scale(HALF) == "0–5 in steps of 0.5, higher is better; pass mark 3"
    assert describe_scale(NIH) == "1–9 in steps of 1, lower is better; pass mark 4"
    assert describe_scale(RATED) == "sufficient / not sufficient; needs “sufficient”"
