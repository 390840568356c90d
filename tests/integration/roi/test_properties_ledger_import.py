"""Properties of the grants and awards imports: any file gives a report or a clear refusal, never a partial write."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import delete, select

from research.adapters.table_files import read_table
from research.db.models import AuditEvent, Award, AwardShare, Base, ClusterGrant
from research.domain.errors import InvalidInput
from research.domain.roles import Role
from research.services.common.actor import Actor
from research.services.roi import awards, ledgers
from research.services.rounds.files import read_round_file
from tests.service_catalogue import add_clusters

OPERATOR = Actor.operator(Role.MANAGER)
GRANT_TITLES = ["Cluster", "Amount", "Currency", "Date", "Financial year", "Purpose", "Reference"]
AWARD_TITLES = ["Identifier", "Title", "Currency", "Amount Awarded", "Award Date", "Funding Org:Name", "Clusters"]
TRICKY = [
    "",
    " ",
    "Research",
    "food",
    "Research 60%; Food 40%",
    "Research 50%",
    "Space",
    "80000",
    "-5",
    "0",
    "25,000.50",
    "1,00",
    "1e999",
    "1E+30",
    "NaN",
    "-Infinity",
    "sNaN",
    "0.001",
    "$1,000",
    "(500)",
    "2022-07-15",
    "15/07/2023",
    "31/02/2022",
    "2022-07-15T09:00:00+13:00",
    "2022/23",
    "20222/23",
    "NZD",
    "USD",
    "usd",
    "€",
    "CG-1",
    '"',
    "\ufeff",
    "\x00",
    "=cmd|' /C calc'!A0",
]
CELL = st.one_of(st.sampled_from(TRICKY), st.text(max_size=12))
XLSX_CELL = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**16), 10**16),
    st.floats(allow_nan=True),
    st.dates(date(1900, 1, 1), date(2100, 1, 1)),
    st.sampled_from([t for t in TRICKY if t.isprintable()]),
)


@pytest.fixture
def ledger(sqlite_uow):
    add_clusters(sqlite_uow, "Research", "Food")
    return sqlite_uow


def contents(uow) -> dict[str, list]:
    with uow as session:
        return {
            t.name: sorted(map(tuple, session.execute(select(t)).all()), key=repr) for t in Base.metadata.sorted_tables
        }


def clear_ledgers(uow) -> None:
    with uow as session:
        for model in (AwardShare, Award, ClusterGrant, AuditEvent):
            session.execute(delete(model))


def to_csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def to_xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def imports_whole_or_not_at_all(uow, run, filename: str) -> None:
    clear_ledgers(uow)
    before = contents(uow)
    try:
        report = run()
    except InvalidInput as exc:
        assert filename in str(exc) or "Exchange rates" in str(exc)
        report = None
    if report is None or not report.written:
        assert contents(uow) == before
    if report is not None:
        assert report.written != bool(report.problems)
        assert all(p.where.startswith(filename) for p in report.problems)


ROWS = st.lists(st.lists(CELL, min_size=7, max_size=7), min_size=1, max_size=5)


@given(ROWS)
@example([["Research", "1e999", "NZD", "2022-07-15", "", "", "CG-9"]])
@example([["Research", "sNaN", "NZD", "2022-07-15", "", "", "CG-9"]])
def test_any_grants_csv_is_written_whole_or_not_at_all(ledger, rows):
    content = to_csv([GRANT_TITLES, *rows])
    imports_whole_or_not_at_all(
        ledger, lambda: ledgers.import_grants(ledger, OPERATOR, "grants.csv", content), "grants.csv"
    )


@given(ROWS, st.lists(st.sampled_from(["USD=1.68", "AUD=1.09", "EUR=x", "NZD=2", "=", "USD=0"]), max_size=2))
@example([["A-1", "Win", "NZD", "1E+30", "2022-07-15", "Funder", "Research"]], [])
def test_any_awards_csv_is_written_whole_or_not_at_all(ledger, rows, rates):
    content = to_csv([AWARD_TITLES, *rows])
    imports_whole_or_not_at_all(
        ledger, lambda: awards.import_awards(ledger, OPERATOR, "awards.csv", content, rates), "awards.csv"
    )


@given(st.lists(st.lists(XLSX_CELL, min_size=7, max_size=7), max_size=4), st.booleans())
@example([[None, float("inf"), None, datetime(2022, 1, 1), None, None, None]], True)
def test_any_workbook_is_written_whole_or_not_at_all(ledger, rows, grants):
    content = to_xlsx([GRANT_TITLES if grants else AWARD_TITLES, *rows])
    if grants:
        run = lambda: ledgers.import_grants(ledger, OPERATOR, "ledger.xlsx", content)  # noqa: E731
    else:
        run = lambda: awards.import_awards(ledger, OPERATOR, "ledger.xlsx", content, ["USD=1.68"])  # noqa: E731
    imports_whole_or_not_at_all(ledger, run, "ledger.xlsx")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)
GRANT = st.fixed_dictionaries(
    {
        "id": st.text(max_size=8),
        "title": st.text(max_size=8),
        "amountAwarded": JSON,
        "awardDate": JSON,
        "currency": JSON,
        "fundingOrganization": JSON,
        "recipientOrganization": JSON,
    }
)


@given(st.one_of(JSON, st.fixed_dictionaries({"grants": st.lists(st.one_of(GRANT, JSON), max_size=3)})))
@example({"grants": [{"fundingOrganization": [{"name": None}], "id": "x"}]})
def test_any_360giving_json_is_written_whole_or_not_at_all(ledger, data):
    content = json.dumps(data).encode()
    imports_whole_or_not_at_all(
        ledger, lambda: awards.import_awards(ledger, OPERATOR, "grants.json", content, ["USD=1.68"]), "grants.json"
    )


@given(st.binary(max_size=300), st.sampled_from(["f.csv", "f.xlsx", "f.json", "f.txt"]))
def test_any_bytes_are_read_or_refused_naming_the_file(data, filename):
    try:
        titles, rows = read_table(filename, data)
    except InvalidInput as exc:
        assert filename in str(exc)
    else:
        assert all(row.where for row in rows) and isinstance(titles, list)


WORKBOOK = to_xlsx([GRANT_TITLES, ["Research", 80000, "NZD", date(2022, 7, 15), "2022/23", "Programme", "CG-1"]])


@given(st.lists(st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(1, 255)), min_size=1, max_size=4))
@example([(1261, 1)])  # once zlib.error from a sheet read lazily
@example([(4645, 1)])  # once IndexError: a workbook that lists no worksheet
@example([(5000, 16)])  # once openpyxl's ValueError leaked from the rounds reader
def test_a_damaged_workbook_is_read_or_refused_naming_the_file(changes):
    content = bytearray(WORKBOOK)
    for position, delta in changes:
        content[position] = (content[position] + delta) % 256
    for reader in (
        lambda: read_table("ledger.xlsx", bytes(content)),
        lambda: read_round_file(bytes(content), "ledger.xlsx"),
    ):
        try:
            reader()
        except InvalidInput as exc:
            assert "ledger.xlsx" in str(exc)
