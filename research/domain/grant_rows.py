"""Checking the rows of a cluster-grants file (the unit's own ledger, in the reporting currency)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from research.domain.award_rows import CellReader, SourceRow
from research.domain.column_mapping import ImportField
from research.domain.date_precision import DatePrecision
from research.domain.date_values import AmbiguousDate, PreciseDate, parse_precise_date
from research.domain.errors import Problem
from research.domain.locale import workspace_locale
from research.domain.money import format_money, parse_currency, parse_money
from research.domain.roi import financial_year_of, parse_financial_year
from research.domain.row_problems import CheckedRows, RowProblem, row_problem

GRANT_FIELDS = (
    ImportField("cluster", "Cluster", True, ("Cluster name",), "A cluster recorded in the workspace."),
    ImportField("amount", "Amount", True, ("Grant", "Amount granted", "Value"), "In the reporting currency."),
    ImportField("currency", "Currency", False, ("ccy",), "Must be the reporting currency when given."),
    ImportField(
        "granted_on",
        "Date",
        True,
        ("Granted on", "Grant date", "Date granted"),
        "2023-06-15 or 15/06/2023 (or 6/15/2023 with --month-first).",
    ),
    ImportField("financial_year", "Financial year", False, ("FY",), "2022/23; blank: from the date."),
    ImportField("purpose", "Purpose", False, ("Description",)),
    ImportField(
        "reference", "Reference", False, ("Identifier",), "Unique per grant; a reference already recorded is updated."
    ),
)
GRANT_HEADERS = {f.key: f.header for f in GRANT_FIELDS}


@dataclass(frozen=True)
class GrantRow:
    reference: str
    cluster: str
    amount: Decimal
    granted_on: date
    financial_year: str
    purpose: str
    where: str


CheckedGrants = CheckedRows[GrantRow]


def check_grant_rows(
    file: str,
    columns: dict[str, str],
    rows: Iterable[SourceRow],
    clusters: dict[str, str],
    day_first: bool = True,
    skip_duplicates: bool = False,
) -> CheckedGrants:
    """Every row checked against `columns` (field -> the file's column title, already checked)."""
    result = CheckedGrants()
    seen: dict[str, str] = {}
    digests: dict[int, str] = {}
    for row in rows:
        result.read += 1
        if row.digest is not None and row.digest in digests:
            result.duplicates.append((row.where, digests[row.digest]))
            if not skip_duplicates:
                _bad(
                    result,
                    row_problem(
                        file,
                        row.where,
                        "",
                        f"is an exact duplicate of {digests[row.digest]}",
                        "exact duplicate of an earlier row",
                    ),
                )
            continue
        if row.digest is not None:
            digests[row.digest] = row.where
        grant, row_problems = _check_row(file, row, columns, clusters, day_first, result.ambiguous)
        if grant and grant.reference in seen:
            row_problems.append(
                row_problem(
                    file,
                    row.where,
                    "",
                    f"repeats the grant on {seen[grant.reference]} "
                    f"({grant.reference}); give each grant its own Reference",
                )
            )
        elif grant:
            seen[grant.reference] = row.where
            result.rows.append(grant)
        for problem in row_problems:
            _bad(result, problem)
    if not result.read:
        result.problems.append(Problem(file, "there are no grants in the file"))
    return result


def _bad(result: CheckedGrants, problem: Problem) -> None:
    result.problems.append(problem)
    if isinstance(problem, RowProblem):
        column = f"{problem.column}: " if problem.column else ""
        before = result.bad.get(problem.row)
        result.bad[problem.row] = f"{before}; {column}{problem.reason}" if before else f"{column}{problem.reason}"


def _check_row(
    file: str,
    row: SourceRow,
    columns: dict[str, str],
    clusters: dict[str, str],
    day_first: bool,
    ambiguous: list[AmbiguousDate],
) -> tuple[GrantRow | None, list[Problem]]:
    cell = CellReader(file, row, columns, GRANT_HEADERS)
    problems = cell.problems

    cluster = cell("cluster", lambda v: _cluster(v, clusters), required=True)
    amount = cell("amount", grant_amount, required=True)
    cell("currency", _reporting_only)
    when: PreciseDate | None = cell("granted_on", lambda v: _day(v, day_first), required=True)
    if when is not None and when.other is not None:
        written = str(row.cells.get(columns["granted_on"], "")).strip()
        ambiguous.append(AmbiguousDate(row.where, written, when.day, when.other))
    year = cell("financial_year", _financial_year)
    purpose = cell("purpose", lambda v: str(v).strip()) or ""
    reference = cell("reference", lambda v: _limited(v, 200))
    if problems or when is None:
        return None, problems
    granted_on = when.day
    # Whole amounts without cents, as the references made before amounts were quantized read.
    shown = f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount}"
    reference = reference or f"{cluster}|{granted_on.isoformat()}|{shown}"
    return GrantRow(
        reference, cluster, amount, granted_on, year or financial_year_of(granted_on), purpose, row.where
    ), []


def _cluster(value: Any, clusters: dict[str, str]) -> str:
    name = str(value).strip()
    if name.lower() not in clusters:
        known = ", ".join(sorted(clusters.values())) or "none yet"
        raise ValueError(f"there is no cluster called {name!r} (clusters: {known})")
    return clusters[name.lower()]


def grant_amount(value: Any) -> Decimal:
    """A grant's amount: in the reporting currency, more than nothing (the form and the import alike)."""
    amount = parse_money(value, workspace_locale().currency)
    if amount == 0:
        raise ValueError(f"a grant of {format_money(0)} records nothing")
    return amount


def _day(value: Any, day_first: bool) -> PreciseDate:
    """A grant is paid on a day: a month or a year alone is not enough."""
    found = parse_precise_date(value, day_first)
    if found.precision != DatePrecision.DAY:
        raise ValueError(f"{str(value).strip()!r} names a {found.precision.value}, not the day the grant was made")
    return found


def _reporting_only(value: Any) -> str:
    code, reporting = parse_currency(value), workspace_locale().currency
    if code != reporting:
        raise ValueError(f"cluster grants are the unit's own money and recorded in {reporting}, not {code}")
    return code


def _financial_year(value: Any) -> str:
    year = parse_financial_year(str(value))
    if year is None:
        raise ValueError(f"{value!r} is not a financial year; write it as 2022/23")
    return year


def _limited(value: Any, limit: int) -> str:
    text = str(value).strip()
    if len(text) > limit:
        raise ValueError(f"is {len(text)} characters long; at most {limit} fit")
    return text
