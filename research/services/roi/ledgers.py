"""The unit's grants to clusters: listed, entered, edited, removed and imported by managers only."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from research.adapters.table_files import open_table
from research.db.models import Cluster, ClusterGrant
from research.db.uow import UnitOfWork
from research.domain.clock import utcnow
from research.domain.date_values import ambiguity_note
from research.domain.errors import InvalidInput, NotFound, Problem
from research.domain.grant_rows import GRANT_FIELDS, GrantRow, check_grant_rows, grant_amount
from research.domain.import_kinds import ImportKind
from research.domain.ledger_values import parse_date
from research.domain.roi import financial_year_of, parse_financial_year
from research.domain.roles import Action, require
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.common.import_choices import ImportChoices
from research.services.common.import_profiles import file_mapping
from research.services.common.table_import import TableImportReport


@dataclass(frozen=True)
class GrantView:
    id: int
    cluster: str
    amount: Decimal
    currency: str
    granted_on: date
    financial_year: str
    purpose: str
    reference: str | None


@dataclass(frozen=True)
class GrantInput:
    """A grant as typed into the form: text, so amounts stay exact and mistakes get a reason."""

    cluster: str
    amount: str
    granted_on: date | str | None
    purpose: str = ""
    financial_year: str = ""


@dataclass(frozen=True)
class GrantImportReport(TableImportReport[GrantRow]):
    @property
    def total(self) -> Decimal:
        return sum((r.amount for r in self.rows), Decimal(0))


def cluster_names(session: Session) -> dict[str, str]:
    return {name.lower(): name for name in session.scalars(select(Cluster.name))}


def list_grants(uow: UnitOfWork, actor: Actor) -> list[GrantView]:
    require(actor.role, Action.MANAGE_LEDGERS)
    with uow as session:
        rows = session.execute(
            select(ClusterGrant, Cluster.name)
            .join(Cluster)
            .order_by(ClusterGrant.granted_on.desc(), ClusterGrant.id.desc())
        ).all()
        return [
            GrantView(g.id, name, g.amount, g.currency, g.granted_on, g.financial_year, g.purpose, g.reference)
            for g, name in rows
        ]


def add_grant(uow: UnitOfWork, actor: Actor, entry: GrantInput) -> int:
    require(actor.role, Action.MANAGE_LEDGERS)
    with uow as session:
        cluster_id, amount, granted_on, year = _checked(session, entry)
        grant = ClusterGrant(
            cluster_id=cluster_id,
            amount=amount,
            granted_on=granted_on,
            financial_year=year,
            purpose=entry.purpose.strip(),
            created_by_id=actor.id,
        )
        session.add(grant)
        session.flush()
        record(
            session,
            actor.audit_id,
            "added cluster grant",
            "cluster_grant",
            grant.id,
            cluster=entry.cluster,
            amount=str(amount),
            granted_on=granted_on.isoformat(),
        )
        return grant.id


def update_grant(uow: UnitOfWork, actor: Actor, grant_id: int, entry: GrantInput) -> int:
    require(actor.role, Action.MANAGE_LEDGERS)
    with uow as session:
        grant = _grant(session, grant_id)
        before = {"amount": str(grant.amount), "granted_on": grant.granted_on.isoformat()}
        grant.cluster_id, grant.amount, grant.granted_on, grant.financial_year = _checked(session, entry)
        grant.purpose = entry.purpose.strip()
        grant.updated_at = utcnow()
        record(
            session,
            actor.audit_id,
            "changed cluster grant",
            "cluster_grant",
            grant.id,
            before=before,
            cluster=entry.cluster,
            amount=str(grant.amount),
            granted_on=grant.granted_on.isoformat(),
        )
        return grant.id


def delete_grant(uow: UnitOfWork, actor: Actor, grant_id: int) -> int:
    require(actor.role, Action.MANAGE_LEDGERS)
    with uow as session:
        grant = _grant(session, grant_id)
        record(
            session,
            actor.audit_id,
            "removed cluster grant",
            "cluster_grant",
            grant.id,
            amount=str(grant.amount),
            granted_on=grant.granted_on.isoformat(),
            purpose=grant.purpose,
        )
        session.delete(grant)
        return grant_id


def import_grants(
    uow: UnitOfWork,
    actor: Actor,
    filename: str,
    content: bytes,
    dry_run: bool = False,
    choices: ImportChoices | None = None,
) -> GrantImportReport:
    """Check every row, then write all of them or none (or, when chosen, the good rows)."""
    require(actor.role, Action.MANAGE_LEDGERS)
    choices = choices or ImportChoices()
    table = open_table(filename, content, choices.header_row)
    with uow as session:
        clusters = cluster_names(session)
        mapping, mapping_problems = file_mapping(
            session, ImportKind.GRANTS, GRANT_FIELDS, filename, table.titles, choices
        )
        base = GrantImportReport.of_file(filename, table, mapping, mapping_problems)
        if mapping_problems:
            return base
        columns = {k: c for k, c in mapping.items() if c}
        checked = check_grant_rows(
            filename, columns, table.rows(set(columns.values())), clusters, choices.day_first, choices.skip_duplicates
        )
        rows = checked.rows
        existing = _existing(session, [r.reference for r in rows])
        notes = [*table.notes, ambiguity_note(checked.ambiguous, choices.day_first)]
        if checked.duplicates and choices.skip_duplicates:
            notes.append(f"{len(checked.duplicates):,} exact duplicate row(s) skipped.")
        report = base.checked(table, checked, len(existing), notes, choices.good_rows_only)
        if report.blocked or dry_run:
            return report
        ids = {c.name: c.id for c in session.scalars(select(Cluster))}
        for row in rows:
            grant = existing.get(row.reference) or ClusterGrant(reference=row.reference, created_by_id=actor.audit_id)
            grant.cluster_id, grant.amount, grant.granted_on = ids[row.cluster], row.amount, row.granted_on
            grant.financial_year, grant.purpose = row.financial_year, row.purpose
            grant.updated_at = utcnow() if grant.id else None
            session.add(grant)
        record(
            session,
            actor.audit_id,
            "imported cluster grants",
            "cluster_grant",
            None,
            file=filename,
            created=report.to_create,
            updated=report.to_update,
            total=str(report.total),
            good_rows_only=choices.good_rows_only,
            bad_rows_left_out=report.bad_rows,
            duplicates_skipped=len(checked.duplicates) if choices.skip_duplicates else 0,
            via="command line" if actor.is_operator else "app",
        )
        return replace(report, written=True)


def _existing(session: Session, references: list[str]) -> dict[str, ClusterGrant]:
    found: dict[str, ClusterGrant] = {}
    for start in range(0, len(references), 500):
        chunk = references[start : start + 500]
        found.update(
            {
                g.reference: g
                for g in session.scalars(select(ClusterGrant).where(ClusterGrant.reference.in_(chunk)))
                if g.reference is not None
            }
        )
    return found


def _grant(session: Session, grant_id: int) -> ClusterGrant:
    grant = session.get(ClusterGrant, grant_id)
    if grant is None:
        raise NotFound("That cluster grant no longer exists; it may have been removed.")
    return grant


def _checked(session: Session, entry: GrantInput) -> tuple[int, Decimal, date, str]:
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for name, label, parse in (("amount", "Amount", grant_amount), ("granted_on", "Date", parse_date)):
        raw = getattr(entry, name)
        if raw in (None, ""):
            problems.append(Problem(label, "is required"))
            continue
        try:
            values[name] = parse(raw)
        except ValueError as exc:
            problems.append(Problem(label, str(exc)))
    cluster_id = session.scalar(select(Cluster.id).where(func.lower(Cluster.name) == entry.cluster.strip().lower()))
    if cluster_id is None:
        problems.append(Problem("Cluster", f"there is no cluster called {entry.cluster!r}"))
    year = parse_financial_year(entry.financial_year) if entry.financial_year.strip() else None
    if entry.financial_year.strip() and year is None:
        problems.append(
            Problem("Financial year", f"{entry.financial_year!r} is not a financial year; write it as 2022/23")
        )
    if problems:
        raise InvalidInput(problems)
    assert cluster_id is not None  # refused above
    return cluster_id, values["amount"], values["granted_on"], year or financial_year_of(values["granted_on"])


def list_clusters(uow: UnitOfWork, actor: Actor) -> list[str]:
    require(actor.role, Action.MANAGE_LEDGERS)
    with uow as session:
        return list(session.scalars(select(Cluster.name).order_by(Cluster.name)))
