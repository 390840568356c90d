"""Importers meeting real files: 360Giving JSON/CSV/XLSX, an NIH RePORTER export, semicolons, two-row headers,
formulas without saved values. Totals are asserted to the cent; a refused file writes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from research.db.models import AuditEvent, Award, ClusterGrant, Funder, FundingRound, ImportProfile
from research.domain.errors import InvalidInput
from research.domain.import_kinds import ImportKind
from research.domain.roles import Role
from research.domain.round_import import guess_mapping
from research.services.common import import_profiles
from research.services.common.import_choices import ImportChoices
from research.services.roi import awards, ledgers
from research.services.rounds import funders
from research.services.rounds.files import read_round_file
from research.services.rounds.imports import RoundImportOptions, check_import, import_rounds
from tests.integration.roi import real_files
from tests.service_catalogue import add_clusters, add_funders

D = Decimal


@pytest.fixture
def manager(uow, make_actor):
    add_clusters(uow, "Research", "Food")
    return make_actor(Role.MANAGER)


def stored(uow) -> dict[str, Award]:
    with uow as session:
        return {a.identifier: a for a in session.scalars(select(Award))}


def total(uow) -> Decimal:
    with uow as session:
        return session.scalar(select(func.coalesce(func.sum(Award.amount_nzd), 0)))


# -- NIH RePORTER ----------------------------------------------------------------------------


def test_an_nih_export_with_exact_duplicates_is_refused_whole_then_imported_skipping_them(uow, manager):
    content = real_files.nih_csv(rows=6, duplicates=2)
    refused = awards.import_awards(uow, manager, "nih.csv", content, ["USD=1.60"])
    assert not refused.written and stored(uow) == {}
    assert refused.summary == [
        "nih.csv, 2 rows (lines 8, 9): exact duplicate of an earlier row",
    ]
    report = awards.import_awards(
        uow, manager, "nih.csv", content, ["USD=1.60"], choices=ImportChoices(skip_duplicates=True)
    )
    assert report.written and len(report.rows) == 6 and len(report.duplicates) == 2
    assert report.mapping["identifier"] == "project_number" and report.mapping["locality"] == "org_city"
    rows = stored(uow)
    assert str(sum((a.amount for a in rows.values()), D(0))) == real_files.nih_total(6)
    otago = rows["5R01AI000001-02"]
    assert (otago.recipient_org, otago.locality, otago.postcode, otago.country) == (
        "UNIVERSITY OF OTAGO",
        "DUNEDIN",
        "9016",
        "NEW ZEALAND",
    )
    assert otago.title == "Host responses to infection, part 1" and otago.funder_name == "NIAID"
    assert otago.lead == "SMITH, JANE" and report.mapping["lead"] == "pi_names"  # matched with applications' leads
    assert otago.awarded_on == date(2016, 2, 15)
    with uow as session:
        audit = session.scalars(select(AuditEvent).where(AuditEvent.action == "imported awards")).one()
    assert audit.detail["duplicates_skipped"] == 2


def test_the_nih_profile_and_a_saved_profile_map_the_next_file(uow, manager):
    renamed = real_files.nih_csv(rows=2, duplicates=0).replace(b"project_number", b"Core Number")
    guessed = awards.import_awards(uow, manager, "nih.csv", renamed, dry_run=True)
    assert guessed.mapping["identifier"] == "appl_id" or guessed.problems  # a guess, not what the unit wants
    import_profiles.save_profile(
        uow, manager, ImportKind.AWARDS, "Our NIH", {**awards_profile(uow), "identifier": "Core Number"}
    )
    report = awards.import_awards(uow, manager, "nih.csv", renamed, choices=ImportChoices(profile="Our NIH"))
    assert report.written and set(stored(uow)) == {"5R01AI000001-02", "5R01AI000002-03"}
    assert "Our NIH" in import_profiles.profile_names(uow, manager, ImportKind.AWARDS)
    with pytest.raises(InvalidInput, match="there is no profile 'Nope'"):
        awards.import_awards(uow, manager, "nih.csv", renamed, choices=ImportChoices(profile="Nope"))


def awards_profile(uow) -> dict[str, str | None]:
    from research.domain.import_profiles import BUILTIN_PROFILES, NIH_REPORTER

    return dict(BUILTIN_PROFILES[ImportKind.AWARDS][NIH_REPORTER])


def test_map_on_the_command_line_wins_over_the_guess(uow, manager):
    content = real_files.nih_csv(rows=2, duplicates=0)
    report = awards.import_awards(
        uow, manager, "nih.csv", content, choices=ImportChoices(pairs=("identifier=appl_id", "funder=")), dry_run=True
    )
    assert not report.problems
    assert [r.identifier for r in report.rows] == ["10000001", "10000002"]
    assert {r.funder_name for r in report.rows} == {"Funder not recorded"}
    report = awards.import_awards(
        uow, manager, "nih.csv", content, choices=ImportChoices(pairs=("identifier=Nope",)), dry_run=True
    )
    assert [str(p) for p in report.problems] == [
        "nih.csv: --map 'identifier=Nope': the file has no column 'Nope' (its columns: 'appl_id', 'project_number', "
        "'project_title', 'fiscal_year', 'agency_ic_admin', 'activity_code', 'award_date', 'award_amount', "
        "'org_name', 'org_city', 'org_state', 'org_zipcode', 'org_country', 'pi_names')"
    ]


# -- 360Giving -------------------------------------------------------------------------------


def test_360giving_csv_with_day_first_times_and_month_dates(uow, manager):
    content = real_files.giving_csv(["26/03/2019 00:00", "03/2019", "2019", "04/05/2020 00:00"])
    report = awards.import_awards(uow, manager, "trust.csv", content, ["GBP=2.05"])
    assert report.written, report.summary
    rows = stored(uow)
    assert [(rows[i].awarded_on, rows[i].awarded_precision) for i in sorted(rows)] == [
        (date(2019, 3, 26), "day"),
        (date(2019, 3, 1), "month"),
        (date(2019, 1, 1), "year"),
        (date(2020, 5, 4), "day"),
    ]
    assert total(uow) == D("20501.03") * 4  # £10,000.50 at 2.05, to the cent
    assert rows["360G-trust-0001"].locality == "Oxford" and rows["360G-trust-0001"].postcode == "OX1 2JD"
    assert rows["360G-trust-0001"].recipient_id == "GB-CHC-1001"
    assert any("read day first" in n and "'04/05/2020 00:00'" in n for n in report.notes)


def test_month_first_is_a_choice_and_the_other_order_is_named(uow, manager):
    content = real_files.giving_csv(["3/26/2019", "12/31/2019"])
    refused = awards.import_awards(uow, manager, "us.csv", content, ["GBP=2"])
    assert not refused.written and stored(uow) == {}
    assert "read month first (m/d/yyyy) it would be valid: import with --month-first" in refused.summary[0]
    report = awards.import_awards(uow, manager, "us.csv", content, ["GBP=2"], choices=ImportChoices(day_first=False))
    assert report.written and sorted(a.awarded_on for a in stored(uow).values()) == [
        date(2019, 3, 26),
        date(2019, 12, 31),
    ]


def test_rows_without_a_rate_are_told_once_with_the_earliest_date(uow, manager):
    dates = [f"{day:02d}/03/2001" for day in range(1, 29)]
    report = awards.import_awards(uow, manager, "gbp.csv", real_files.giving_csv(dates))
    assert not report.written and stored(uow) == {}
    assert report.summary == [
        "gbp.csv, 28 rows (lines 2, 3, 4, 5, 6 and 23 more), column 'Currency': no exchange rate for GBP from "
        "2001-03-01; give one, e.g. GBP=1.68 (NZD for one unit)"
    ]


def test_dated_rates_convert_each_award_at_the_rate_of_its_date(uow, manager):
    # As a central bank publishes them: pounds for one NZD.
    rates = b"currency,date,rate\nGBP,2001-01-01,0.25\nGBP,2019-03-01,0.50\n"
    content = real_files.giving_csv(["15/06/2005", "26/03/2019"], amount="1000")
    report = awards.import_awards(uow, manager, "trust.csv", content, rates_file=("rates.csv", rates))
    assert report.written
    assert sorted(a.amount_nzd for a in stored(uow).values()) == [D("2000.00"), D("4000.00")]
    assert "Exchange rates used: GBP: 2 awards at 2 dated rates (2001-01-01 to 2019-03-01)." in report.notes


def test_360giving_json_with_recipient_locations(uow, manager):
    report = awards.import_awards(uow, manager, "mbie.json", real_files.giving_json())
    assert report.written, report.summary
    rows = stored(uow)
    coastal, waikato = rows["360G-json-1"], rows["360G-json-2"]
    assert (coastal.locality, coastal.postcode, coastal.country, coastal.recipient_id) == (
        "Dunedin",
        "9016",
        "New Zealand",
        "NZ-CC-1",
    )
    assert coastal.awarded_on == date(2019, 3, 26) and coastal.scheme == "Endeavour"
    assert (waikato.title, waikato.awarded_precision, waikato.locality) == ("360G-json-2", "year", "Hamilton")
    assert total(uow) == D("200000.00")


def test_360giving_xlsx_with_title_rows_and_every_kind_of_date(uow, manager):
    report = awards.import_awards(uow, manager, "trust.xlsx", real_files.giving_xlsx_with_title_rows())
    assert report.written, report.summary
    assert "Column titles read from row 3 of sheet 'Grants'." in report.notes
    rows = stored(uow)
    assert [(rows[f"X-{n}"].awarded_on, rows[f"X-{n}"].awarded_precision) for n in range(1, 6)] == [
        (date(2019, 3, 26), "day"),
        (date(2019, 3, 26), "day"),
        (date(2019, 3, 1), "month"),
        (date(2019, 1, 1), "year"),
        (date(2019, 3, 26), "day"),
    ]
    assert total(uow) == D("15001.50")


def test_a_two_row_header_with_merged_group_headings(uow, manager):
    report = awards.import_awards(uow, manager, "two.xlsx", real_files.two_row_header_xlsx())
    assert report.written, report.summary
    rows = stored(uow)
    assert (rows["T-1"].recipient_org, rows["T-1"].locality, rows["T-1"].postcode) == (
        "Otago Polytechnic",
        "Dunedin",
        "9016",
    )
    assert total(uow) == D("4001.00")


def test_the_header_row_can_be_chosen(uow, manager):
    content = real_files.workbook(
        [["Identifier", "note"], ["Identifier", "Amount", "Award Date"], ["H-1", 10.01, "2020-01-01"]]
    )
    report = awards.import_awards(uow, manager, "h.xlsx", content, choices=ImportChoices(header_row=2))
    assert report.written and total(uow) == D("10.01")


def test_a_formula_without_a_saved_value_is_refused_naming_the_cell(uow, manager):
    content = real_files.workbook(
        [["Identifier", "Amount", "Award Date"], ["F-1", 100, "2020-01-01"], ["F-2", None, "2020-01-01"]],
        formulas={"B3": "=B2*2"},
    )
    with pytest.raises(InvalidInput) as refused:
        awards.import_awards(uow, manager, "f.xlsx", content)
    assert str(refused.value).startswith(
        "f.xlsx: Grants!B3: formula with no saved value — open and save the file in Excel"
    )
    assert stored(uow) == {}


def test_a_semicolon_csv_with_a_bom_and_spaces_as_group_separators(uow, manager):
    content = (
        "Identifier;Title;Amount;Date;Recipient;City\n"
        "S-1;Grant one;1 234 567.89;2022-07-01;Otago;Dunedin\n"
        "S-2;Grant two;NZD 10 000;01/08/2022;Otago;Mosgiel\n"
    ).encode("utf-8-sig")
    report = awards.import_awards(uow, manager, "semi.csv", content)
    assert report.written and "Read as semicolon-separated values." in report.notes
    assert total(uow) == D("1244567.89")


def test_good_rows_only_imports_them_and_returns_the_bad_rows_with_reasons(uow, manager):
    content = real_files.giving_csv(["26/03/2019", "31/02/2019", "2019"], currency="NZD", amount="500.05")
    report = awards.import_awards(uow, manager, "g.csv", content, choices=ImportChoices(good_rows_only=True))
    assert report.written and report.bad_rows == 1 and total(uow) == D("1000.10")
    bad = report.bad_file.decode("utf-8-sig").splitlines()
    assert bad[0].endswith(",where,reason") and len(bad) == 2
    assert bad[1].startswith("360G-trust-0002,") and "line 3,Award Date: '31/02/2019' is not a date" in bad[1]
    with uow as session:
        audit = session.scalars(select(AuditEvent).where(AuditEvent.action == "imported awards")).one()
    assert (audit.detail["good_rows_only"], audit.detail["bad_rows_left_out"]) == (True, 1)


# -- cluster grants --------------------------------------------------------------------------


def test_grants_read_semicolons_month_first_and_skip_duplicates(uow, manager):
    content = b"Cluster;Amount;Date;Reference\nResearch;80,000;7/15/2022;CG-1\nResearch;80,000;7/15/2022;CG-1\n"
    refused = ledgers.import_grants(uow, manager, "g.csv", content, choices=ImportChoices(day_first=False))
    assert not refused.written and refused.summary == ["g.csv, line 3: is an exact duplicate of line 2"]
    report = ledgers.import_grants(
        uow, manager, "g.csv", content, choices=ImportChoices(day_first=False, skip_duplicates=True)
    )
    assert report.written
    with uow as session:
        grant = session.scalars(select(ClusterGrant)).one()
    assert (grant.amount, grant.granted_on) == (D("80000.00"), date(2022, 7, 15))


def test_grant_dates_the_other_order_reads_apart_are_listed(uow, manager):
    content = b"Cluster,Amount,Date,Reference\nResearch,80000,3/4/2022,CG-1\nResearch,5000,25/4/2022,CG-2\n"
    report = ledgers.import_grants(uow, manager, "g.csv", content, dry_run=True)
    assert not report.problems
    note = next(n for n in report.notes if n.startswith("Dates were read day first"))
    assert "1 date(s) would read differently month first (m/d/yyyy): line 2 '3/4/2022' = 03 Apr 2022" in note
    assert "25/4/2022" not in note  # no month 25: only one order reads it


# -- rounds: funders by alias, created on request, close names suggested ---------------------

ROUNDS = """Funder,Scheme,Closes
MBIE,Smart Ideas,2027-03-01 12:00
Heath Research Council of New Zealand,Projects,2027-05-11 12:00
Brand New Foundation,Seed,2027-06-01 12:00
"""


def test_rounds_find_funders_by_alias_suggest_close_names_and_create_the_rest(uow, manager):
    add_funders(uow, "Ministry of Business, Innovation and Employment", "Health Research Council of New Zealand")
    table = read_round_file(ROUNDS.encode(), "rounds.csv")
    mapping = guess_mapping(list(table.headers))
    report = check_import(uow, manager, table, mapping)
    assert dict(report.unknown_funders) == {
        "MBIE": "Ministry of Business, Innovation and Employment",
        "Heath Research Council of New Zealand": "Health Research Council of New Zealand",
        "Brand New Foundation": None,
    }
    with uow as session:
        mbie = session.scalar(select(Funder.id).where(Funder.name.startswith("Ministry")))
    funders.add_alias(uow, manager, mbie, "MBIE")
    report = check_import(uow, manager, table, mapping)
    assert [name for name, _ in report.unknown_funders] == [
        "Heath Research Council of New Zealand",
        "Brand New Foundation",
    ]
    dry = check_import(uow, manager, table, mapping, options=RoundImportOptions(create_funders=True))
    assert dry.ok and dry.created_funders == ("Heath Research Council of New Zealand", "Brand New Foundation")
    with uow as session:
        assert session.scalar(select(func.count()).select_from(Funder)) == 2  # a check creates nothing
    report = import_rounds(uow, manager, table, mapping, options=RoundImportOptions(create_funders=True))
    assert report.written and report.to_create == 3
    with uow as session:
        names = set(session.scalars(select(Funder.name)))
        assert {"Brand New Foundation", "Heath Research Council of New Zealand"} <= names
        assert session.scalar(select(func.count()).select_from(FundingRound)) == 3


def test_an_alias_cannot_be_another_funders_name(uow, manager):
    marsden = add_funders(uow, "Marsden Fund", "HRC")["Marsden Fund"]
    with pytest.raises(InvalidInput, match="is the name of the funder 'HRC'"):
        funders.add_alias(uow, manager, marsden, "hrc")
    with uow as session:
        assert session.scalar(select(func.count()).select_from(ImportProfile)) == 0


def test_an_nih_export_in_dollars_is_converted_when_its_currency_is_given(uow, manager):
    content = real_files.nih_csv(rows=2, duplicates=0)
    refused = awards.import_awards(uow, manager, "nih.csv", content, choices=ImportChoices(currency="USD"))
    assert not refused.written and "no exchange rate for USD" in refused.summary[0]
    report = awards.import_awards(uow, manager, "nih.csv", content, ["USD=1.5"], choices=ImportChoices(currency="usd"))
    assert report.written and "Amounts whose row names no currency were read as USD." in report.notes
    rows = stored(uow)
    assert {a.currency for a in rows.values()} == {"USD"}
    assert total(uow) == (D("101234.56") + D("102469.12")) * D("1.5")
