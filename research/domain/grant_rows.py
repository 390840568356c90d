"""Checking the rows of a cluster-grants file (the unit's own ledger, in NZD)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from research.domain.award_rows import CellReader, SourceRow
from research.domain.errors import Problem
from research.domain.giving360 import normalise
from research.domain.ledger_values import parse_currency, parse_date, parse_money
from research.domain.roi import financial_year_of, parse_financial_year

GRANT_COLUMNS: dict[str, tuple[str, ...]] = {
    "cluster": ("Cluster",),
    "amount": ("Amount",),
    "currency": ("Currency",),
    "granted_on": ("Date", "Granted on", "Grant date"),
    "financial_year": ("Financial year", "FY"),
    "purpose": ("Purpose", "Description"),
    "reference": ("Reference", "Identifier"),
}
REQUIRED = ("cluster", "amount", "granted_on")
_LOOKUP = {normalise(t): field for field, titles in GRANT_COLUMNS.items() for t in titles}


@dataclass(frozen=True)
class GrantRow:
    reference: str
    cluster: str
    amount: Decimal
    granted_on: date
    financial_year: str
    purpose: str
    where: str


def check_grant_rows(
    file: str, titles: list[str], rows: list[SourceRow], clusters: dict[str, str]
) -> tuple[list[GrantRow], list[Problem]]:
    columns: dict[str, str] = {}
    for title in titles:
        columns.setdefault(_LOOKUP.get(normalise(title), ""), title)
    missing = [GRANT_COLUMNS[f][0] for f in REQUIRED if f not in columns]
    if missing:
        return [], [Problem(file, f"missing column {title!r}") for title in missing]
    if not rows:
        return [], [Problem(file, "there are no grants in the file")]
    good: list[GrantRow] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for row in rows:
        grant, row_problems = _check_row(file, row, columns, clusters)
        if grant and grant.reference in seen:
            row_problems.append(
                Problem(
                    f"{file}, {row.where}",
                    f"repeats the grant on {seen[grant.reference]} "
                    f"({grant.reference}); give each grant its own Reference",
                )
            )
        elif grant:
            seen[grant.reference] = row.where
            good.append(grant)
        problems += row_problems
    return good, problems


def _check_row(
    file: str, row: SourceRow, columns: dict[str, str], clusters: dict[str, str]
) -> tuple[GrantRow | None, list[Problem]]:
    cell = CellReader(file, row, columns, GRANT_COLUMNS)
    problems = cell.problems

    cluster = cell("cluster", lambda v: _cluster(v, clusters), required=True)
    amount = cell("amount", _nonzero_money, required=True)
    cell("currency", _nzd_only)
    granted_on = cell("granted_on", parse_date, required=True)
    year = cell("financial_year", _financial_year)
    purpose = cell("purpose", lambda v: str(v).strip()) or ""
    reference = cell("reference", lambda v: _limited(v, 200))
    if problems:
        return None, problems
    reference = reference or f"{cluster}|{granted_on.isoformat()}|{amount}"
    return GrantRow(
        reference, cluster, amount, granted_on, year or financial_year_of(granted_on), purpose, row.where
    ), []


def _cluster(value: Any, clusters: dict[str, str]) -> str:
    name = str(value).strip()
    if name.lower() not in clusters:
        known = ", ".join(sorted(clusters.values())) or "none yet"
        raise ValueError(f"there is no cluster called {name!r} (clusters: {known})")
    return clusters[name.lower()]


def _nonzero_money(value: Any) -> Decimal:
    amount = parse_money(value)
    if amount == 0:
        raise ValueError("a grant of $0 records nothing")
    return amount


def _nzd_only(value: Any) -> str:
    code = parse_currency(value)
    if code != "NZD":
        raise ValueError(f"cluster grants are the unit's own money and recorded in NZD, not {code}")
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
