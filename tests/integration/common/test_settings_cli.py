"""python -m research settings show / set and rates import / show / add: exact forms and clear refusals."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from research.cli import main
from research.domain.locale import Locale
from research.services.common.workspace_settings import workspace_settings
from tests.service_catalogue import import_awards


@pytest.fixture
def cli(uow, database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    return uow


def test_settings_set_as_the_issue_spells_it_then_show(cli, capsys):
    assert main(["settings", "show"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "currency: NZD",
        "timezone: Pacific/Auckland",
        "financial_year_start: 7 (July to June)",
        "area: (not set)",
    ]
    args = ["currency=GBP", "timezone=Europe/London", "financial_year_start=4", "area=London;Oxford;OX1"]
    assert main(["settings", "set", *args]) == 0
    assert "Settings changed." in capsys.readouterr().out
    assert main(["settings", "show", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "currency": "GBP",
        "timezone": "Europe/London",
        "financial_year_start": 4,
        "area": "London;Oxford;OX1",
    }


def test_bad_keys_and_values_are_named_and_nothing_changes(cli, capsys):
    assert main(["settings", "set", "currency=GBP", "timezone=Mars", "colour=red", "area"]) == 1
    out = capsys.readouterr().out
    assert "error: area: is not KEY=VALUE (e.g. currency=GBP)" in out
    assert main(["settings", "set", "currency=GBP", "timezone=Mars", "colour=red"]) == 1
    out = capsys.readouterr().out
    assert "error: timezone: 'Mars' is not a time zone" in out
    assert "error: colour: is not a setting (settings: currency, timezone, financial_year_start, area)" in out
    assert "Nothing was changed." in out
    assert workspace_settings(cli) == Locale()


def test_rates_import_show_and_add(cli, tmp_path, capsys):
    series = tmp_path / "hb1.csv"
    series.write_text("Date,USD,EUR\n2024-01-02,0.6250,0.5700\n2024-01-03,0.6300,\n", encoding="utf-8")
    assert main(["rates", "import", str(series)]) == 0
    assert (
        "Imported rates to NZD for EUR, USD from 2024-01-02 to 2024-01-03: 3 new, 0 replaced."
        in capsys.readouterr().out
    )
    assert main(["rates", "add", "AUD", "2024-01-02", "1.08", "--quote", "in-reporting"]) == 0
    assert "Saved: 1 AUD = 1.080000 on 2024-01-02." in capsys.readouterr().out
    assert main(["rates", "show", "--currency", "usd"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "USD  2024-01-03  1 USD = 1.587302 NZD  (as published: 0.63, per_reporting; imported from hb1.csv)",
        "USD  2024-01-02  1 USD = 1.600000 NZD  (as published: 0.625, per_reporting; imported from hb1.csv)",
    ]


def test_a_bad_rates_file_is_refused_whole(cli, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,USD\n2024-01-02,0.62\nyesterday,0.63\n2024-01-04,-1\n", encoding="utf-8")
    assert main(["rates", "import", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "error: bad.csv, line 3, column 'Date': 'yesterday' is not a date" in out
    assert "error: bad.csv, line 4, column 'USD': '-1' is not a rate (a number more than 0)" in out
    assert "2 problem(s) in bad.csv; nothing was imported." in out
    assert main(["rates", "show"]) == 0
    assert "No exchange rates to NZD are stored." in capsys.readouterr().out


def test_changing_currency_with_awards_needs_the_conversion_flag(cli, tmp_path, capsys):
    from decimal import Decimal

    from research.db.models import Award

    import_awards(cli, "A,A,NZD,100,2024-05-01,F,")
    assert main(["settings", "set", "currency=GBP"]) == 1
    assert "--convert-with-rates" in capsys.readouterr().out
    rates = tmp_path / "gbp.csv"
    rates.write_text("Date,NZD\n2024-01-02,2.0\n", encoding="utf-8")
    assert main(["rates", "import", str(rates), "--to", "GBP"]) == 0
    assert main(["settings", "set", "currency=GBP", "--convert-with-rates"]) == 0
    assert workspace_settings(cli).currency == "GBP"
    with cli as session:
        assert list(session.scalars(select(Award.amount_nzd))) == [Decimal("50.00")]
