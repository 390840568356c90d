"""Importing awards (CSV, XLSX, 360Giving JSON) and cluster grants: all or nothing, every bad row named."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from research.db.models import AuditEvent, Award, AwardShare, Cluster, ClusterGrant
from research.domain.errors import InvalidInput, PermissionDenied
from research.domain.roles import Role
from research.services.roi import awards, ledgers
from tests.service_catalogue import add_clusters, add_funders

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
D = Decimal


@pytest.fixture
def manager(uow, make_actor):
    add_clusters(uow, "Research", "Food", "Engineering")
    add_funders(uow, "Health Research Council of New Zealand")
    return make_actor(Role.MANAGER)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def award_rows(uow) -> dict[str, Award]:
    with uow as session:
        from sqlalchemy.orm import selectinload

        return {a.identifier: a for a in session.scalars(select(Award).options(selectinload(Award.shares)))}


def shares_of(uow, identifier: str) -> dict[str, Decimal]:
    with uow as session:
        return dict(
            session.execute(
                select(Cluster.name, AwardShare.percent)
                .join(AwardShare)
                .join(Award)
                .where(Award.identifier == identifier)
            ).all()
        )


def test_360giving_csv_imports_with_rates_netting_and_shares(uow, manager):
    report = awards.import_awards(uow, manager, "giving360_grants.csv", fixture("giving360_grants.csv"), ["USD=1.68"])
    assert report.written and not report.problems
    assert (report.to_create, report.to_update) == (3, 0)
    rows = award_rows(uow)
    assert set(rows) == {"360G-rcw-2022-001", "360G-rcw-2023-002", "360G-rcw-2024-003"}
    netted = rows["360G-rcw-2023-002"]
    assert netted.amount == D("1100000.00")  # 1,190,000 less the 90,000 de-commitment
    assert netted.title == "Long COVID in essential workers"
    dollars = rows["360G-rcw-2024-003"]
    assert (dollars.currency, dollars.amount, dollars.amount_nzd) == ("USD", D("250000.00"), D("420000.00"))
    assert rows["360G-rcw-2022-001"].scheme == "Research Programmes"
    assert rows["360G-rcw-2022-001"].amount_applied_for == D("3400000.00")
    assert rows["360G-rcw-2023-002"].funder_id is not None  # matched the recorded funder by name
    assert shares_of(uow, "360G-rcw-2023-002") == {"Research": D("50.00"), "Food": D("50.00")}
    assert report.total_nzd == D("3200000") + D("1100000") + D("420000")


def test_a_currency_without_a_rate_refuses_the_whole_file(uow, manager):
    report = awards.import_awards(uow, manager, "giving360_grants.csv", fixture("giving360_grants.csv"))
    assert not report.written
    assert [str(p) for p in report.problems] == [
        "giving360_grants.csv, line 4, column 'Currency': no exchange rate for USD; give one, e.g. USD=1.68 "
        "(NZD for one unit)"
    ]
    assert award_rows(uow) == {}


def test_360giving_json_with_missing_optional_keys(uow, manager):
    report = awards.import_awards(
        uow,
        manager,
        "giving360_grants.json",
        fixture("giving360_grants.json"),
        ["AUD=1.09"],
        default_cluster="research",
    )
    assert report.written, report.problems
    rows = award_rows(uow)
    assert rows["360G-rcw-2024-101"].funder_name == "Royal Society Te Apārangi — Marsden Fund"
    assert rows["360G-rcw-2024-101"].amount_applied_for == D("960000.00")
    assert rows["360G-rcw-2025-102"].amount == D("235000.50")
    assert rows["360G-rcw-2025-102"].description == "" and rows["360G-rcw-2025-102"].amount_applied_for is None
    assert rows["360G-rcw-2025-103"].amount_nzd == D("109000.00")
    assert rows["360G-rcw-2025-103"].scheme == ""
    assert shares_of(uow, "360G-rcw-2025-103") == {"Research": D("100.00")}


def test_every_bad_row_is_reported_by_line_and_column_and_nothing_is_written(uow, manager):
    report = awards.import_awards(uow, manager, "awards_bad.csv", fixture("awards_bad.csv"))
    problems = [str(p) for p in report.problems]
    expected = [
        "awards_bad.csv, line 3, column 'Amount Awarded': is empty",
        "awards_bad.csv, line 4, column 'Award Date': '31 Feb 2024' is not a date: there is no day 31 in month 2",
        "awards_bad.csv, line 5, column 'Currency': no exchange rate for USD",
        "awards_bad.csv, line 6, column 'Clusters': there is no cluster called 'Tourism'",
        "awards_bad.csv, line 7, column 'Clusters': the cluster shares add up to 90%, not 100%",
        "awards_bad.csv, line 8, column 'Amount Awarded': '1000.005' has more than two decimal places",
        "awards_bad.csv, line 10, column 'Identifier': is empty",  # no title is fine: labelled by its identifier
        "awards_bad.csv, line 2, line 9: identifier 'BAD-001' is used by more than one award",
    ]
    for text in expected:
        assert any(p.startswith(text) for p in problems), (text, problems)
    assert len(problems) == len(expected)
    assert not report.written and award_rows(uow) == {}


def test_dry_run_checks_but_writes_nothing(uow, manager):
    report = awards.import_awards(uow, manager, "g.json", fixture("giving360_grants.json"), ["AUD=1.09"], dry_run=True)
    assert not report.problems and not report.written and report.to_create == 3
    assert award_rows(uow) == {}


def test_reimporting_the_same_identifiers_updates_and_keeps_edited_shares(uow, manager):
    content = fixture("giving360_grants.json")
    awards.import_awards(uow, manager, "g.json", content, ["AUD=1.09"])
    identifier = "360G-rcw-2024-101"
    awards.set_award_shares(uow, manager, award_rows(uow)[identifier].id, [("Food", D("100"))])
    report = awards.import_awards(uow, manager, "g.json", content.replace(b"915000", b"920000"), ["AUD=1.10"])
    assert (report.to_create, report.to_update) == (0, 3)
    rows = award_rows(uow)
    assert len(rows) == 3
    assert rows[identifier].amount == D("920000.00")
    assert rows[identifier].updated_at is not None
    assert rows["360G-rcw-2025-103"].amount_nzd == D("110000.00")
    assert shares_of(uow, identifier) == {"Food": D("100.00")}  # the file names no clusters


def test_reimport_with_clusters_replaces_the_shares(uow, manager):
    content = fixture("giving360_grants.csv")
    awards.import_awards(uow, manager, "a.csv", content, ["USD=1.68"])
    changed = content.replace(b"Research 50%; Food 50%", b"Research 75%; Food 25%")
    awards.import_awards(uow, manager, "a.csv", changed, ["USD=1.68"])
    assert shares_of(uow, "360G-rcw-2023-002") == {"Research": D("75.00"), "Food": D("25.00")}


def test_xlsx_reads_the_grants_sheet(uow, manager):
    book = Workbook()
    book.active.title = "Notes"
    sheet = book.create_sheet("grants")
    sheet.append(["Identifier", "Title", "Amount Awarded", "Award Date", "Funding Org:Name", "Clusters"])
    from datetime import datetime

    sheet.append(["X-1", "From Excel", 1234.5, datetime(2024, 5, 6), "HRC", "Food"])
    sheet.append([None, None, None, None, None, None])
    sheet.append(["X-2", "Bad amount", "lots", datetime(2024, 5, 6), "HRC", "Food"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = awards.import_awards(uow, manager, "history.xlsx", buffer.getvalue())
    assert [str(p) for p in report.problems] == [
        "history.xlsx, row 4, column 'Amount Awarded': 'lots' is not an amount of money "
        "(e.g. 1,200,000.50, $80k or 1.2m)"
    ]
    fixed = buffer.getvalue()
    book["grants"]["C4"] = 10
    buffer = io.BytesIO()
    book.save(buffer)
    assert fixed != buffer.getvalue()
    report = awards.import_awards(uow, manager, "history.xlsx", buffer.getvalue())
    assert report.written
    assert award_rows(uow)["X-1"].amount == D("1234.50")


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("awards.txt", b"x", "is a .txt file"),
        ("awards.json", b"{not json", "is not valid JSON"),
        ("awards.json", b'{"items": []}', 'expected {"grants": [...]}'),
        ("awards.xlsx", b"not a zip", "is not an Excel workbook"),
        ("awards.csv", b"\xff\xfe\x00bad", "is not UTF-8 text"),
        ("awards.csv", b"", "is empty"),
    ],
)
def test_unreadable_files_are_refused_naming_the_file(uow, manager, name, content, reason):
    with pytest.raises(InvalidInput) as caught:
        awards.import_awards(uow, manager, name, content)
    assert reason in str(caught.value)
    assert str(caught.value).startswith(name)


def test_missing_columns_and_bad_rates_are_refused(uow, manager):
    report = awards.import_awards(uow, manager, "a.csv", b"Identifier,Title\nA,B\n")
    assert [str(p).split(":", 2)[:2] for p in report.problems] == [
        ["a.csv", " Amount Awarded is required"],
        ["a.csv", " Award Date is required"],
    ]  # a funder is no longer required
    with pytest.raises(InvalidInput, match="Exchange rates: 'USD=abc' is not an exchange rate"):
        awards.import_awards(uow, manager, "a.csv", fixture("giving360_grants.csv"), ["USD=abc"])
    with pytest.raises(InvalidInput, match="no cluster called 'Tourism'"):
        awards.import_awards(uow, manager, "a.csv", fixture("giving360_grants.csv"), default_cluster="Tourism")


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER, Role.ADMIN])
def test_only_managers_import(uow, make_actor, role):
    actor = make_actor(role)
    with pytest.raises(PermissionDenied):
        awards.import_awards(uow, actor, "g.json", fixture("giving360_grants.json"))
    with pytest.raises(PermissionDenied):
        ledgers.import_grants(uow, actor, "grants.csv", fixture("grants.csv"))


def test_an_import_is_audited(uow, manager):
    awards.import_awards(uow, manager, "g.json", fixture("giving360_grants.json"), ["AUD=1.09"])
    with uow as session:
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "imported awards"))
    assert event.actor_id == manager.id
    assert event.detail["created"] == 3 and event.detail["file"] == "g.json"


def test_grants_import_and_reimport(uow, manager):
    report = ledgers.import_grants(uow, manager, "grants.csv", fixture("grants.csv"))
    assert report.written and report.total == D("117000.50")
    grants = {g.reference: g for g in ledgers.list_grants(uow, manager)}
    assert grants["CG-2023-01"].financial_year == "2023/24"  # from the date 15/07/2023
    assert grants["CG-2023-01"].amount == D("25000.50")
    derived = next(g for g in grants.values() if g.cluster == "Engineering")
    assert derived.reference == "Engineering|2024-07-01|12000"
    again = ledgers.import_grants(uow, manager, "grants.csv", fixture("grants.csv").replace(b"80000", b"85000"))
    assert (again.to_create, again.to_update) == (0, 3)
    with uow as session:
        assert session.scalar(select(func.count(ClusterGrant.id))) == 3
        assert session.scalar(select(ClusterGrant.amount).where(ClusterGrant.reference == "CG-2022-01")) == D("85000")


def test_bad_grants_are_reported_and_nothing_written(uow, manager):
    report = ledgers.import_grants(uow, manager, "grants_bad.csv", fixture("grants_bad.csv"))
    assert [str(p) for p in report.problems] == [
        "grants_bad.csv, line 3, column 'Cluster': there is no cluster called 'Tourism' "
        "(clusters: Engineering, Food, Research)",
        "grants_bad.csv, line 4, column 'Amount': a grant of $0 records nothing",
        "grants_bad.csv, line 5, column 'Currency': cluster grants are the unit's own money and recorded in NZD, "
        "not USD",
        "grants_bad.csv, line 6, column 'Date': is empty",
        "grants_bad.csv, line 6, column 'Financial year': '2022/24' is not a financial year; write it as 2022/23",
    ]
    with uow as session:
        assert session.scalar(select(func.count(ClusterGrant.id))) == 0
