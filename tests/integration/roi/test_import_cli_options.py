"""The shared import options on the command line: awards, grants and rounds alike."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from research.cli import main
from research.db.models import Award, Funder, FundingRound, ImportProfile
from research.services.roi import clusters
from tests.integration.roi import real_files
from tests.service_people import staff


@pytest.fixture
def cli(uow, database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    clusters.add_cluster(uow, staff(uow), "Research")
    return uow


def count(uow, model) -> int:
    with uow as session:
        return session.scalar(select(func.count()).select_from(model))


def test_help_lists_every_award_field_and_the_titles_recognised(capsys):
    with pytest.raises(SystemExit):
        main(["awards", "import", "--help"])
    out = capsys.readouterr().out
    for field in (
        "identifier (required)",
        "amount (required)",
        "awarded_on (required)",
        "recipient_name",
        "locality",
        "postcode",
        "region",
        "country",
        "cluster",
        "application",
        "funder",
        "scheme",
        "currency",
        "title",
    ):
        assert f"  {field}" in out
    for title in (
        "project_number",
        "award_amount",
        "award_date",
        "org_name",
        "org_city",
        "org_state",
        "org_zipcode",
        "org_country",
        "Recipient Org:Location:0:Name",
        "Amount Awarded",
        "Award Date",
    ):
        assert title in out
    for option in (
        "--map FIELD=COLUMN",
        "--profile NAME",
        "--rates RATES.csv",
        "--month-first",
        "--skip-duplicates",
        "--good-rows-only",
        "--bad-rows-to BAD.csv",
        "--cluster",
        "--dry-run",
    ):
        assert option in out


def test_nih_export_good_rows_only_writes_the_bad_rows_file(cli, capsys, tmp_path):
    file, bad = tmp_path / "nih.csv", tmp_path / "bad.csv"
    file.write_bytes(real_files.nih_csv(rows=4, duplicates=1))
    assert main(["awards", "import", str(file), "--good-rows-only"]) == 2  # the bad rows must go somewhere
    assert "--good-rows-only needs --bad-rows-to" in capsys.readouterr().err
    assert (
        main(
            [
                "awards",
                "import",
                str(file),
                "--good-rows-only",
                "--bad-rows-to",
                str(bad),
                "--save-profile",
                "NIH as we get it",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "error: nih.csv, line 6: is an exact duplicate of line 2" in out
    assert "Imported 4 awards" in out and "1 bad row(s) left out." in out
    assert "line 6,is an exact duplicate of line 2" in bad.read_text(encoding="utf-8-sig")
    assert count(cli, Award) == 4 and count(cli, ImportProfile) == 1
    assert main(["awards", "import", str(file), "--profile", "NIH as we get it", "--skip-duplicates", "--dry-run"]) == 0
    assert "1 exact duplicate row(s) skipped: line 6 (= line 2)" in capsys.readouterr().out


def test_a_refused_file_says_so_and_writes_nothing(cli, capsys, tmp_path):
    file = tmp_path / "gbp.csv"
    file.write_bytes(real_files.giving_csv([f"0{m}/2001" for m in range(1, 10)]))
    assert main(["awards", "import", str(file), "--map", "awarded_on=Award Date"]) == 1
    out = capsys.readouterr().out
    assert (
        "error: gbp.csv, 9 rows (lines 2, 3, 4, 5, 6 and 4 more), column 'Currency': no exchange rate for GBP "
        "from 2001-01-01" in out
    )
    assert "nothing was imported" in out and count(cli, Award) == 0


def test_rounds_import_creates_the_funders_it_names_when_asked(cli, capsys, tmp_path):
    file = tmp_path / "rounds.csv"
    file.write_text("Funder;Scheme;Closes\nBrand New Foundation;Seed;03/01/2027 12:00\n", encoding="utf-8")
    assert main(["rounds", "import", str(file)]) == 1
    out = capsys.readouterr().out
    assert "Funders not recorded: 'Brand New Foundation'" in out and count(cli, Funder) == 0
    assert main(["rounds", "import", str(file), "--create-funders", "--month-first"]) == 0
    out = capsys.readouterr().out
    assert "Created 1 funder(s): Brand New Foundation." in out and "Dates were read month first" in out
    assert "1 date(s) would read differently day first (d/m/yyyy): line 2 '03/01/2027 12:00'" in out
    with cli as session:
        closes = session.scalar(select(FundingRound.closes_on))
    assert closes.isoformat() == "2027-03-01"


def test_the_readme_lists_every_award_and_grant_field_with_its_titles():
    from pathlib import Path

    from research.domain.award_rows import AWARD_FIELDS
    from research.domain.grant_rows import GRANT_FIELDS

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    for field in (*AWARD_FIELDS, *GRANT_FIELDS):
        rows = [line for line in readme.splitlines() if line.startswith(f"| `{field.key}`")]
        assert any(all(f"`{t}`" in row for t in (field.header, *field.aliases)) for row in rows), field.key
