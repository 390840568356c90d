"""Reading and showing a round's values: money, rates, dates in a zone, and its status."""

from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from research.domain.money import format_money, parse_currency, parse_money
from research.domain.round_rules import RoundStatus, derive_status
from research.domain.round_values import (
    format_day,
    format_moment,
    format_rate,
    parse_count,
    parse_day,
    parse_flag,
    parse_moment,
    parse_rate,
    parse_timezone,
    until,
    wall_time,
)

NZ = ZoneInfo("Pacific/Auckland")
NOON_20_FEB_2023 = datetime(2023, 2, 19, 23, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1200000", "1200000.00"),
        ("1,200,000", "1200000.00"),
        ("$1.2m", "1200000.00"),
        ("400k", "400000.00"),
        ("NZ$ 18m", "18000000.00"),
        ("NZD 960000", "960000.00"),
        ("1234.5", "1234.50"),
        (" 0 ", "0.00"),
    ],
)
def test_money_is_read_in_the_ways_people_write_it(text, amount):
    assert parse_money(text) == Decimal(amount)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-5000", "must not be negative"),
        ("(5000)", "must not be negative"),
        ("lots", "is not an amount"),
        ("1.234", "more than two decimal places"),
        ("1e9", "is not an amount"),
        ("999999999999999", "too large"),
    ],
)
def test_bad_money_says_why(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_money(text)


@pytest.mark.parametrize(
    ("text", "rate"),
    [("13.3%", "0.1330"), ("13.3", "0.1330"), ("0.133", "0.1330"), ("100%", "1.0000"), ("1", "1.0000")],
)
def test_success_rates(text, rate):
    assert parse_rate(text) == Decimal(rate)


@pytest.mark.parametrize("text", ["0", "0%", "120%", "-3", "about half", "nan"])
def test_bad_success_rates(text):
    with pytest.raises(ValueError):
        parse_rate(text)


def test_counts_flags_currencies_and_zones():
    assert parse_count("49") == 49 and parse_count("1,200") == 1200 and parse_count("3.0") == 3
    for bad in ("0", "-2", "2.5", "many"):
        with pytest.raises(ValueError):
            parse_count(bad)
    assert parse_flag("Yes") and parse_flag("x") and not parse_flag("") and not parse_flag("No")
    with pytest.raises(ValueError, match="is not yes or no"):
        parse_flag("maybe")
    assert parse_currency(" nzd ") == "NZD"
    with pytest.raises(ValueError, match="not a currency code"):
        parse_currency("NZ$")
    assert parse_timezone("") == "Pacific/Auckland" and parse_timezone("Europe/London") == "Europe/London"
    for bad in ("Mars/Olympus", "../../etc/passwd", "/etc/localtime"):
        with pytest.raises(ValueError, match="not a time zone"):
            parse_timezone(bad)


@pytest.mark.parametrize(
    "text",
    [
        "2023-02-20 12:00",
        "2023-02-20T12:00:00",
        "20/02/2023 12:00",
        "20/2/2023 12:00 pm",
        "20.02.2023 12:00",
        "Monday 20 February 2023 noon",
        "2023-02-20 12 pm",
        "2023-02-20 12:00 p.m.",
        "20 Feb 2023 12:00",
        "2023-02-20T12:00+13:00",
        "2023-02-19T23:00:00Z",
    ],
)
def test_moments_in_many_spellings_mean_the_same_instant(text):
    assert parse_moment(text, "Pacific/Auckland") == NOON_20_FEB_2023


def test_a_date_alone_gets_the_default_time_in_the_round_zone():
    assert parse_moment("2023-02-20", "Pacific/Auckland", time(17, 0)) == datetime(2023, 2, 20, 4, 0, tzinfo=UTC)
    assert parse_moment("2023-02-20", "Europe/London", time(17, 0)) == datetime(2023, 2, 20, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", ["31/02/2026", "2026-13-01", "next Friday", "20/02/26", "13:00 pm 1/1/2026"])
def test_impossible_dates_are_refused(text):
    with pytest.raises(ValueError, match="is not a date"):
        parse_moment(text, "Pacific/Auckland")


def test_a_time_the_clocks_skip_is_refused():
    # NZ clocks went from 02:00 to 03:00 on 27 September 2026.
    with pytest.raises(ValueError, match="does not exist in Pacific/Auckland"):
        parse_moment("2026-09-27 02:30", "Pacific/Auckland")


def test_days():
    assert parse_day("2026-11-03") == parse_day("03/11/2026") == parse_day("3 Nov 2026") == date(2026, 11, 3)
    with pytest.raises(ValueError, match="is not a date"):
        parse_day("November")


def test_formatting_names_the_zone():
    assert format_moment(NOON_20_FEB_2023, "Pacific/Auckland") == "Mon 20 Feb 2023, 12:00 NZDT (Pacific/Auckland)"
    assert format_moment(NOON_20_FEB_2023, "Europe/London", with_zone=False) == "Sun 19 Feb 2023, 23:00 GMT"
    assert wall_time(NOON_20_FEB_2023, "Pacific/Auckland") == "2023-02-20 12:00"
    assert format_money(Decimal("18000000"), "NZD", code=True) == "NZD 18,000,000"
    assert format_money(Decimal("1234.5"), "AUD", code=True) == "AUD 1,234.50"
    assert format_money(None) == "—" and format_rate(None) == "—" and format_day(None) == "—"
    assert format_rate(Decimal("0.133")) == "13.3%"
    assert format_day(date(2023, 11, 3)) == "Fri 3 Nov 2023"


def test_until():
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert until(now, datetime(2026, 1, 4, tzinfo=UTC)) == "in 3 days"
    assert until(now, datetime(2026, 1, 1, 5, tzinfo=UTC)) == "in 5 hours"
    assert until(now, datetime(2026, 1, 2, 11, tzinfo=UTC)) == "in 35 hours"
    assert until(now, datetime(2026, 1, 5, 23, tzinfo=UTC)) == "in 5 days"
    assert until(now, datetime(2025, 12, 31, tzinfo=UTC)) == "24 hours ago"
    assert until(now, datetime(2025, 12, 30, tzinfo=UTC)) == "2 days ago"
    assert until(now, now) == "now"


OPENS = datetime(2026, 1, 10, tzinfo=UTC)
CLOSES = datetime(2026, 2, 20, tzinfo=UTC)


@pytest.mark.parametrize(
    ("forecast", "opens", "now", "status"),
    [
        (False, OPENS, datetime(2026, 1, 1, tzinfo=UTC), RoundStatus.UPCOMING),
        (False, OPENS, OPENS, RoundStatus.OPEN),
        (False, OPENS, datetime(2026, 2, 19, tzinfo=UTC), RoundStatus.OPEN),
        (False, OPENS, CLOSES, RoundStatus.CLOSED),
        (False, None, datetime(2025, 1, 1, tzinfo=UTC), RoundStatus.OPEN),
        (True, OPENS, datetime(2026, 1, 15, tzinfo=UTC), RoundStatus.FORECAST),
        (True, None, datetime(2027, 1, 1, tzinfo=UTC), RoundStatus.FORECAST),
    ],
)
def test_status_follows_the_dates_unless_forecast(forecast, opens, now, status):
    assert derive_status(forecast, opens, CLOSES, now) is status
