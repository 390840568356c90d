"""ROI arithmetic: years, the return multiple, success rates, pipeline weights, money formats."""

from datetime import date
from decimal import Decimal

import pytest

from research.domain.money import format_money, format_money_short
from research.domain.roi import (
    PipelineRate,
    Ratio,
    RoiFilter,
    YearBasis,
    financial_year_of,
    format_multiple,
    format_percent,
    parse_financial_year,
    pipeline_rate,
    return_multiple,
    year_bounds,
    year_label,
    year_number,
)

D = Decimal
F, C = YearBasis.FINANCIAL, YearBasis.CALENDAR


@pytest.mark.parametrize(
    "day, financial, calendar",
    [
        (date(2022, 6, 30), 2022, 2022),
        (date(2022, 7, 1), 2023, 2022),
        (date(2023, 1, 1), 2023, 2023),
        (date(2023, 12, 31), 2024, 2023),
    ],
)
def test_year_numbers(day, financial, calendar):
    assert year_number(day, F) == financial
    assert year_number(day, C) == calendar


def test_year_labels_and_bounds():
    assert year_label(2023, F) == "2022/23" and year_label(2000, F) == "1999/00"
    assert year_label(2023, C) == "2023"
    assert financial_year_of(date(2022, 7, 15)) == "2022/23"
    assert year_bounds(2023, F) == (date(2022, 7, 1), date(2023, 6, 30))
    assert year_bounds(2023, C) == (date(2023, 1, 1), date(2023, 12, 31))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2022/23", "2022/23"),
        ("2022-23", "2022/23"),
        (" 1999/00 ", "1999/00"),
        ("2022/24", None),
        ("2022", None),
        ("22/23", None),
        ("FY2022/23", None),
    ],
)
def test_parse_financial_year(text, expected):
    assert parse_financial_year(text) == expected


def test_the_return_multiple_never_divides_by_zero():
    assert return_multiple(D("18000000"), D("80000")) == Ratio(D(225))
    assert return_multiple(D("100"), D("0")) == Ratio(None, "no cluster grants in this selection")
    assert not return_multiple(D("100"), D("-5")).defined
    assert format_multiple(return_multiple(D("100"), D("0"))) == "not defined"


@pytest.mark.parametrize(
    "rate, expected, applications, result",
    [
        (D("0.133"), None, 0, PipelineRate(D("0.133"), "round's success rate")),
        (D("0.133"), 40, 10, PipelineRate(D("0.133"), "round's success rate")),
        (None, 2, 4, PipelineRate(D("0.5"), "expected awards ÷ applications recorded (2 ÷ 4)")),
        (None, 49, 1, PipelineRate(D(1), "expected awards ÷ applications recorded (49 ÷ 1) (capped at 100%)")),
        (None, 3, 0, PipelineRate(None, "unknown: the round gives neither a success rate nor expected awards")),
        (None, None, 5, PipelineRate(None, "unknown: the round gives neither a success rate nor expected awards")),
    ],
)
def test_pipeline_rate_says_where_it_came_from(rate, expected, applications, result):
    assert pipeline_rate(rate, expected, applications) == result


@pytest.mark.parametrize(
    "amount, long, short",
    [
        (D("18000000"), "$18,000,000", "$18.0M"),
        (D("80000"), "$80,000", "$80k"),
        (D("1500"), "$1,500", "$1.5k"),
        (D("950"), "$950", "$950"),
        (D("1234.5"), "$1,234.50", "$1.2k"),
        (D("-90000"), "-$90,000", "-$90k"),
        (D("2500000000"), "$2,500,000,000", "$2.5B"),
        (D("0.005"), "$0.01", "$0"),
    ],
)
def test_money_formats(amount, long, short):
    assert format_money(amount) == long
    assert format_money_short(amount) == short


def test_other_currencies_and_missing_values():
    assert format_money(D("250000"), "USD") == "USD 250,000"
    assert format_money(None) == format_money_short(None) == "—"


def test_multiples_and_percentages():
    assert format_multiple(Ratio(D("225"))) == "225x"
    assert format_multiple(Ratio(D("4.54"))) == "4.5x"
    assert format_multiple(Ratio(D("1234.4"))) == "1,234x"
    assert format_percent(Ratio(D("0.75"))) == "75.0%"
    assert format_percent(Ratio(None, "why")) == "not defined"


def test_filter_describes_itself_and_checks_its_dates():
    assert RoiFilter().describe() == "all dates, financial years"
    described = RoiFilter(date(2023, 7, 1), None, "Research", "HRC", C).describe()
    assert described == "from 01 Jul 2023 to today, cluster Research, funder HRC, calendar years"
    assert RoiFilter(date(2024, 1, 1), date(2023, 1, 1)).problems()
    assert not RoiFilter(date(2023, 1, 1), date(2023, 1, 1)).problems()
