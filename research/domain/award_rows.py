"""Checking the rows of an awards file: every row is checked, every problem named by line and column.

Rows that share an identifier are netted when the extra ones are negative (a de-commitment
published as its own row); two positive rows with one identifier are refused as a double count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from research.domain.errors import Problem
from research.domain.giving360 import FIELD_COLUMNS, map_columns, missing_required
from research.domain.ledger_values import is_blank, parse_date, parse_shares
from research.domain.locale import workspace_locale
from research.domain.money import parse_currency, parse_money
from research.domain.rates import RateTable

TEXT_LIMITS = {"identifier": 200, "title": 400, "funder_name": 200, "scheme": 200, "recipient_org": 200}


@dataclass(frozen=True)
class SourceRow:
    """One row of a file: where it is ('line 3', 'grant 3') and its cells by column title."""

    where: str
    cells: dict[str, Any]


class CellReader:
    """Reads a row's cells by field, noting a Problem (file, line, column) for each bad or missing one."""

    def __init__(self, file: str, row: SourceRow, columns: dict[str, str], titles: dict[str, tuple[str, ...]]):
        self.file, self.row, self.columns, self.titles = file, row, columns, titles
        self.problems: list[Problem] = []

    def __call__(self, field: str, parse: Callable[[Any], Any], required: bool = False, default: Any = None) -> Any:
        title = self.columns.get(field, self.titles[field][0])
        value = self.row.cells.get(title) if field in self.columns else None
        if is_blank(value):
            if required:
                self.problems.append(Problem(f"{self.file}, {self.row.where}, column {title!r}", "is empty"))
            return default
        try:
            return parse(value)
        except ValueError as exc:
            self.problems.append(Problem(f"{self.file}, {self.row.where}, column {title!r}", str(exc)))
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


@dataclass(frozen=True)
class AwardFileOptions:
    rates: dict[str, Decimal]  # flat rates (--rate USD=1.68): over the dated table
    clusters: dict[str, str]  # lower-case name -> name as recorded
    default_cluster: str | None = None
    table: RateTable | None = None  # the stored dated rates: an award converts at the rate of its date


def check_award_rows(
    file: str, titles: list[str], rows: list[SourceRow], options: AwardFileOptions
) -> tuple[list[AwardRow], list[Problem]]:
    columns = map_columns(titles)
    missing = missing_required(columns)
    if missing:
        return [], [Problem(file, f"missing column {title!r}") for title in missing]
    if not rows:
        return [], [Problem(file, "there are no awards in the file")]
    good, problems = [], []
    for row in rows:
        award, row_problems = _check_row(file, row, columns, options)
        problems += row_problems
        if award:
            good.append(award)
    netted, net_problems = _net_duplicates(file, good)
    return netted, problems + net_problems


def _check_row(
    file: str, row: SourceRow, columns: dict[str, str], options: AwardFileOptions
) -> tuple[AwardRow | None, list[Problem]]:
    cell = CellReader(file, row, columns, FIELD_COLUMNS)
    problems = cell.problems

    values = {
        field: cell(field, _text(field), required=field in ("identifier", "title", "funder_name"), default="")
        for field in (*TEXT_LIMITS, "description")
    }
    reporting = workspace_locale().currency
    currency = cell("currency", parse_currency, default=reporting)
    # A negative award is a de-commitment, netted against its identifier's other rows.
    amount = cell("amount", lambda v: parse_money(v, currency, allow_negative=True), required=True)
    applied_for = cell("amount_applied_for", lambda v: parse_money(v, currency))
    awarded_on = cell("awarded_on", parse_date, required=True)
    shares = cell("clusters", lambda v: parse_shares(v, options.clusters), default=None)
    if shares is None and options.default_cluster and not _has_cell(row, columns, "clusters"):
        shares = ((options.default_cluster, Decimal(100)),)
    table = options.table or RateTable(reporting, (), options.rates)
    rate = table.rate(currency, awarded_on) if awarded_on is not None else None
    if rate is None and awarded_on is not None:
        title = columns.get("currency", "Currency")
        first = table.first_date(currency)
        when = f" before {first.isoformat()}" if first else ""
        problems.append(
            Problem(
                f"{file}, {row.where}, column {title!r}",
                f"no exchange rate for {currency}{when}; give one, e.g. {currency}=1.68 ({reporting} for one unit)",
            )
        )
    if problems or rate is None:
        return None, problems
    return AwardRow(
        amount=amount,
        amount_nzd=rate.convert(amount),
        currency=currency,
        amount_applied_for=applied_for,
        awarded_on=awarded_on,
        shares=shares or (),
        where=row.where,
        **values,
    ), []


def _has_cell(row: SourceRow, columns: dict[str, str], field: str) -> bool:
    return field in columns and not is_blank(row.cells.get(columns[field]))


def _text(field: str) -> Callable[[Any], str]:
    limit = TEXT_LIMITS.get(field)

    def parse(value: Any) -> str:
        text = str(value).strip()
        if limit and len(text) > limit:
            raise ValueError(f"is {len(text)} characters long; at most {limit} fit")
        return text

    return parse


def _net_duplicates(file: str, awards: list[AwardRow]) -> tuple[list[AwardRow], list[Problem]]:
    by_id: dict[str, list[AwardRow]] = {}
    for award in awards:
        by_id.setdefault(award.identifier, []).append(award)
    netted, problems = [], []
    for identifier, group in by_id.items():
        if len(group) == 1:
            netted.append(group[0])
            continue
        positive = [a for a in group if a.amount >= 0]
        places = ", ".join(a.where for a in group)
        if len(positive) > 1:
            problems.append(
                Problem(
                    f"{file}, {places}",
                    f"identifier {identifier!r} is used by more than "
                    "one award; only negative rows (de-commitments) may repeat an identifier",
                )
            )
        elif len({a.currency for a in group}) > 1:
            problems.append(
                Problem(f"{file}, {places}", f"identifier {identifier!r} is netted across different currencies")
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
