"""Dashboard notes and tables stay short at any scale: a few rounds named, the first rows shown."""

from research.ui.components.roi.roi_headline import listed_briefly


def test_up_to_ten_rounds_are_named_in_full():
    rounds = tuple(f"Round {n} (1 application)" for n in range(10))
    assert listed_briefly(rounds) == "; ".join(rounds)


def test_more_than_ten_name_the_first_ten_and_count_the_rest():
    rounds = tuple(f"Round {n} (1 application)" for n in range(2_345))
    text = listed_briefly(rounds)
    assert text.startswith("Round 0 (1 application); Round 1 (1 application)")
    assert "Round 9 (1 application); and 2335 more" in text
    assert "Round 10 " not in text


def test_a_long_dashboard_table_shows_its_first_rows_and_says_where_the_rest_are():
    from streamlit.testing.v1 import AppTest

    def page():
        from decimal import Decimal

        import pandas as pd

        from research.ui.components.roi.roi_tables import shown_rows

        shown_rows(pd.DataFrame({"funder": [f"F{n}" for n in range(5_000)], "won": [Decimal(n) for n in range(5_000)]}))

    at = AppTest.from_function(page).run()
    assert len(at.dataframe[0].value) == 200
    assert at.caption[0].value == "The first 200 of 5,000 rows; the CSV and XLSX downloads hold them all."
