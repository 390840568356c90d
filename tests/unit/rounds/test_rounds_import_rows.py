"""Rows of an import file: the column mapping, and every kind of bad cell named by line and column."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from research.domain.round_import import (
    IMPORT_FIELDS,
    Lookups,
    RowReader,
    check_mapping,
    guess_mapping,
    round_key,
)

LOOKUPS = Lookups(
    {"marsden fund": 1, "health research council of new zealand": 2}, {"research": 10, "food": 11}, ("Food", "Research")
)
HEADERS = [
    "Funder",
    "Scheme",
    "Round",
    "Opens",
    "Deadline",
    "Pool",
    "Max award",
    "Currency",
    "Clusters",
    "Success rate",
    "Limited submission",
    "Applications allowed",
    "Status",
    "Time zone",
]
MAPPING = guess_mapping(HEADERS)
GOOD = {
    "funder": "Marsden Fund",
    "scheme": "Fast-Start",
    "closes": "2023-02-20 12:00",
    "opens": "2022-12-01",
    "pool": "14.76m",
    "max_award": "360,000",
    "currency": "nzd",
    "clusters": "Research; food",
    "success_rate": "13%",
}


def read(**changes):
    cells = {**GOOD, **changes}
    return RowReader(MAPPING, LOOKUPS).read({k: v for k, v in cells.items() if v is not None}, 7)


def test_headers_are_matched_to_fields_by_name_and_alias():
    assert MAPPING["closes"] == "Deadline"
    assert MAPPING["max_award"] == "Max award"
    assert MAPPING["limited"] == "Limited submission" and MAPPING["quota"] == "Applications allowed"
    assert MAPPING["eligibility"] is None
    assert guess_mapping([f.header for f in IMPORT_FIELDS]) == {f.key: f.header for f in IMPORT_FIELDS}


def test_mapping_needs_the_required_fields_once_each():
    problems = check_mapping({"funder": "Funder", "scheme": "Funder", "closes": None}, HEADERS)
    reasons = {p.where: p.reason for p in problems}
    assert "is required" in reasons["Closes"]
    assert "already used for Funder" in reasons["Scheme"]
    assert "no column 'Nope'" in check_mapping({"funder": "Nope"}, HEADERS)[0].reason


def test_a_good_row_becomes_a_round():
    r, issues = read()
    assert issues == []
    assert r.funder_id == 1 and r.scheme == "Fast-Start"
    assert r.closes_at == datetime(2023, 2, 19, 23, 0, tzinfo=UTC)
    assert r.opens_at == datetime(2022, 11, 30, 11, 0, tzinfo=UTC)  # a date alone opens at midnight NZ
    assert r.pool == Decimal("14760000.00") and r.max_award == Decimal("360000.00")
    assert r.currency == "NZD" and r.cluster_ids == (10, 11) and r.success_rate == Decimal("0.13")
    assert r.display_name == "Fast-Start 2023"
    assert r.offsets is None


def test_funder_names_match_whatever_their_case_and_spacing():
    r, issues = read(funder="  MARSDEN   fund ")
    assert not issues and r.funder_id == 1


@pytest.mark.parametrize(
    ("changes", "column", "reason"),
    [
        ({"funder": "Marsden"}, "Funder", "unknown funder 'Marsden'"),
        ({"funder": ""}, "Funder", "is empty"),
        ({"closes": ""}, "Deadline", "is empty"),
        ({"opens": "2023-03-01"}, "Deadline", "is not after the round opens"),
        ({"pool": "-5000"}, "Pool", "must not be negative"),
        ({"closes": "31/02/2023"}, "Deadline", "is not a date and time"),
        ({"currency": "Kiwi dollars"}, "Currency", "not a currency code"),
        ({"clusters": "Research; Mining"}, "Clusters", "unknown cluster 'Mining' (known: Food, Research)"),
        ({"max_award": "20m"}, "Max award", "more than the whole pool"),
        ({"success_rate": "0"}, "Success rate", "more than 0%"),
        ({"limited": "yes"}, "Applications allowed", "is needed for a limited-submission round"),
        ({"quota": "2"}, "Applications allowed", "applies only to limited-submission rounds"),
        ({"status": "maybe"}, "Status", "is not a status"),
        ({"timezone": "New Zealand"}, "Time zone", "is not a time zone"),
    ],
)
def test_every_bad_cell_is_named_by_line_column_and_reason(changes, column, reason):
    r, issues = read(**changes)
    assert r is None
    assert any(i.line == 7 and i.column == column and reason in i.reason for i in issues), issues


def test_a_row_with_several_problems_reports_them_all():
    _, issues = read(funder="Nobody", pool="lots", currency="XYZ", opens="2023-03-01", scheme=" ")
    assert {i.column for i in issues} == {"Funder", "Pool", "Currency", "Deadline", "Scheme"}


def test_issues_read_as_problems_that_name_the_file():
    _, issues = read(pool="-1")
    problem = issues[0].problem("rounds.csv")
    assert str(problem) == "rounds.csv line 7, column 'Pool': must not be negative, not '-1'"


def test_forecast_status_and_limited_submissions():
    r, issues = read(status="Forecast", limited="yes", quota="2")
    assert not issues and r.is_forecast and r.limited_submission and r.submission_quota == 2
    r, _ = read(status="closed")
    assert not r.is_forecast


def test_milestone_offsets_from_the_file():
    mapping = guess_mapping([*HEADERS, "Intent to apply (working days before)", "Final sign-off"])
    reader = RowReader(mapping, LOOKUPS, line_word="row")
    r, issues = reader.read({**GOOD, "intent_days": "15", "signoff_days": "3"}, 4)
    assert not issues and r.offsets == {"intent": 15, "signoff": 3}
    _, issues = reader.read({**GOOD, "intent_days": "two weeks"}, 4)
    assert issues[0].line_word == "row" and "not a whole number" in issues[0].reason
    _, issues = reader.read({**GOOD, "intent_days": "1"}, 4)
    assert "must not come before" in issues[0].reason


def test_the_same_round_has_the_same_key_whatever_the_time_of_day_or_case():
    a, _ = read()
    b, _ = read(closes="20/02/2023 17:00", scheme="fast-start")
    c, _ = read(closes="2023-02-21 12:00")
    assert round_key(a) == round_key(b) != round_key(c)
