"""Properties of the rounds import: any file gives rounds or a clear refusal, and a refused import writes nothing."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import delete, func, select

from research.db.models import AuditEvent, Base, FundingRound, RoundMilestone, round_clusters
from research.domain.errors import InvalidInput
from research.domain.round_import import guess_mapping
from research.services.rounds import imports as round_imports
from research.services.rounds.files import read_round_file
from tests.service_catalogue import add_clusters, add_funders
from tests.service_people import staff

HEADERS = [
    "Funder",
    "Scheme",
    "Closes",
    "Pool",
    "Currency",
    "Success rate",
    "Time zone",
    "Clusters",
    "Full draft for review (working days before)",
    "Expected awards",
]
CELL = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            '"',
            '""',
            ",",
            ";",
            "\t",
            "\n",
            "\r\n",
            "\ufeff",
            "=1+1",
            "NaN",
            "1e999",
            "²",
            "٣",
            "-0",
            "31/02/2031",
            "2031-13-01",
            "Marsden Fund",
            "Research;Food",
            "100%",
            "(5k)",
            "$1,000,000",
        ]
    ),
)


@pytest.fixture
def workspace(sqlite_uow):
    add_funders(sqlite_uow, "Marsden Fund")
    add_clusters(sqlite_uow, "Research", "Food")
    return sqlite_uow


def contents(uow) -> dict[str, list]:
    with uow as session:
        return {
            t.name: sorted(map(tuple, session.execute(select(t)).all()), key=repr) for t in Base.metadata.sorted_tables
        }


def clear_rounds(uow) -> None:
    with uow as session:
        for table in (round_clusters, RoundMilestone.__table__, FundingRound.__table__, AuditEvent.__table__):
            session.execute(delete(table))


def to_csv(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue()


def import_file(uow, data: bytes, name: str):
    """The whole path a file takes: read, map its columns, check and write. Refusals are InvalidInput."""
    table = read_round_file(data, name)
    return round_imports.import_rounds(uow, staff(uow), table, guess_mapping(list(table.headers)))


@given(st.binary(max_size=400), st.sampled_from(["r.csv", "r.txt", "r.xlsx", "r.xls", "r.pdf"]))
@example(b"\xd0\xcf\x11\xe0", "r.xlsx")
@example(b"PK\x03\x04garbage", "r.xlsx")
def test_any_bytes_are_read_or_refused_with_the_file_named(data, name):
    try:
        table = read_round_file(data, name)
    except InvalidInput as exc:
        assert name in str(exc)
    else:
        assert table.rows > 0 and len(table.lines) == table.rows


@given(
    st.lists(st.lists(CELL, max_size=len(HEADERS) + 2), max_size=6),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    st.booleans(),
)
@example(
    [["Marsden Fund", "A", "2031-01-01 12:00", "1", "NZD", "5%", "Pacific/Auckland", "Research", "²"]],
    ",",
    "utf-8",
    True,
)  # a superscript two once crashed int()
def test_any_csv_imports_whole_or_not_at_all(workspace, rows, delimiter, encoding, keep_headers):
    text = to_csv(([HEADERS] if keep_headers else []) + rows, delimiter)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    clear_rounds(workspace)
    before = contents(workspace)
    try:
        report = import_file(workspace, data, "rounds.csv")
    except InvalidInput as exc:
        assert "rounds.csv" in str(exc)
        report = None
    if report is None or not report.written:
        assert contents(workspace) == before
        assert report is None or report.problems


XLSX_CELL = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**16), 10**16),
    st.floats(),
    st.datetimes(datetime(1900, 1, 1), datetime(2100, 1, 1)),
    CELL.filter(str.isprintable),
)


def to_xlsx(rows) -> bytes:
    book = Workbook()
    book.active.title = "Rounds"
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@given(st.lists(st.lists(XLSX_CELL, max_size=len(HEADERS) + 2), max_size=5), st.booleans())
@example([["Marsden Fund", "A", datetime(2031, 1, 1, 12), float("nan"), None, 0.5, None, None, 3.0]], True)
@example([[None, None, None, 1e26]], True)  # once decimal.InvalidOperation
def test_any_workbook_imports_whole_or_not_at_all(workspace, rows, keep_headers):
    data = to_xlsx(([HEADERS] if keep_headers else []) + rows)
    clear_rounds(workspace)
    before = contents(workspace)
    try:
        report = import_file(workspace, data, "rounds.xlsx")
    except InvalidInput as exc:
        assert "rounds.xlsx" in str(exc)
        report = None
    if report is None or not report.written:
        assert contents(workspace) == before


SCHEME = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=15)
ROUND = st.tuples(
    SCHEME,
    st.dates(date(2030, 1, 1), date(2040, 12, 31)),
    st.integers(1, 10**9),
    st.sampled_from(["NZD", "USD", "AUD"]),
    st.integers(1, 100),
    st.integers(2, 10),
)
ROUNDS = st.lists(ROUND, min_size=1, max_size=8, unique_by=(lambda r: r[0].casefold(), lambda r: r[1]))
BAD = {
    "Closes": ["31/02/2031", "soon", "2031-13-01 12:00"],
    "Pool": ["lots", "-5", "1e999", "NaN", "9" * 40],
    "Expected awards": ["²", "0", "9" * 30],
    "Currency": ["XYZ", "dollars"],
    "Success rate": ["250%", "-3"],
    "Time zone": ["Mars/Base"],
    "Funder": ["Nobody Fund"],
    "Clusters": ["Research;Space"],
    "Full draft for review (working days before)": ["two", "²", "-1"],
}


def valid_rows(rounds) -> list[list[str]]:
    return [
        [
            "Marsden Fund",
            scheme,
            f"{closes:%Y-%m-%d} 12:00",
            str(pool),
            currency,
            f"{rate}%",
            "Pacific/Auckland",
            "Research",
            str(days),
            "3",
        ]
        for scheme, closes, pool, currency, rate, days in rounds
    ]


@given(ROUNDS, st.data())
def test_one_bad_cell_refuses_the_file_naming_its_line_and_column(workspace, rounds, data):
    clear_rounds(workspace)
    rows = valid_rows(rounds)
    index = data.draw(st.integers(0, len(rows) - 1))
    column = data.draw(st.sampled_from(sorted(BAD)))
    rows[index][HEADERS.index(column)] = data.draw(st.sampled_from(BAD[column]))
    before = contents(workspace)
    report = import_file(workspace, to_csv([HEADERS, *rows]).encode(), "rounds.csv")
    assert not report.written and contents(workspace) == before
    assert any(f"line {index + 2}" in p.where and column in p.where for p in report.problems), report.problems


@given(ROUNDS, st.sampled_from([",", ";"]), st.booleans())
def test_a_valid_file_imports_once_and_again_changes_nothing(workspace, rounds, delimiter, bom):
    clear_rounds(workspace)
    data = ("\ufeff" if bom else "") + to_csv([HEADERS, *valid_rows(rounds)], delimiter)
    first = import_file(workspace, data.encode(), "rounds.csv")
    assert first.written and (first.to_create, first.to_update) == (len(rounds), 0), first.problems
    saved = contents(workspace)["funding_rounds"]
    second = import_file(workspace, data.encode(), "rounds.csv")
    assert second.written and (second.to_create, second.to_update) == (0, len(rounds))
    with workspace as session:
        assert session.scalar(select(func.count()).select_from(FundingRound)) == len(rounds)
        assert sorted(session.scalars(select(FundingRound.closes_on))) == sorted(r[1] for r in rounds)
    assert [r[:3] for r in contents(workspace)["funding_rounds"]] == [r[:3] for r in saved]
