"""Checking the rows of an awards file: every row is checked, every problem named by line and column.

The fields an awards file may hold, and the column titles recognised for each (360Giving's
standard titles and JSON keys, NIH RePORTER's export columns, plain names), are AWARD_FIELDS;
only identifier, amount and awarded_on are required (an award with no title is labelled by its
identifier).

Rows that share an identifier are netted when the extra ones are negative (a de-commitment
published as its own row); two positive rows with one identifier are refused as a double count.
A row identical in every cell to an earlier one is an exact duplicate: refused, or skipped when asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from research.domain.column_mapping import ImportField
from research.domain.date_precision import DatePrecision
from research.domain.date_values import AmbiguousDate, PreciseDate, parse_precise_date
from research.domain.errors import Problem
from research.domain.ledger_values import is_blank, parse_shares
from research.domain.locale import workspace_locale
from research.domain.money import parse_currency, parse_money
from research.domain.rates import RatesUsed, RateTable
from research.domain.row_problems import CheckedRows, RowProblem, row_problem

AWARD_FIELDS = (
    ImportField(
        "identifier",
        "Identifier",
        True,
        (
            "id",
            "project_number",
            "Project Number",
            "core_project_num",
            "full_project_num",
            "Grant ID",
            "Grant Number",
            "Award ID",
            "Award Number",
            "Reference",
        ),
        "Unique per award; an identifier already recorded is updated.",
    ),
    ImportField(
        "title",
        "Title",
        False,
        ("project_title", "Project Title", "Grant Title", "Award Title"),
        "Blank: the award is labelled by its identifier.",
    ),
    ImportField("description", "Description", False, ("abstract_text", "Abstract", "Summary")),
    ImportField(
        "amount",
        "Amount Awarded",
        True,
        ("amountAwarded", "Amount", "award_amount", "Award Amount", "total_cost", "Total Cost", "Total Funding"),
        "1,200,000.50, £1 200 000, USD 250,000 or 1.2m; negative rows are de-commitments and are netted.",
    ),
    ImportField("currency", "Currency", False, ("ccy",), "An ISO code; blank: the reporting currency."),
    ImportField("amount_applied_for", "Amount Applied For", False, ("amountAppliedFor", "Amount Requested")),
    ImportField(
        "awarded_on",
        "Award Date",
        True,
        ("awardDate", "Date", "award_date", "award_notice_date", "Award Notice Date", "Awarded On", "Date Awarded"),
        "2019-03-26, 26/03/2019 (or 3/26/2019 with --month-first), 26/03/2019 00:00, 03/2019, 2019, Excel dates.",
    ),
    ImportField(
        "funder",
        "Funding Org:Name",
        False,
        (
            "fundingOrganization.name",
            "Funder",
            "Funding Organisation",
            "Funding Organization",
            "agency",
            "agency_ic_admin",
            "Administering IC",
            "ic_name",
            "IC Name",
        ),
    ),
    ImportField(
        "scheme",
        "Grant Programme:Title",
        False,
        (
            "grantProgramme.title",
            "Scheme",
            "Programme",
            "Program",
            "activity",
            "activity_code",
            "Activity",
            "Activity Code",
            "funding_mechanism",
            "Funding Mechanism",
        ),
    ),
    ImportField(
        "recipient_name",
        "Recipient Org:Name",
        False,
        (
            "recipientOrganization.name",
            "Recipient",
            "Recipient Organisation",
            "Recipient Organization",
            "org_name",
            "Organization Name",
            "Organisation Name",
            "Organisation",
            "Organization",
            "Institution",
        ),
    ),
    ImportField(
        "recipient_id",
        "Recipient Org:Identifier",
        False,
        ("recipientOrganization.id", "Recipient ID", "org_duns", "Organization DUNS", "org_uei", "UEI"),
    ),
    ImportField(
        "locality",
        "Recipient Org:City",
        False,
        (
            "recipientOrganization.addressLocality",
            "Recipient Org:Location:0:Name",
            "recipientOrganization.location.name",
            "org_city",
            "Organization City",
            "City",
            "Town",
            "Locality",
        ),
    ),
    ImportField(
        "postcode",
        "Recipient Org:Postal Code",
        False,
        (
            "recipientOrganization.postalCode",
            "org_zipcode",
            "Organization Zip",
            "Organization Zip Code",
            "Postcode",
            "Post Code",
            "Postal Code",
            "Zip",
            "Zip Code",
        ),
    ),
    ImportField(
        "region",
        "Recipient Org:County",
        False,
        ("recipientOrganization.addressRegion", "org_state", "Organization State", "Region", "State", "County"),
    ),
    ImportField(
        "country",
        "Recipient Org:Country",
        False,
        ("recipientOrganization.addressCountry", "org_country", "Organization Country", "Country"),
    ),
    ImportField(
        "lead",
        "Lead",
        False,
        ("contact_pi_name", "Contact PI / Project Leader", "pi_names", "Principal Investigator", "Lead Applicant"),
        "Who leads the funded work; matched with an application's lead to credit the award to a cluster.",
    ),
    ImportField("cluster", "Clusters", False, ("Cluster",), "'Research' or 'Research 60%; Food 40%'."),
    ImportField(
        "application",
        "Application",
        False,
        ("Application number",),
        "The workspace's application (RCW-APP-12 or 12) the award is for.",
    ),
)
AWARD_FIELD_KEYS = tuple(f.key for f in AWARD_FIELDS)
TEXT_LIMITS = {
    "identifier": 200,
    "title": 400,
    "funder": 200,
    "scheme": 200,
    "recipient_name": 200,
    "recipient_id": 200,
    "locality": 200,
    "postcode": 40,
    "region": 200,
    "country": 100,
    "lead": 200,
}
NO_FUNDER = "Funder not recorded"
_APPLICATION = re.compile(r"^(?:RCW-APP-)?(\d{1,9})$", re.IGNORECASE)


@dataclass(frozen=True)
class SourceRow:
    """One row of a file: where it is ('line 3', 'grant 3'), its cells by column title, a digest of every cell."""

    where: str
    cells: dict[str, Any]
    digest: int | None = None  # identifies every cell of the row; None: not compared


class CellReader:
    """Reads a row's cells by field, noting a RowProblem (file, line, column) for each bad or missing one."""

    def __init__(self, file: str, row: SourceRow, columns: dict[str, str], headers: dict[str, str]):
        self.file, self.row, self.columns, self.headers = file, row, columns, headers
        self.problems: list[Problem] = []

    def __call__(self, field: str, parse: Callable[[Any], Any], required: bool = False, default: Any = None) -> Any:
        title = self.columns.get(field, self.headers[field])
        value = self.row.cells.get(title) if field in self.columns else None
        if is_blank(value):
            if required:
                self.problems.append(row_problem(self.file, self.row.where, title, "is empty"))
            return default
        try:
            return parse(value)
        except ValueError as exc:
            self.problems.append(row_problem(self.file, self.row.where, title, str(exc)))
            return default


@dataclass(frozen=True)
class AwardRow:
    identifier: str
    title: str
    description: str
    currency: str
    amount: Decimal
    amount_nzd: Decimal
    amount_applied_for: Decimal | None
    awarded_on: date
    recipient_org: str
    funder_name: str
    scheme: str
    shares: tuple[tuple[str, Decimal], ...]
    where: str
    awarded_precision: str = DatePrecision.DAY.value
    recipient_id: str = ""
    locality: str = ""
    postcode: str = ""
    region: str = ""
    country: str = ""
    lead: str = ""
    application_id: int | None = None


@dataclass(frozen=True)
class AwardFileOptions:
    rates: dict[str, Decimal] | RateTable  # flat rates (--rate USD=1.68), or the dated table with them over it
    clusters: dict[str, str]  # lower-case name -> name as recorded
    default_cluster: str | None = None
    day_first: bool = True
    skip_duplicates: bool = False
    applications: frozenset[int] | None = None  # ids that exist; None: not checked
    currency: str | None = None  # of amounts with no currency cell (an NIH export is in USD); None: the reporting one

    def rate_table(self) -> RateTable:
        if isinstance(self.rates, RateTable):
            return self.rates
        return RateTable(workspace_locale().currency, (), self.rates)


@dataclass
class CheckedAwards(CheckedRows[AwardRow]):
    rates_used: RatesUsed | None = None  # which rates converted which awards


def check_award_rows(
    file: str, columns: dict[str, str], rows: Iterable[SourceRow], options: AwardFileOptions
) -> CheckedAwards:
    """Every row checked against `columns` (field -> the file's column title, already checked)."""
    headers = {f.key: f.header for f in AWARD_FIELDS}
    result = CheckedAwards()
    seen: dict[int, str] = {}
    missing_rates: dict[str, list[tuple[RowProblem, date]]] = {}
    good: list[AwardRow] = []
    result.rates_used = RatesUsed(options.rate_table())
    for row in rows:
        result.read += 1
        if row.digest is not None and row.digest in seen:
            result.duplicates.append((row.where, seen[row.digest]))
            if not options.skip_duplicates:
                problem = row_problem(
                    file,
                    row.where,
                    "",
                    f"is an exact duplicate of {seen[row.digest]}",
                    "exact duplicate of an earlier row",
                )
                _bad(result, problem)
            continue
        if row.digest is not None:
            seen[row.digest] = row.where
        award, row_problems, missing = _check_row(file, row, columns, headers, options, result)
        for found in row_problems:
            _bad(result, found)
        if missing:
            missing_rates.setdefault(_currency_of(missing[0]), []).append(missing)
        if award:
            good.append(award)
    if not result.read:
        result.problems.append(Problem(file, "there are no awards in the file"))
    _group_rates(result, missing_rates)
    netted, net_problems = _net_duplicates(file, good)
    for net_problem, wheres in net_problems:
        result.problems.append(net_problem)
        for where in wheres:
            result.bad.setdefault(where, net_problem.reason)
    result.rows = netted
    return result


def _bad(result: CheckedAwards, problem: RowProblem | Problem) -> None:
    result.problems.append(problem)
    if isinstance(problem, RowProblem):
        column = f"{problem.column}: " if problem.column else ""
        before = result.bad.get(problem.row)
        result.bad[problem.row] = f"{before}; {column}{problem.reason}" if before else f"{column}{problem.reason}"


def _group_rates(result: CheckedAwards, missing: dict[str, list[tuple[RowProblem, date]]]) -> None:
    """'no exchange rate for GBP from 2001-03-26': the earliest date no rate covers, shared by the group."""
    for currency, found in missing.items():
        earliest = min(day for _, day in found)
        for problem, _ in found:
            group = f"no exchange rate for {currency} from {earliest.isoformat()}; {problem.reason.split('; ', 1)[1]}"
            grouped = replace(problem, group=group)
            _bad(result, grouped)


@lru_cache(maxsize=65536)
def _cached_date(value: Any, day_first: bool) -> PreciseDate | str:
    try:
        return parse_precise_date(value, day_first)
    except ValueError as exc:
        return str(exc)


def _date(value: Any, day_first: bool) -> PreciseDate:
    """Files repeat the same dates on many rows: each is read once."""
    found = (
        _cached_date(value, day_first) if isinstance(value, str | int | date) else parse_precise_date(value, day_first)
    )
    if isinstance(found, str):
        raise ValueError(found)
    return found


def _currency_of(problem: RowProblem) -> str:
    """'GBP' from 'no exchange rate for GBP before 2001-03-26; give one ...'."""
    return problem.reason.split(" for ", 1)[1].split(";")[0].split(" ")[0]


def _check_row(
    file: str,
    row: SourceRow,
    columns: dict[str, str],
    headers: dict[str, str],
    options: AwardFileOptions,
    result: CheckedAwards,
) -> tuple[AwardRow | None, list[Problem], tuple[RowProblem, date] | None]:
    cell = CellReader(file, row, columns, headers)
    problems = cell.problems
    values = {name: cell(name, _text(name), required=name == "identifier", default="") for name in TEXT_LIMITS}
    description = cell("description", lambda v: str(v).strip(), default="")
    reporting = workspace_locale().currency
    currency = cell("currency", parse_currency, default=options.currency or reporting)
    # A negative award is a de-commitment, netted against its identifier's other rows.
    amount = cell("amount", lambda v: parse_money(v, currency, allow_negative=True), required=True)
    applied_for = cell("amount_applied_for", lambda v: parse_money(v, currency))
    when: PreciseDate | None = cell("awarded_on", lambda v: _date(v, options.day_first), required=True)
    if when is not None and when.other is not None:
        written = str(row.cells.get(columns["awarded_on"], "")).strip()
        result.ambiguous.append(AmbiguousDate(row.where, written, when.day, when.other))
    shares = cell("cluster", lambda v: parse_shares(v, options.clusters), default=None)
    if shares is None and options.default_cluster and not _has_cell(row, columns, "cluster"):
        shares = ((options.default_cluster, Decimal(100)),)
    application_id = cell("application", lambda v: _application(v, options.applications))
    missing = None
    assert result.rates_used is not None  # set before the rows are read
    table = result.rates_used.table
    if when is not None and table.rate(currency, when.day) is None:
        first = table.first_date(currency)
        before = f" before {first.isoformat()}" if first and when.day < first else ""
        title = columns.get("currency", headers["currency"])
        missing = (
            row_problem(
                file,
                row.where,
                title,
                f"no exchange rate for {currency}{before}; give one, e.g. {currency}=1.68 ({reporting} for one unit)",
            ),
            when.day,
        )
    if problems or missing or when is None:
        return None, problems, missing
    converted = result.rates_used.convert(amount, currency, when.day)
    assert converted is not None  # a rate covers it: checked above
    identifier = values["identifier"]
    return (
        AwardRow(
            identifier=identifier,
            title=values["title"] or identifier,
            description=description,
            currency=currency,
            amount=amount,
            amount_nzd=converted,
            amount_applied_for=applied_for,
            awarded_on=when.day,
            awarded_precision=when.precision.value,
            recipient_org=values["recipient_name"],
            recipient_id=values["recipient_id"],
            locality=values["locality"],
            postcode=values["postcode"],
            region=values["region"],
            country=values["country"],
            lead=values["lead"],
            funder_name=values["funder"] or NO_FUNDER,
            scheme=values["scheme"],
            shares=shares or (),
            application_id=application_id,
            where=row.where,
        ),
        [],
        None,
    )


def _application(value: Any, known: frozenset[int] | None) -> int:
    match = _APPLICATION.match(str(value).strip())
    if match is None:
        raise ValueError(f"{str(value).strip()!r} is not an application number (e.g. RCW-APP-12 or 12)")
    number = int(match[1])
    if known is not None and number not in known:
        raise ValueError(f"there is no application {number}")
    return number


def _has_cell(row: SourceRow, columns: dict[str, str], name: str) -> bool:
    return name in columns and not is_blank(row.cells.get(columns[name]))


def _text(name: str) -> Callable[[Any], str]:
    return _TEXT_PARSERS[name]


def _text_parser(limit: int | None) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = str(value).strip()
        if limit and len(text) > limit:
            raise ValueError(f"is {len(text)} characters long; at most {limit} fit")
        return text

    return parse


_TEXT_PARSERS = {name: _text_parser(limit) for name, limit in TEXT_LIMITS.items()}


def _net_duplicates(file: str, awards: list[AwardRow]) -> tuple[list[AwardRow], list[tuple[Problem, list[str]]]]:
    by_id: dict[str, list[AwardRow]] = {}
    for award in awards:
        by_id.setdefault(award.identifier, []).append(award)
    netted: list[AwardRow] = []
    problems: list[tuple[Problem, list[str]]] = []
    for identifier, group in by_id.items():
        if len(group) == 1:
            netted.append(group[0])
            continue
        positive = [a for a in group if a.amount >= 0]
        places = ", ".join(a.where for a in group)
        wheres = [a.where for a in group]
        if len(positive) > 1:
            problems.append(
                (
                    Problem(
                        f"{file}, {places}",
                        f"identifier {identifier!r} is used by more than "
                        "one award; only negative rows (de-commitments) may repeat an identifier",
                    ),
                    wheres,
                )
            )
        elif len({a.currency for a in group}) > 1:
            problems.append(
                (
                    Problem(f"{file}, {places}", f"identifier {identifier!r} is netted across different currencies"),
                    wheres,
                )
            )
        else:
            base = positive[0] if positive else group[0]
            netted.append(
                replace(
                    base,
                    amount=sum((a.amount for a in group), Decimal(0)),
                    amount_nzd=sum((a.amount_nzd for a in group), Decimal(0)),
                    where=places,
                )
            )
    return netted, problems
