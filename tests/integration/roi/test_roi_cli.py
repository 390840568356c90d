"""python -m research awards import / export, grants import, roi: exit codes and what they print."""

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from research.cli import main
from research.db.models import Award
from tests.integration import roi_dataset
from tests.service_catalogue import add_clusters

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture
def cli(uow, database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    return uow


def awards_count(uow) -> int:
    with uow as session:
        return session.scalar(select(func.count(Award.id)))


def test_awards_import_dry_run_then_for_real(cli, capsys):
    add_clusters(cli, "Research", "Food")
    file = str(FIXTURES / "giving360_grants.csv")
    assert main(["awards", "import", file, "--dry-run", "--rate", "USD=1.68"]) == 0
    assert "Checked 3 awards worth $4,720,000 in NZD: 3 new, 0 updated. Dry run" in capsys.readouterr().out
    assert awards_count(cli) == 0
    assert main(["awards", "import", file, "--rate", "USD=1.68"]) == 0
    assert "Imported 3 awards" in capsys.readouterr().out
    assert awards_count(cli) == 3


def test_awards_import_exits_non_zero_on_any_bad_row(cli, capsys):
    add_clusters(cli, "Research", "Food")
    assert main(["awards", "import", str(FIXTURES / "awards_bad.csv")]) == 1
    out = capsys.readouterr().out
    assert "error: awards_bad.csv, line 3, column 'Amount Awarded': is empty" in out
    assert "8 problem(s) in awards_bad.csv; nothing was imported." in out
    assert awards_count(cli) == 0


def test_missing_file_and_bad_rate(cli, capsys):
    assert main(["awards", "import", "/nowhere/awards.csv"]) == 2
    assert "Cannot read /nowhere/awards.csv" in capsys.readouterr().err
    assert main(["awards", "import", str(FIXTURES / "giving360_grants.csv"), "--rate", "USD"]) == 2
    assert "not an exchange rate" in capsys.readouterr().err


def test_json_import_with_a_cluster_for_every_award(cli, capsys):
    add_clusters(cli, "Research")
    assert (
        main(
            ["awards", "import", str(FIXTURES / "giving360_grants.json"), "--rate", "AUD=1.09", "--cluster", "Research"]
        )
        == 0
    )
    assert awards_count(cli) == 3


def test_grants_import(cli, capsys):
    add_clusters(cli, "Research", "Food", "Engineering")
    assert main(["grants", "import", str(FIXTURES / "grants.csv")]) == 0
    assert "Imported 3 cluster grants worth $117,000.50: 3 new, 0 updated." in capsys.readouterr().out
    assert main(["grants", "import", str(FIXTURES / "grants_bad.csv")]) == 1
    assert "line 3, column 'Cluster'" in capsys.readouterr().out


def test_roi_prints_the_headline(cli, capsys):
    roi_dataset.build(cli)
    assert main(["roi"]) == 0
    out = capsys.readouterr().out
    assert "Area                     not set: every award attributed to a cluster is counted" in out
    assert "Money won                $1,600,000 ($1.6M) from 4 awards" in out
    assert "$10,000.01 from 1 award (not counted)" in out
    assert "Return multiple          15x won per dollar granted" in out
    assert "Success rate (count)     40.0%: 2 of 5 decided applications awarded" in out


def test_roi_json_with_filters(cli, capsys):
    roi_dataset.build(cli)
    assert (
        main(
            [
                "roi",
                "--json",
                "--from",
                "2023-07-01",
                "--to",
                "2024-06-30",
                "--cluster",
                "Research",
                "--year-basis",
                "financial",
            ]
        )
        == 0
    )
    figures = json.loads(capsys.readouterr().out)
    assert figures["money_won"] == "250000.00"  # 60% of A2 less the A4 de-commitment
    assert figures["cluster_grants"] == "10000.00"
    assert figures["return_multiple"] == "25.0000"
    assert main(["roi", "--json", "--from", "2030-01-01"]) == 0
    empty = json.loads(capsys.readouterr().out)
    assert empty["return_multiple"] is None
    assert empty["return_multiple_reason"] == "no cluster grants in this selection"


def test_roi_refuses_unknown_cluster_and_bad_dates(cli, capsys):
    roi_dataset.build(cli)
    assert main(["roi", "--cluster", "Tourism"]) == 2
    assert "no cluster called 'Tourism'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["roi", "--from", "yesterday"])


def test_awards_export_round_trips_through_import(cli, tmp_path, capsys):
    roi_dataset.build(cli)
    target = tmp_path / "awards.csv"
    assert main(["awards", "export", str(target)]) == 0
    header = target.read_text().splitlines()[0]
    assert header.startswith("Identifier,Title,Description,Currency,Amount Applied For,Amount Awarded,Award Date")
    assert main(["awards", "import", str(target), "--dry-run", "--rate", "USD=1.5"]) == 0
    assert "0 new, 5 updated" in capsys.readouterr().out
    assert main(["awards", "export", str(tmp_path / "awards.json")]) == 0
    assert len(json.loads((tmp_path / "awards.json").read_text())["grants"]) == 5
    assert main(["awards", "export", str(tmp_path / "awards.pdf")]) == 2
