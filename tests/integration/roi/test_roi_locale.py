"""The dashboard's SQL years follow the locale's financial year, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Date, literal, select

from research.domain.roi import YearBasis, year_number
from research.services.roi.queries import year_of
from tests.locale_support import locale_of

DAYS = [date(2023, 1, 15), date(2023, 3, 31), date(2023, 4, 1), date(2023, 6, 30), date(2023, 7, 1), date(2023, 12, 31)]


@pytest.mark.parametrize("month", [7, 4, 1])
def test_sql_years_match_the_domain_years(uow, month):
    with locale_of(financial_year_start=month), uow as session:
        years = [session.scalar(select(year_of(literal(day, Date), YearBasis.FINANCIAL))) for day in DAYS]
        assert years == [year_number(day, YearBasis.FINANCIAL) for day in DAYS]
    expected = {7: [2023, 2023, 2023, 2023, 2024, 2024], 4: [2023, 2023, 2024, 2024, 2024, 2024], 1: [2023] * 6}
    assert years == expected[month]
