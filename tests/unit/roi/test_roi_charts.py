"""The dashboard's Plotly figures: one trace per series, keys for clicks, a message when empty."""

from decimal import Decimal

import pandas as pd
import pytest

from research.charts import roi as charts

D = Decimal
OVER_TIME = pd.DataFrame(
    {
        "year": ["2022/23", "2023/24"],
        "won": [D("5590000"), D("12410000")],
        "granted": [D("80000"), D("0")],
        "cumulative won": [D("5590000"), D("18000000")],
        "cumulative granted": [D("80000"), D("80000")],
    }
)
BY_CLUSTER = pd.DataFrame(
    {
        "cluster": ["Research", "Not credited to a cluster"],
        "won": [D("18000000"), D("5")],
        "granted": [D("80000"), D("0")],
        "multiple": [D("225.0"), None],
    }
)
BY_FUNDER = pd.DataFrame(
    {
        "funder": ["Royal Society Te Apārangi — Marsden Fund", "HRC"],
        "scheme": ["Standard", "—"],
        "awards": [2, 1],
        "won": [D("1875000"), D("10")],
    }
)
SUCCESS = pd.DataFrame(
    {
        "funder": ["HRC", "No funding round recorded"],
        "scheme": ["Projects", "—"],
        "decided": [2, 1],
        "awarded": [1, 0],
        "declined": [1, 1],
        "success rate": [D("0.5"), D("0")],
        "requested": [D(1), D(1)],
        "won": [D(1), D(0)],
        "success rate by value": [D(1), None],
    }
)
PIPELINE = pd.DataFrame(
    {
        "status": ["drafting", "submitted"],
        "applications": [1, 0],
        "requested": [D("1150000"), D("0")],
        "expected value": [D("0"), D("0")],
        "without a known rate": [1, 0],
    }
)
REVIEWED = pd.DataFrame(
    {
        "group": ["Through cluster review", "Without cluster review"],
        "decided": [6, 2],
        "awarded": [5, 1],
        "success rate": [D("0.8333"), D("0.5")],
    }
)


def test_won_against_granted_carries_years_and_the_multiple():
    figure = charts.won_against_granted(OVER_TIME, "Financial year")
    assert [t.name for t in figure.data] == ["Won in the year", "Money won (cumulative)", "Cluster grants (cumulative)"]
    assert list(figure.data[1].y) == [5590000.0, 18000000.0]
    assert [list(k) for k in figure.data[0].customdata] == [["2022/23"], ["2023/24"]]
    assert figure.layout.annotations[0].text == "<b>225x</b> return"


def test_cluster_bars_label_money_and_multiple():
    figure = charts.by_cluster(BY_CLUSTER)
    assert list(figure.data[0].text) == ["$18.0M · 225x", "$5 · not defined"]
    assert [list(k) for k in figure.data[1].customdata] == [["Research"], ["Not credited to a cluster"]]


def test_funder_charts_shorten_names_and_keep_full_keys():
    figure = charts.won_by_funder(BY_FUNDER)
    assert list(figure.data[0].y) == ["HRC: —", "Marsden Fund: Standard"]
    assert [list(k) for k in figure.data[0].customdata][1] == ["Royal Society Te Apārangi — Marsden Fund", "Standard"]
    success = charts.success_by_funder(SUCCESS)
    assert list(success.data[0].text) == ["0 of 1", "1 of 2"]


def test_pipeline_and_review_charts():
    assert [t.name for t in charts.pipeline(PIPELINE).data] == [
        "Requested",
        "Expected value (weighted by success rate)",
    ]
    figure = charts.reviewed(REVIEWED)
    assert list(figure.data[0].text) == ["5 of 6 awarded", "1 of 2 awarded"]
    assert list(figure.data[0].marker.color) == [charts.WON, charts.NEUTRAL]


@pytest.mark.parametrize("chart", list(charts.BUILDERS))
def test_an_empty_selection_says_so_instead_of_an_empty_chart(chart):
    figure = charts.figure_for(chart, pd.DataFrame())
    assert not figure.data
    assert "No " in figure.layout.annotations[0].text
