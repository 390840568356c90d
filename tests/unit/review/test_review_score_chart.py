"""The score movement chart and table, from the service's per-round means."""

import pandas as pd

from research.charts.score_movement import score_movement_figure, score_table

SCORES = pd.DataFrame(
    [
        (1, "Excellence", 3.5, 2, 3.0, 4.0),
        (1, "Impact", 3.0, 2, 2.5, 3.5),
        (1, "Overall", 6.5, 2, 5.5, 7.5),
        (2, "Excellence", 4.5, 1, 4.5, 4.5),
        (2, "Impact", 4.0, 1, 4.0, 4.0),
    ],
    columns=["round", "criterion", "mean", "reviews", "low", "high"],
)


def test_one_line_per_criterion_across_the_rounds_without_the_overall():
    figure = score_movement_figure(SCORES, (0, 5))
    assert [t.name for t in figure.data] == ["Excellence", "Impact"]
    assert list(figure.data[0].x) == ["Round 1", "Round 2"] and list(figure.data[0].y) == [3.5, 4.5]
    assert list(figure.layout.yaxis.range) == [0, 5]


def test_no_figure_without_numeric_scores():
    assert score_movement_figure(SCORES.iloc[0:0]) is None
    assert score_movement_figure(SCORES[SCORES["criterion"] == "Overall"]) is None


def test_the_table_has_criteria_down_and_rounds_across():
    table = score_table(SCORES)
    assert list(table.columns) == ["Criterion", "Round 1", "Round 2"]
    rows = table.set_index("Criterion")
    assert rows.loc["Excellence", "Round 2"] == 4.5 and rows.loc["Overall", "Round 1"] == 6.5
    assert pd.isna(rows.loc["Overall", "Round 2"])
