"""The locale seam: one place decides the reporting currency, the time zone and the financial year."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from research import config
from research.config import ConfigError, load_settings
from research.domain.locale import Locale, set_locale_source, workspace_locale
from research.domain.roi import YearBasis, financial_year_of, year_bounds, year_number
from tests.locale_support import locale_of

RESEARCH = Path(__file__).resolve().parents[2] / "research"
LITERALS = ("NZD", "Pacific/Auckland")
# The locale module holds the defaults; the ISO 4217 table lists NZD among every other code.
ALLOWED = {RESEARCH / "domain" / "locale.py", RESEARCH / "domain" / "currencies.py"}


def test_the_defaults():
    locale = Locale()
    assert (locale.currency, locale.timezone, locale.financial_year_start) == ("NZD", "Pacific/Auckland", 7)
    assert locale.financial_year_months == "July to June"
    assert Locale(financial_year_start=4).financial_year_months == "April to March"
    assert Locale(financial_year_start=1).financial_year_months == "January to December"


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"currency": "XYZ"}, "'XYZ' is not a currency code"),
        ({"timezone": "Mars/Olympus"}, "'Mars/Olympus' is not a time zone"),
        ({"financial_year_start": 13}, "month 1 to 12, not 13"),
    ],
)
def test_a_bad_locale_is_refused(values, reason):
    with pytest.raises(ValueError, match=reason):
        Locale(**values)


def test_settings_read_the_locale():
    assert load_settings({}).locale == Locale()
    locale = load_settings({"REPORTING_CURRENCY": "aud", "TIME_ZONE": "Australia/Sydney", "FINANCIAL_YEAR_START": "4"})
    assert locale.locale == Locale("AUD", "Australia/Sydney", 4)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"REPORTING_CURRENCY": "dollars"}, "'DOLLARS' is not a currency code"),
        ({"TIME_ZONE": "Nowhere"}, "'Nowhere' is not a time zone"),
        ({"FINANCIAL_YEAR_START": "July"}, "FINANCIAL_YEAR_START must be a month number from 1 to 12"),
        ({"FINANCIAL_YEAR_START": "٣"}, "FINANCIAL_YEAR_START must be a month number"),
    ],
)
def test_bad_locale_settings_say_what_is_wrong(env, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(env)


def test_the_accessor_reads_the_process_settings_each_call(monkeypatch):
    monkeypatch.setenv("REPORTING_CURRENCY", "GBP")
    config.process_locale.cache_clear()
    try:
        set_locale_source(config.process_locale)
        assert workspace_locale().currency == "GBP"
        set_locale_source(lambda: Locale(timezone="Europe/London"))
        assert workspace_locale().timezone == "Europe/London"
    finally:
        config.process_locale.cache_clear()
        set_locale_source(config.process_locale)
    monkeypatch.delenv("REPORTING_CURRENCY")
    assert workspace_locale() == Locale()


def _literals(path: Path) -> list[str]:
    """String constants in code (docstrings are prose, not rules) that spell a locale value."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        f"{path.relative_to(RESEARCH.parent)}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and any(literal in node.value for literal in LITERALS)
    ]


def test_the_locale_literals_live_only_in_the_locale_module():
    found = [hit for path in sorted(RESEARCH.rglob("*.py")) if path not in ALLOWED for hit in _literals(path)]
    assert not found, "read these from workspace_locale():\n" + "\n".join(found)


def test_the_scan_finds_a_literal(tmp_path):
    sample = RESEARCH / "domain" / "_scan_sample.py"
    assert not sample.exists()
    sample.write_text('"""Mentions NZD in prose."""\nZONE = "Pacific/Auckland"\nLABEL = f"in NZD {1}"\n')
    try:
        assert [hit.split(": ", 1)[1] for hit in _literals(sample)] == ["'Pacific/Auckland'", "'in NZD '"]
    finally:
        sample.unlink()


def test_the_financial_year_follows_the_locale():
    june, july, april = date(2023, 6, 30), date(2023, 7, 1), date(2023, 4, 1)
    assert [financial_year_of(d) for d in (june, july)] == ["2022/23", "2023/24"]
    assert year_bounds(2024, YearBasis.FINANCIAL) == (date(2023, 7, 1), date(2024, 6, 30))
    with locale_of(financial_year_start=4):
        assert [financial_year_of(d) for d in (date(2023, 3, 31), april)] == ["2022/23", "2023/24"]
        assert year_bounds(2024, YearBasis.FINANCIAL) == (date(2023, 4, 1), date(2024, 3, 31))
        assert YearBasis.FINANCIAL.label == "Financial year (April to March)"
    with locale_of(financial_year_start=1):  # the financial year is the calendar year
        assert financial_year_of(june) == "2023" and year_number(june, YearBasis.FINANCIAL) == 2023
        assert year_bounds(2023, YearBasis.FINANCIAL) == (date(2023, 1, 1), date(2023, 12, 31))


@pytest.mark.parametrize(
    ("day", "start", "label"),
    [
        (date(2023, 6, 30), 7, "2022/23"),
        (date(2023, 7, 1), 7, "2023/24"),
        (date(2024, 3, 31), 4, "2023/24"),
        (date(2024, 4, 1), 4, "2024/25"),
        (date(2024, 4, 1), 1, "2024"),
    ],
)
def test_the_financial_year_under_any_start_matches_the_locale_one(day, start, label):
    from research.domain.roi import financial_year_starting

    assert financial_year_starting(day, start) == label
    with locale_of(financial_year_start=start):
        assert financial_year_of(day) == label
