"""Funder charts at national scale: the largest bars only, saying how many there are in all."""

from decimal import Decimal as D

import pandas as pd

from research.charts import roi as charts

FUNDERS = 30


def test_money_by_funder_charts_the_top_25_and_says_so():
    table = pd.DataFrame(
        {
            "funder": [f"Funder {i}" for i in range(FUNDERS)],
            "scheme": ["Standard"] * FUNDERS,
            "awards": [1] * FUNDERS,
            "won": [D(1000 * i) for i in range(FUNDERS)],
        }
    )
    figure = charts.won_by_funder(table)
    assert len(figure.data[0].y) == charts.TOP_BARS
    assert "Funder 0: Standard" not in figure.data[0].y and "Funder 29: Standard" in figure.data[0].y
    assert figure.layout.title.text.endswith(f"top {charts.TOP_BARS} of {FUNDERS}")


def test_success_by_funder_keeps_the_funders_with_most_decisions():
    table = pd.DataFrame(
        {
            "funder": [f"Funder {i}" for i in range(FUNDERS)],
            "scheme": ["Standard"] * FUNDERS,
            "decided": list(range(1, FUNDERS + 1)),
            "awarded": [1] * FUNDERS,
            "success rate": [1 / (i + 1) for i in range(FUNDERS)],
        }
    )
    figure = charts.success_by_funder(table)
    assert len(figure.data[0].y) == charts.TOP_BARS
    assert "Funder 0: Standard" not in figure.data[0].y  # 1 decision: among the fewest, left out
    assert "by decided applications" in figure.layout.title.text


def test_a_few_funders_are_all_charted_with_the_plain_title():
    table = pd.DataFrame({"funder": ["HRC"], "scheme": ["Projects"], "awards": [2], "won": [D(5)]})
    assert charts.won_by_funder(table).layout.title.text == "Money won by funder and scheme"
