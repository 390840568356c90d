"""Review consistency on panels with known properties, and Krippendorff's alpha against the published example."""

import numpy as np
import pytest

from research.services.review.consistency import ScorePoint, agreement, consistency_of, movement, outliers, standings

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
# twelve units, values 1-5, missing values as None. Published alphas: nominal 0.743, interval 0.849.
PUBLISHED = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def points_from(matrix, criterion="c", rounds=None):
    return [
        ScorePoint(
            unit,
            f"App {unit}",
            (rounds or {}).get(unit, 1),
            reviewer,
            f"R{reviewer}",
            criterion,
            criterion.upper(),
            float(v),
            4.0,
        )
        for reviewer, row in enumerate(matrix)
        for unit, v in enumerate(row)
        if v is not None
    ]


def test_alpha_matches_the_published_worked_example():
    (result,) = agreement(points_from(PUBLISHED))
    assert result.alpha == pytest.approx(0.849, abs=0.001)
    assert result.units == 11  # unit 12 has one value only and cannot be paired
    assert result.verdict == "reliable"


def test_the_library_gives_the_published_nominal_value_too():
    import krippendorff

    data = np.array([[np.nan if v is None else v for v in row] for row in PUBLISHED], dtype=float)
    assert krippendorff.alpha(reliability_data=data, level_of_measurement="nominal") == pytest.approx(0.743, abs=0.001)


def test_perfect_agreement_is_one_and_too_few_units_is_said_plainly():
    (perfect,) = agreement(points_from([[1, 3, 4], [1, 3, 4]]))
    assert perfect.alpha == 1.0
    (alone,) = agreement(points_from([[2], [4]]))
    assert alone.alpha is None and "too few" in alone.verdict


def test_a_harsh_reviewer_stands_below_the_panel_and_their_score_is_an_outlier():
    panel = [[4, 4, 3], [4, 3, 3], [1, 1, 1]]
    rows = {r.reviewer: r.mean_against_panel for r in standings(points_from(panel))}
    assert rows["R2"] < 0 < rows["R0"]
    found = outliers(points_from(panel))
    assert {(o.reviewer, o.application) for o in found} == {("R2", "App 0"), ("R2", "App 1"), ("R2", "App 2")}
    assert all(o.panel_median >= 3 for o in found)


def test_an_outlier_needs_three_scores_in_its_unit():
    assert outliers(points_from([[1], [5]])) == []


def test_movement_between_rounds():
    first = points_from([[2, 3], [4, 3]], rounds={0: 1, 1: 1})
    second = [ScorePoint(0, "App 0", 2, r, f"R{r}", "c", "C", v, 4.0) for r, v in ((0, 4.0), (1, 5.0))]
    moves = [(m.application, m.round_number, m.mean_score, m.change) for m in movement(first + second)]
    assert ("App 0", 1, 3.0, None) in moves and ("App 0", 2, 4.5, 1.5) in moves


def test_reviewer_z_scores_normalise_each_reviewer_on_their_own_scale():
    result = consistency_of(points_from([[1, 3, 5], [3, 3, 3]]))
    assert result.z_scores[:3] == pytest.approx([-1.225, 0.0, 1.225], abs=0.001)
    assert result.z_scores[3:] == (None, None, None)
