"""Importing funding rounds from a file: check every row, then write all of them or none.

A row is the same round as one already saved when funder, scheme and closing date
(in the round's zone) match: it is updated, never duplicated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from research.db.models import Cluster, Funder, FundingRound, RoundMilestone, round_clusters
from research.db.uow import UnitOfWork
from research.domain.clock import utcnow
from research.domain.errors import Problem
from research.domain.roles import Action, require
from research.domain.round_import import (
    ImportIssue,
    Lookups,
    RowReader,
    check_mapping,
    name_key,
    round_key,
)
from research.domain.round_rules import DEFAULT_OFFSETS, LABELS, RoundInput, effective_offsets
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.rounds.editing import column_values
from research.services.rounds.files import RoundTable

Progress = Callable[[float, str], None]
PROGRESS_EVERY = 2000
WRITE_CHUNK = 5000
Tick = Callable[[int, str], None]


@dataclass(frozen=True)
class ImportReport:
    filename: str
    rows: int
    to_create: int
    to_update: int
    issues: tuple[ImportIssue, ...] = ()
    written: bool = False
    bad_rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def problems(self) -> list[Problem]:
        return [issue.problem(self.filename) for issue in self.issues]


@dataclass
class _Plan:
    creates: list[RoundInput] = field(default_factory=list)
    updates: list[tuple[int, RoundInput]] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    bad_rows: int = 0


def _lookups(session: Session) -> Lookups:
    funders = {name_key(name): i for i, name in session.execute(select(Funder.id, Funder.name))}
    clusters = dict(session.execute(select(Cluster.id, Cluster.name)).all())
    return Lookups(funders, {name_key(n): i for i, n in clusters.items()}, tuple(sorted(clusters.values())))


def _existing(session: Session) -> dict[tuple[int, str, date], int]:
    rows = session.execute(select(FundingRound.id, FundingRound.funder_id, FundingRound.scheme, FundingRound.closes_on))
    return {(funder_id, name_key(scheme), closes_on): i for i, funder_id, scheme, closes_on in rows}


def _plan(session: Session, table: RoundTable, mapping: Mapping[str, str | None], progress: Progress | None) -> _Plan:
    plan = _Plan()
    mapping_problems = check_mapping(mapping, list(table.headers))
    if mapping_problems:
        plan.issues = [ImportIssue(None, p.where, p.reason) for p in mapping_problems]
        return plan
    reader = RowReader(mapping, _lookups(session), table.line_word)
    existing, seen = _existing(session), dict[tuple[int, str, date], int]()
    columns = {key: table.frame[column].tolist() for key, column in mapping.items() if column}
    for index, line in enumerate(table.lines):
        if progress and index % PROGRESS_EVERY == 0:
            progress(index / table.rows, f"Checking {table.line_word} {line:,} of {table.rows:,}")
        round_input, problems = reader.read({key: values[index] for key, values in columns.items()}, line)
        if round_input is not None:
            key = round_key(round_input)
            if key in seen:
                problems = [
                    reader.issue(
                        line,
                        "closes",
                        f"is the same round as {table.line_word} {seen[key]} (same funder, scheme and closing date)",
                    )
                ]
            else:
                seen[key] = line
                if key in existing:
                    plan.updates.append((existing[key], round_input))
                else:
                    plan.creates.append(round_input)
        if problems:
            plan.bad_rows += 1
            plan.issues += problems
    return plan


def _report(table: RoundTable, plan: _Plan, written: bool) -> ImportReport:
    return ImportReport(
        table.filename, table.rows, len(plan.creates), len(plan.updates), tuple(plan.issues), written, plan.bad_rows
    )


def check_import(
    uow: UnitOfWork,
    actor: Actor,
    table: RoundTable,
    mapping: Mapping[str, str | None],
    progress: Progress | None = None,
) -> ImportReport:
    """What an import would do, and every problem with the file; writes nothing."""
    require(actor.role, Action.MANAGE_ROUNDS)
    with uow as session:
        plan = _plan(session, table, mapping, progress)
        session.rollback()
    return _report(table, plan, written=False)


def import_rounds(
    uow: UnitOfWork,
    actor: Actor,
    table: RoundTable,
    mapping: Mapping[str, str | None],
    progress: Progress | None = None,
) -> ImportReport:
    """Check every row, then write them all in one transaction.

    Any bad row writes nothing: the report then lists every problem and `written` is False.
    """
    require(actor.role, Action.MANAGE_ROUNDS)
    with uow as session:
        plan = _plan(session, table, mapping, progress)
        if plan.issues:
            session.rollback()
            return _report(table, plan, written=False)
        _write(session, plan, progress)
        record(
            session,
            actor.audit_id,
            "imported funding rounds",
            "funding_round",
            None,
            file=table.filename,
            created=len(plan.creates),
            updated=len(plan.updates),
        )
    return _report(table, plan, written=True)


def _write(session: Session, plan: _Plan, progress: Progress | None) -> None:
    def tick(done: int, text: str) -> None:
        if progress:
            progress(done / max(1, len(plan.creates) + len(plan.updates)), text)

    created_ids = _insert(session, plan.creates, tick)
    _update(session, plan.updates, lambda done, text: tick(len(plan.creates) + done, text))
    pairs = list(zip(created_ids, plan.creates, strict=True)) + plan.updates
    _write_links(session, [i for i, _ in plan.updates], pairs)
    tick(len(plan.creates) + len(plan.updates), "Saving")


def _insert(session: Session, creates: list[RoundInput], tick: Tick) -> list[int]:
    """The new rounds, by plain executemany; their ids are then found by each round's unique key
    (RETURNING with ordered parameters would make SQLite insert one row per statement)."""
    table = FundingRound.metadata.tables[FundingRound.__tablename__]
    last_id = session.scalar(select(func.max(table.c.id))) or 0
    for start in range(0, len(creates), WRITE_CHUNK):
        chunk = creates[start : start + WRITE_CHUNK]
        tick(start, f"Adding rounds {start + 1:,}–{start + len(chunk):,}")
        session.execute(insert(table), [column_values(r) for r in chunk])
    new_ids = {
        (funder_id, scheme, closes_on): i
        for i, funder_id, scheme, closes_on in session.execute(
            select(table.c.id, table.c.funder_id, table.c.scheme, table.c.closes_on).where(table.c.id > last_id)
        )
    }
    return [new_ids[(r.funder_id, column_values(r)["scheme"], r.closes_on)] for r in creates]


def _update(session: Session, updates: list[tuple[int, RoundInput]], tick: Tick) -> None:
    table = FundingRound.metadata.tables[FundingRound.__tablename__]
    by_id = update(table).where(table.c.id == bindparam("round_id"))
    now = utcnow()
    for start in range(0, len(updates), WRITE_CHUNK):
        chunk = updates[start : start + WRITE_CHUNK]
        tick(start, f"Updating rounds {start + 1:,}–{start + len(chunk):,}")
        session.execute(by_id, [{"round_id": i, **column_values(r), "updated_at": now} for i, r in chunk])


def _write_links(session: Session, updated_ids: list[int], pairs: list[tuple[int, RoundInput]]) -> None:
    """Clusters of every imported round, and milestone offsets where the file gave them."""
    for start in range(0, len(updated_ids), WRITE_CHUNK):
        ids = updated_ids[start : start + WRITE_CHUNK]
        session.execute(delete(round_clusters).where(round_clusters.c.round_id.in_(ids)))
    links = [{"round_id": i, "cluster_id": c} for i, r in pairs for c in r.cluster_ids]
    if links:
        session.execute(insert(round_clusters), links)
    with_offsets = [(i, effective_offsets(r.offsets)) for i, r in pairs if r.offsets is not None]
    for start in range(0, len(with_offsets), WRITE_CHUNK):
        ids = [i for i, _ in with_offsets[start : start + WRITE_CHUNK]]
        session.execute(delete(RoundMilestone).where(RoundMilestone.round_id.in_(ids)))
    milestones = [
        {"round_id": i, "kind": kind, "label": LABELS[kind], "working_days_before": days}
        for i, offsets in with_offsets
        if offsets != DEFAULT_OFFSETS
        for kind, days in offsets.items()
    ]
    if milestones:
        session.execute(insert(RoundMilestone), milestones)
