"""Importing rounds: every bad row named and nothing written; good files in one go; re-imports update."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from research.db.models import AuditEvent, FundingRound, RoundMilestone, round_clusters
from research.domain.roles import Role
from research.domain.round_import import guess_mapping
from research.export.rounds_table import to_csv, to_xlsx
from research.services.rounds import calendar as rounds
from research.services.rounds.files import read_round_file
from research.services.rounds.imports import check_import, import_rounds
from tests.integration.rounds_helpers import add_funders_and_clusters, nz

GOOD = """Funder,Scheme,Round,Opens,Closes,Pool,Maximum award,Clusters,Success rate,Intent to apply
Marsden Fund,Fast-Start,Marsden Fast-Start EOI 2027,2026-12-01,20/02/2027 12:00,14.76m,360000,Research,13%,15
Marsden Fund,Standard,,,2027-02-20 12:00,,960000,Research; Food,,
Health Research Council,Projects,HRC Projects 2027,,2027-05-11 12:00 pm,,"1,200,000",,,
"""
BAD = """Funder,Scheme,Opens,Closes,Pool,Currency
Marsden Fund,Fast-Start,,2027-02-20 12:00,1m,NZD
Marsden Fnd,Standard,,2027-02-20 12:00,,NZD
Marsden Fund,Standard,2027-03-01,2027-02-20 12:00,,NZD
Health Research Council,Projects,,2027-05-11,-500,NZD
Health Research Council,Projects,,31/02/2027,,NZD
Health Research Council,Explorer,,2027-05-11,,Kiwi
Marsden Fund,fast-start,,2027-02-20 17:00,,NZD
"""


@pytest.fixture
def manager(make_actor, uow):
    add_funders_and_clusters(uow, make_actor(Role.MANAGER))
    return make_actor(Role.MANAGER)


def table(text: str, name="rounds.csv"):
    return read_round_file(text.encode(), name)


def run(uow, actor, text, check=False, name="rounds.csv"):
    t = table(text, name)
    return (check_import if check else import_rounds)(uow, actor, t, guess_mapping(list(t.headers)))


def count(uow, model=FundingRound) -> int:
    with uow as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_good_file_is_checked_then_written_in_full(uow, manager):
    report = run(uow, manager, GOOD, check=True)
    assert report.ok and (report.rows, report.to_create, report.to_update) == (3, 3, 0) and not report.written
    assert count(uow) == 0
    report = run(uow, manager, GOOD)
    assert report.written and report.to_create == 3
    listed = rounds.list_rounds(uow, manager)
    assert listed["round"].tolist() == ["Marsden Fast-Start EOI 2027", "Standard 2027", "HRC Projects 2027"]
    first = rounds.get_round(uow, manager, int(listed["id"].iloc[0]))
    assert first.closes_at == nz(2027, 2, 20, 12, 0) and first.opens_at == nz(2026, 12, 1)
    assert first.pool == Decimal("14760000.00") and first.offsets["intent"] == 15
    assert listed["clusters"].tolist() == [["Research"], ["Food", "Research"], []]
    with uow as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "imported funding rounds")).one()
        assert event.detail == {"file": "rounds.csv", "created": 3, "updated": 0}


def test_a_bad_file_names_every_bad_row_and_writes_nothing(uow, manager):
    report = run(uow, manager, BAD)
    assert not report.written and count(uow) == 0
    found = {(i.line, i.column): i.reason for i in report.issues}
    assert "unknown funder 'Marsden Fnd'" in found[(3, "Funder")]
    assert "is not after the round opens" in found[(4, "Closes")]
    assert "must not be negative" in found[(5, "Pool")]
    assert "is not a date" in found[(6, "Closes")]
    assert "not a currency code" in found[(7, "Currency")]
    assert "same round as line 2" in found[(8, "Closes")]
    assert report.bad_rows == 6 and (2, "Funder") not in found
    assert str(report.problems[0]).startswith("rounds.csv line 3, column 'Funder': unknown funder")


def test_reimporting_the_same_file_updates_instead_of_duplicating(uow, manager):
    run(uow, manager, GOOD)
    changed = GOOD.replace("14.76m", "15m").replace("20/02/2027 12:00", "20/02/2027 15:00")
    report = run(uow, manager, changed, check=True)
    assert (report.to_create, report.to_update) == (0, 3)
    report = run(uow, manager, changed)
    assert report.written and report.to_update == 3 and count(uow) == 3
    listed = rounds.list_rounds(uow, manager).set_index("round")
    first = listed.loc["Marsden Fast-Start EOI 2027"]
    assert first["pool"] == Decimal("15000000.00") and first["closes_at"] == nz(2027, 2, 20, 15, 0)
    with uow as session:  # clusters replaced, not added twice; offsets kept once
        assert session.scalar(select(func.count()).select_from(round_clusters)) == 3
        assert session.scalar(select(func.count()).select_from(RoundMilestone)) == 3


def test_an_exported_list_imports_back_unchanged(uow, manager):
    run(uow, manager, GOOD)
    before = rounds.list_rounds(uow, manager)
    for data, name in ((to_csv(before), "export.csv"), (to_xlsx(before), "export.xlsx")):
        t = read_round_file(data, name)
        report = import_rounds(uow, manager, t, guess_mapping(list(t.headers)))
        assert report.written and (report.to_create, report.to_update) == (0, 3), report.problems
        after = rounds.list_rounds(uow, manager)
        columns = [c for c in before.columns if c != "id"]
        assert after[columns].astype(str).equals(before[columns].astype(str))


def test_xlsx_problems_are_named_by_spreadsheet_row(uow, manager):
    book = Workbook()
    sheet = book.active
    sheet.append(["Funder", "Scheme", "Closes", "Pool"])
    sheet.append([])
    sheet.append(["Marsden Fund", "Standard", "2027-02-20 12:00", -5])
    out = io.BytesIO()
    book.save(out)
    t = read_round_file(out.getvalue(), "rounds.xlsx")
    report = import_rounds(uow, manager, t, guess_mapping(list(t.headers)))
    assert [(i.line, i.column, i.line_word) for i in report.issues] == [(3, "Pool", "row")]
    assert str(report.problems[0]).startswith("rounds.xlsx row 3, column 'Pool'")


def test_a_missing_required_column_is_reported_before_any_row(uow, manager):
    t = table("Funder,Scheme\nMarsden Fund,Standard\n")
    report = import_rounds(uow, manager, t, guess_mapping(list(t.headers)))
    assert not report.written and [(i.line, i.column) for i in report.issues] == [(None, "Closes")]


def test_progress_is_reported_while_checking_and_writing(uow, manager):
    lines = ["Funder,Scheme,Closes"] + [f"Marsden Fund,Scheme {n},2027-02-20 12:00" for n in range(4500)]
    seen = []
    report = import_rounds(
        uow,
        manager,
        table("\n".join(lines)),
        {"funder": "Funder", "scheme": "Scheme", "closes": "Closes"},
        progress=lambda fraction, text: seen.append((fraction, text)),
    )
    assert report.written and count(uow) == 4500
    assert seen[0][1].startswith("Checking line 2") and seen[-1] == (1.0, "Saving")
    assert all(0 <= fraction <= 1 for fraction, _ in seen) and len(seen) >= 4
