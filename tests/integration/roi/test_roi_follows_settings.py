"""Every figure, date and year label follows the workspace settings stored in the database
(here GBP, Europe/London, an April year), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from research.charts.roi import money_axis
from research.cli import main
from research.db.models import Award
from research.domain.money import format_money, format_money_short, reporting_label, unit_name
from research.domain.roi import YearBasis, financial_year_of
from research.domain.roles import Role
from research.export import tables
from research.services.common import exchange_rates
from research.services.common.workspace_settings import update_settings
from tests.integration import roi_dataset

GBP_RATES = b"Date,NZD,USD\n2000-01-01,2,1.25\n"


@pytest.fixture
def british(workspace_settings_source, make_actor, database_url, monkeypatch):
    uow = workspace_settings_source
    monkeypatch.setenv("DATABASE_URL", database_url)
    roi_dataset.build(uow)
    admin = make_actor(Role.ADMIN)
    exchange_rates.import_rates(uow, admin, "gbp.csv", GBP_RATES, reporting="GBP")
    update_settings(
        uow, admin, convert_with_rates=True, currency="GBP", timezone="Europe/London", financial_year_start="4"
    )
    return uow


def test_labels_and_formats_read_the_stored_settings(british):
    assert format_money(Decimal("1234.5")) == "£1,234.50" and format_money_short(Decimal("80000")) == "£80k"
    assert reporting_label("amount") == "amount (GBP)" and unit_name() == "pound"
    assert money_axis()["tickprefix"] == "£"
    assert tables.money_format() == '"£"#,##0.00;-"£"#,##0.00'
    assert financial_year_of(date(2023, 5, 1)) == "2023/24" and financial_year_of(date(2023, 3, 31)) == "2022/23"
    assert YearBasis.FINANCIAL.label == "Financial year (April to March)"


def test_the_roi_command_reports_in_the_new_currency(british, capsys):
    with british as session:
        assert session.scalar(select(func.sum(Award.amount_nzd))) == Decimal("810000.01")
    assert main(["roi", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["cluster_grants"] == "55000.00"
    assert main(["roi"]) == 0
    out = capsys.readouterr().out
    assert "Cluster grants           £55,000" in out and "won per pound granted" in out
    assert "$" not in out
