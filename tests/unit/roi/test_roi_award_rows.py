"""Checking awards files row by row: columns, netting of de-commitments, default clusters."""

from datetime import date
from decimal import Decimal

from research.domain import award_rows, grant_rows
from research.domain.award_rows import AWARD_FIELDS, AwardFileOptions, SourceRow
from research.domain.column_mapping import guess_columns
from research.domain.giving360 import flatten_grant, org_identifier
from research.domain.grant_rows import GRANT_FIELDS

D = Decimal
TITLES = ["Identifier", "Title", "Currency", "Amount Awarded", "Award Date", "Funding Org:Name"]
OPTIONS = AwardFileOptions({"NZD": D(1), "USD": D("1.68")}, {"research": "Research", "food": "Food"})


def rows(*values) -> list[SourceRow]:
    return [SourceRow(f"line {n}", dict(zip(TITLES, v, strict=True)), hash(v)) for n, v in enumerate(values, start=2)]


def map_columns(titles: list[str]) -> dict[str, str]:
    return {k: c for k, c in guess_columns(titles, AWARD_FIELDS).items() if c}


def check_award_rows(file, titles, source, options):
    checked = award_rows.check_award_rows(file, map_columns(titles), source, options)
    return checked.rows, checked.problems


def check_grant_rows(file, titles, source, clusters):
    columns = {k: c for k, c in guess_columns(titles, GRANT_FIELDS).items() if c}
    checked = grant_rows.check_grant_rows(file, columns, source, clusters)
    return checked.rows, checked.problems


def test_a_good_row():
    [award], problems = check_award_rows(
        "f.csv", TITLES, rows(("A", "T", "usd", "100.50", "2024-01-31", "NIH")), OPTIONS
    )
    assert problems == []
    assert (award.currency, award.amount, award.amount_nzd, award.awarded_on) == (
        "USD",
        D("100.50"),
        D("168.84"),
        date(2024, 1, 31),
    )
    assert award.shares == () and award.where == "line 2"


def test_negative_rows_net_into_the_award_they_repeat():
    [award], problems = check_award_rows(
        "f.csv",
        TITLES,
        rows(
            ("A", "Grant", "NZD", "-100", "2024-05-01", "HRC"),
            ("A", "Grant", "NZD", "1000", "2024-01-01", "HRC"),
            ("A", "Grant", "NZD", "-50", "2024-06-01", "HRC"),
        ),
        OPTIONS,
    )
    assert problems == []
    assert (award.amount, award.amount_nzd, award.awarded_on) == (D(850), D(850), date(2024, 1, 1))
    assert award.where == "line 2, line 3, line 4"


def test_a_lone_decommitment_is_kept_as_it_is():
    [award], _ = check_award_rows(
        "f.csv", TITLES, rows(("A-dc", "Returned", "NZD", "-90000", "2024-02-01", "HRC")), OPTIONS
    )
    assert award.amount == D(-90000)


def test_netting_across_currencies_is_refused():
    awards, problems = check_award_rows(
        "f.csv",
        TITLES,
        rows(("A", "G", "NZD", "1000", "2024-01-01", "HRC"), ("A", "G", "USD", "-10", "2024-01-01", "HRC")),
        OPTIONS,
    )
    assert awards == []
    assert str(problems[0]) == "f.csv, line 2, line 3: identifier 'A' is netted across different currencies"


def test_the_default_cluster_fills_only_empty_cells():
    titles = [*TITLES, "Clusters"]
    source = [
        SourceRow("line 2", dict(zip(titles, ("A", "T", "", "1", "2024-01-01", "HRC", ""), strict=True))),
        SourceRow("line 3", dict(zip(titles, ("B", "T", "", "1", "2024-01-01", "HRC", "Food"), strict=True))),
    ]
    options = AwardFileOptions(OPTIONS.rates, OPTIONS.clusters, "Research")
    awards, problems = check_award_rows("f.csv", titles, source, options)
    assert problems == []
    assert [a.shares for a in awards] == [(("Research", D(100)),), (("Food", D(100)),)]


def test_long_text_is_refused_with_its_length():
    _, problems = check_award_rows("f.csv", TITLES, rows(("A" * 201, "T", "", "1", "2024-01-01", "HRC")), OPTIONS)
    assert str(problems[0]) == "f.csv, line 2, column 'Identifier': is 201 characters long; at most 200 fit"


def test_an_empty_file_says_so():
    assert [str(p) for p in check_award_rows("f.csv", TITLES, [], OPTIONS)[1]] == [
        "f.csv: there are no awards in the file"
    ]


def test_column_titles_from_360giving_json_and_plain_aliases():
    flat = flatten_grant(
        {
            "id": "X",
            "amountAwarded": 5,
            "fundingOrganization": [{"id": "F", "name": "HRC"}],
            "grantProgramme": {"title": "Projects"},
            "recipientOrganization": [],
        }
    )
    assert flat == {
        "id": "X",
        "amountAwarded": 5,
        "fundingOrganization.id": "F",
        "fundingOrganization.name": "HRC",
        "grantProgramme.title": "Projects",
    }
    assert map_columns(list(flat)) == {
        "identifier": "id",
        "amount": "amountAwarded",
        "funder": "fundingOrganization.name",
        "scheme": "grantProgramme.title",
    }
    assert map_columns(["amount awarded", "FUNDER", "award_date"]) == {
        "amount": "amount awarded",
        "funder": "FUNDER",
        "awarded_on": "award_date",
    }
    assert org_identifier("Royal Society Te Apārangi") == "360G-rcw-royal-society-te-ap-rangi"


def test_grant_rows_refuse_two_rows_for_one_grant():
    titles = ["Cluster", "Amount", "Date", "Purpose"]
    source = [
        SourceRow(f"line {n}", dict(zip(titles, ("Research", "100", "2023-01-01", f"part {n}"), strict=True)), n)
        for n in (2, 3)
    ]
    grants, problems = check_grant_rows("g.csv", titles, source, {"research": "Research"})
    assert len(grants) == 1
    assert str(problems[0]).startswith("g.csv, line 3: repeats the grant on line 2")
    assert grants[0].financial_year == "2022/23"
