"""Dated exchange rates: the rate of the date, grouped 'no rate' lines, and rates files of either shape."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from research.domain.award_rows import SourceRow
from research.domain.rates import NoRate, Quote, Rate, RatesUsed, RateTable, currency_of_title, read_rate_rows

D = Decimal
TABLE = RateTable(
    "NZD",
    [
        Rate("GBP", date(2001, 3, 26), D("0.3000")),  # 0.30 GBP per NZD: 1 GBP = 3.333... NZD
        Rate("GBP", date(2010, 1, 4), D("0.5")),
        Rate("USD", date(2020, 1, 1), D("1.60"), Quote.IN_REPORTING),
    ],
)


def test_an_amount_converts_at_the_latest_rate_on_or_before_its_date():
    assert TABLE.to_reporting(D("1000"), "GBP", date(2001, 3, 26)) == D("3333.33")
    assert TABLE.to_reporting(D("1000"), "GBP", date(2009, 12, 31)) == D("3333.33")
    assert TABLE.to_reporting(D("1000"), "GBP", date(2010, 1, 4)) == D("2000.00")
    assert TABLE.to_reporting(D("1000"), "USD", date(2024, 1, 1)) == D("1600.00")
    assert TABLE.to_reporting(D("1000.55"), "NZD", date(1990, 1, 1)) == D("1000.55")


def test_no_rate_says_from_when_there_is_one():
    with pytest.raises(NoRate, match=r"no exchange rate for GBP before 2001-03-26"):
        TABLE.to_reporting(D("1"), "GBP", date(2000, 1, 1))
    with pytest.raises(NoRate, match=r"no exchange rate for EUR \(an amount of 2000-01-01\)"):
        TABLE.to_reporting(D("1"), "EUR", date(2000, 1, 1))


def test_a_flat_rate_overrides_the_table():
    table = RateTable("NZD", TABLE._rates["GBP"], flat={"GBP": D("2")})
    assert table.to_reporting(D("10"), "GBP", date(1990, 1, 1)) == D("20.00")


def test_rates_used_group_the_amounts_no_rate_covers_into_one_line_per_currency():
    used = RatesUsed(TABLE)
    for year in range(1990, 2000):
        assert used.convert(D("1"), "GBP", date(year, 1, 1)) is None
    used.convert(D("5"), "EUR", date(2020, 1, 1))
    used.convert(D("1000"), "GBP", date(2011, 1, 1))
    used.convert(D("1000"), "GBP", date(2002, 1, 1))
    used.convert(D("1000"), "USD", date(2022, 1, 1))
    assert used.missing_lines() == [
        "1 award: no exchange rate for EUR (dated 2020-01-01 to 2020-01-01)",
        "10 awards: no exchange rate for GBP before 2001-03-26",
    ]
    assert used.used_lines() == [
        "GBP: 2 awards at 2 dated rates (2001-03-26 to 2010-01-04)",
        "USD: 1 award at the rate of 2020-01-01 (1.60)",
    ]
    assert not used.complete


def _rows(lines):
    titles, *rest = lines
    return titles, [SourceRow(f"line {n}", dict(zip(titles, cells, strict=False))) for n, cells in enumerate(rest, 2)]


def test_a_central_bank_series_has_a_date_column_and_one_column_per_currency():
    titles, rows = _rows(
        [["DATE", "USD", "EUR per NZD"], ["02 Jan 2024", "0.6312", ""], ["2024-01-03", "0.63", "0.57"]]
    )
    rates, problems = read_rate_rows("b1.csv", titles, rows, "NZD")
    assert problems == []
    assert [(r.currency, r.on, r.rate) for r in rates] == [
        ("EUR", date(2024, 1, 3), D("0.57")),
        ("USD", date(2024, 1, 2), D("0.6312")),
        ("USD", date(2024, 1, 3), D("0.63")),
    ]


def test_long_rows_and_their_problems_by_line_and_column():
    titles, rows = _rows(
        [
            ["currency", "date", "rate"],
            ["usd", "2024-01-02", "1.6"],
            ["XXQ", "2024-01-02", "1"],
            ["GBP", "soon", "2"],
            ["GBP", "2024-01-02", "-2"],
        ]
    )
    rates, problems = read_rate_rows("r.csv", titles, rows, "NZD", Quote.IN_REPORTING)
    assert [(r.currency, r.rate, r.quote) for r in rates] == [("USD", D("1.6"), Quote.IN_REPORTING)]
    assert [str(p) for p in problems] == [
        "r.csv, line 3, column 'currency': 'XXQ' is not a currency code",
        "r.csv, line 4, column 'date': 'soon' is not a date (use YYYY-MM-DD, e.g. 2023-06-15)",
        "r.csv, line 5, column 'rate': '-2' is not a rate (a number more than 0)",
    ]


def test_a_file_with_no_rates_says_what_shapes_are_read():
    _, problems = read_rate_rows("x.csv", ["when", "what"], [], "NZD")
    assert "use columns currency, date, rate" in str(problems[0])


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("USD", "USD"),
        ("usd", "USD"),
        ("USD per NZD", "USD"),
        ("USD per EUR", None),
        ("US dollar (EXR.D.USD.EUR.SP00.A)", "USD"),
        ("Notes", None),
    ],
)
def test_the_currency_a_column_title_names(title, code):
    assert currency_of_title(title, "NZD") == code
