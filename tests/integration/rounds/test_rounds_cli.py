"""python -m research rounds import / export / ics, as a scheduled job would run them."""

import icalendar
import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from research.cli import main
from research.db.models import AuditEvent, Funder, FundingRound
from research.domain.roles import Role
from tests.integration.rounds.test_rounds_import import BAD, GOOD
from tests.integration.rounds_helpers import add_funders_and_clusters, add_round, nz


@pytest.fixture
def cli(uow, make_actor, database_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", database_url)
    add_funders_and_clusters(uow, make_actor(Role.MANAGER))

    def run(*argv):
        code = main(["rounds", *map(str, argv)])
        out = capsys.readouterr()
        return code, out.out + out.err

    return run


def rounds_in(uow) -> int:
    with uow as session:
        return session.scalar(select(func.count()).select_from(FundingRound))


def test_a_dry_run_reports_and_writes_nothing(cli, uow, tmp_path):
    path = tmp_path / "rounds.csv"
    path.write_text(GOOD)
    code, out = cli("import", path, "--dry-run")
    assert code == 0 and "all 3 rows are valid: 3 rounds would be added and 0 updated" in out
    assert "Dry run: nothing was written." in out and rounds_in(uow) == 0


def test_an_import_writes_and_a_second_one_updates(cli, uow, tmp_path):
    path = tmp_path / "rounds.csv"
    path.write_text(GOOD)
    assert cli("import", path) == (
        0,
        "Dates were read day first (d/m/yyyy).\nrounds.csv: added 3 rounds and updated 0.\n",
    )
    assert cli("import", path) == (
        0,
        "Dates were read day first (d/m/yyyy).\nrounds.csv: added 0 rounds and updated 3.\n",
    )
    assert rounds_in(uow) == 3
    with uow as session:
        actors = session.scalars(select(AuditEvent.actor_id).where(AuditEvent.action == "imported funding rounds"))
        assert list(actors) == [None, None]  # the command line acts as the system


def test_a_bad_file_prints_every_problem_and_exits_non_zero(cli, uow, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD)
    for flags in (["--dry-run"], []):
        code, out = cli("import", path, *flags)
        assert code == 1
        assert "error: bad.csv line 3, column 'Funder': unknown funder 'Marsden Fnd'" in out
        assert "error: bad.csv line 5, column 'Pool': must not be negative" in out
        assert "6 with problems" in out and "Nothing was written." in out
    assert rounds_in(uow) == 0


def test_unreadable_files_and_wrong_names_exit_non_zero(cli, tmp_path):
    assert cli("import", tmp_path / "missing.csv")[0] == 2
    (tmp_path / "x.pdf").write_text("hi")
    code, out = cli("import", tmp_path / "x.pdf")
    assert code == 1 and "x.pdf: is not a .csv or .xlsx file" in out
    code, out = cli("export", "-o", tmp_path / "x.txt")
    assert code == 2 and "must end in .csv or .xlsx" in out
    code, out = cli("ics", "-o", tmp_path / "x.ics", "--as", "nobody")
    assert code == 2 and "no active user 'nobody'" in out
    (tmp_path / "ok.csv").write_text(GOOD)
    code, out = cli("import", tmp_path / "ok.csv", "--map", "deadline=Closes")
    assert code == 2 and "--map 'deadline=Closes'" in out


def test_columns_can_be_mapped_by_hand(cli, uow, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Who,What,When is it due\nMarsden Fund,Standard,2027-02-20 12:00\n")
    code, out = cli("import", path, "--map", "funder=Who", "--map", "scheme=What", "--map", "closes=When is it due")
    assert code == 0 and rounds_in(uow) == 1


def test_export_and_calendar_of_a_filtered_list(cli, uow, make_actor, tmp_path):
    manager = make_actor(Role.MANAGER, "tama")
    with uow as session:
        ids = {f.name: f.id for f in session.scalars(select(Funder))}
    add_round(uow, manager, ids, "Fast-Start", closes=nz(2030, 2, 20, 12, 0))
    add_round(uow, manager, ids, "Projects", closes=nz(2030, 5, 1, 12, 0), funder_id=ids["Health Research Council"])

    code, out = cli("export", "-o", tmp_path / "all.xlsx", "--as", "tama")
    assert code == 0 and "2 rounds" in out
    sheet = load_workbook(tmp_path / "all.xlsx").active
    assert [c.value for c in sheet[1]][:3] == ["Funder", "Scheme", "Round"] and sheet.max_row == 3

    code, out = cli("export", "-o", tmp_path / "marsden.csv", "--funder", "marsden fund")
    assert code == 0 and (tmp_path / "marsden.csv").read_text(encoding="utf-8-sig").count("\n") == 2

    code, out = cli("ics", "-o", tmp_path / "rounds.ics", "--status", "open", "--closing-within", "10000")
    assert code == 0 and "2 rounds, 8 events" in out
    calendar = icalendar.Calendar.from_ical((tmp_path / "rounds.ics").read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == 8

    code, out = cli("ics", "-o", tmp_path / "none.ics", "--cluster", "Mining")
    assert code == 2 and "Unknown funder or cluster: Mining" in out
