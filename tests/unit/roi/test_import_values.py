"""Dates with their precision and order, column guessing, header rows, grouped problems, close names."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from research.adapters.close_names import closest
from research.domain.award_rows import AWARD_FIELDS
from research.domain.column_mapping import apply_pairs, guess_columns
from research.domain.date_precision import format_precise
from research.domain.date_values import parse_precise_date
from research.domain.header_rows import header_titles
from research.domain.row_problems import grouped, row_problem


@pytest.mark.parametrize(
    ("written", "day_first", "expected", "precision"),
    [
        ("2019-03-26", True, date(2019, 3, 26), "day"),
        ("2019-03-26T00:00:00+00:00", True, date(2019, 3, 26), "day"),
        ("26/03/2019 00:00", True, date(2019, 3, 26), "day"),
        ("3/26/2019", False, date(2019, 3, 26), "day"),
        ("26.03.2019", True, date(2019, 3, 26), "day"),
        ("03/2019", True, date(2019, 3, 1), "month"),
        ("2019-03", True, date(2019, 3, 1), "month"),
        ("Mar 2019", True, date(2019, 3, 1), "month"),
        ("2019", True, date(2019, 1, 1), "year"),
        ("43550", True, date(2019, 3, 26), "day"),
        (43550, True, date(2019, 3, 26), "day"),
        (datetime(2019, 3, 26, 9, 30), True, date(2019, 3, 26), "day"),
        ("26 March 2019", True, date(2019, 3, 26), "day"),
    ],
)
def test_dates_as_files_write_them(written, day_first, expected, precision):
    found = parse_precise_date(written, day_first)
    assert (found.day, found.precision.value) == (expected, precision)


def test_an_ambiguous_date_knows_its_other_reading():
    assert parse_precise_date("04/05/2020").other == date(2020, 4, 5)
    assert parse_precise_date("26/03/2019").other is None
    with pytest.raises(ValueError, match="import with --month-first"):
        parse_precise_date("3/26/2019")
    with pytest.raises(ValueError, match="is not a date"):
        parse_precise_date("someday")


def test_precise_dates_are_shown_as_precisely_as_known():
    assert [format_precise(date(2019, 3, 1), p) for p in ("day", "month", "year")] == ["1 Mar 2019", "Mar 2019", "2019"]


def test_nih_and_360giving_titles_are_recognised():
    nih = guess_columns(
        [
            "project_number",
            "award_amount",
            "award_date",
            "org_name",
            "org_city",
            "org_state",
            "org_zipcode",
            "org_country",
        ],
        AWARD_FIELDS,
    )
    assert {k: v for k, v in nih.items() if v} == {
        "identifier": "project_number",
        "amount": "award_amount",
        "awarded_on": "award_date",
        "recipient_name": "org_name",
        "locality": "org_city",
        "region": "org_state",
        "postcode": "org_zipcode",
        "country": "org_country",
    }
    giving = guess_columns(
        [
            "Identifier",
            "Title",
            "Amount Awarded",
            "Currency",
            "Award Date",
            "Recipient Org:Identifier",
            "Recipient Org:Name",
            "Recipient Org:Location:0:Name",
        ],
        AWARD_FIELDS,
    )
    assert (
        giving["recipient_id"] == "Recipient Org:Identifier" and giving["locality"] == "Recipient Org:Location:0:Name"
    )


def test_map_pairs_move_a_column_to_another_field():
    mapping = guess_columns(["appl_id", "project_number"], AWARD_FIELDS)
    moved = apply_pairs(mapping, ["identifier=APPL_ID"], ["appl_id", "project_number"], AWARD_FIELDS)
    assert moved["identifier"] == "appl_id"
    with pytest.raises(ValueError, match="FIELD one of identifier"):
        apply_pairs(mapping, ["nope=appl_id"], ["appl_id"], AWARD_FIELDS)


def test_header_rows_are_found_below_titles_and_over_two_rows():
    rows = [
        ["Grants 2019", "Grants 2019", "Grants 2019"],
        [None, None, None],
        ["Identifier", "Amount", "Date"],
        ["A", 1, "2019"],
    ]
    found = header_titles(rows, spanning_rows={1})
    assert (found.first_row, found.rows, found.titles) == (3, 1, ["Identifier", "Amount", "Date"])
    two = header_titles([["Grant", "Grant", "Recipient"], ["Identifier", "Amount", "City"], ["A", 1, "Dunedin"]], {1})
    assert (two.rows, two.titles) == (2, ["Grant Identifier", "Grant Amount", "Recipient City"])
    chosen = header_titles([["a", "b"], ["Identifier", "Amount"]], set(), chosen=2)
    assert chosen.titles == ["Identifier", "Amount"]


def test_a_problem_on_many_rows_is_told_once():
    problems = [
        row_problem("f.csv", f"line {n}", "Currency", f"no rate for GBP on row {n}", "no rate for GBP")
        for n in range(2, 10)
    ]
    problems.append(row_problem("f.csv", "line 12", "Amount", "is empty"))
    assert grouped("f.csv", problems) == [
        "f.csv, 8 rows (lines 2, 3, 4, 5, 6 and 3 more), column 'Currency': no rate for GBP",
        "f.csv, line 12, column 'Amount': is empty",
    ]


def test_close_funder_names_and_initials_are_suggested():
    known = ["Ministry of Business, Innovation and Employment", "Health Research Council of New Zealand"]
    assert closest("MBIE", known) == (known[0], 100)
    assert closest("HRC", known) == (known[1], 100)
    assert closest("Heath Research Council", known)[0] == known[1]
    assert closest("Brand New Foundation", known) is None
