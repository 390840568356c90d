"""Importing funding rounds from a file: check every row, then write all of them or none.

A row is the same round as one already saved when funder, scheme and closing date
(in the round's zone) match: it is updated, never duplicated.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from research.adapters.close_names import closest
from research.db.models import Cluster, Funder, FunderAlias, FundingRound, RoundMilestone, round_clusters
from research.db.uow import UnitOfWork
from research.domain.clock import utcnow
from research.domain.date_values import AmbiguousDate, ambiguity_note
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
from research.domain.round_rules import DEFAULT_OFFSETS, LABELS, RoundInput, effective_offsets, normalise_text
from research.domain.row_problems import grouped, row_problem
from research.domain.sheet_text import marked
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
    # Funders the file names that are not recorded (name, a close recorded name or None), and those created.
    unknown_funders: tuple[tuple[str, str | None], ...] = ()
    created_funders: tuple[str, ...] = ()
    duplicates: tuple[tuple[int, int], ...] = ()  # (line, the earlier line it repeats exactly)
    notes: tuple[str, ...] = ()
    good_rows_only: bool = False
    bad_file: bytes | None = None

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def blocked(self) -> bool:
        """Nothing may be written: the mapping is wrong, or rows are bad and only all rows may go."""
        good = self.to_create + self.to_update
        return bool(self.issues) and not (self.good_rows_only and good and self.bad_rows)

    @property
    def problems(self) -> list[Problem]:
        return [issue.problem(self.filename) for issue in self.issues]

    @property
    def summary(self) -> list[str]:
        """The problems, each repeated one told once with its row count."""
        return grouped(self.filename, [_row_problem(self.filename, i) for i in self.issues])


def _row_problem(filename: str, issue: ImportIssue) -> Problem:
    if issue.line is None:
        return issue.problem(filename)
    problem = row_problem(filename, f"{issue.line_word} {issue.line}", issue.column, issue.reason)
    # Rounds name their places 'file line 3' (no comma), as they always have.
    return replace(problem, where=issue.problem(filename).where)


@dataclass
class _Plan:
    creates: list[RoundInput] = field(default_factory=list)
    updates: list[tuple[int, RoundInput]] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    bad_rows: int = 0
    bad_lines: dict[int, str] = field(default_factory=dict)
    unknown_funders: dict[str, str | None] = field(default_factory=dict)
    created_funders: list[str] = field(default_factory=list)
    duplicates: list[tuple[int, int]] = field(default_factory=list)
    ambiguous: list[AmbiguousDate] = field(default_factory=list)


@dataclass(frozen=True)
class RoundImportOptions:
    """The shared import choices that apply to rounds, and whether to create the funders a file names."""

    day_first: bool = True
    skip_duplicates: bool = False
    good_rows_only: bool = False
    create_funders: bool = False


def _lookups(session: Session) -> Lookups:
    funders = {name_key(name): i for i, name in session.execute(select(Funder.id, Funder.name))}
    # Aliases ('MBIE') find their funder too; a funder's own name wins over another's alias.
    for funder_id, key in session.execute(select(FunderAlias.funder_id, FunderAlias.key)):
        funders.setdefault(key, funder_id)
    clusters = dict(session.execute(select(Cluster.id, Cluster.name)).all())
    return Lookups(funders, {name_key(n): i for i, n in clusters.items()}, tuple(sorted(clusters.values())))


def _existing(session: Session) -> dict[tuple[int, str, date], int]:
    rows = session.execute(select(FundingRound.id, FundingRound.funder_id, FundingRound.scheme, FundingRound.closes_on))
    return {(funder_id, name_key(scheme), closes_on): i for i, funder_id, scheme, closes_on in rows}


def _plan(
    session: Session,
    table: RoundTable,
    mapping: Mapping[str, str | None],
    progress: Progress | None,
    options: RoundImportOptions,
    actor: Actor,
) -> _Plan:
    plan = _Plan()
    mapping_problems = check_mapping(mapping, list(table.headers))
    if mapping_problems:
        plan.issues = [ImportIssue(None, p.where, p.reason) for p in mapping_problems]
        return plan
    if options.create_funders:
        plan.created_funders = _create_funders(session, table, mapping, actor)
    lookups = _lookups(session)
    names = [n for n, _ in session.execute(select(Funder.name, Funder.id))]
    aliases = dict(session.execute(select(FunderAlias.alias, Funder.name).join(Funder)).all())

    def suggest(name: str) -> str | None:
        found = closest(name, [*names, *aliases])
        return None if found is None else aliases.get(found[0], found[0])

    reader = RowReader(mapping, lookups, table.line_word, options.day_first, suggest)
    existing, seen = _existing(session), dict[tuple[int, str, date], int]()
    columns = {key: table.frame[column].tolist() for key, column in mapping.items() if column}
    digests: dict[int, int] = {}
    for index, line in enumerate(table.lines):
        if progress and index % PROGRESS_EVERY == 0:
            progress(index / table.rows, f"Checking {table.line_word} {line:,} of {table.rows:,}")
        digest = hash(tuple(table.frame.iat[index, c] for c in range(len(table.headers))))
        if digest in digests:
            plan.duplicates.append((line, digests[digest]))
            if not options.skip_duplicates:
                reason = f"is an exact duplicate of {table.line_word} {digests[digest]}"
                plan.issues.append(ImportIssue(line, "", reason, table.line_word))
                plan.bad_rows += 1
                plan.bad_lines[line] = reason
            continue
        digests[digest] = line
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
            plan.bad_lines[line] = "; ".join(f"{p.column}: {p.reason}" for p in problems)
    plan.unknown_funders = reader.unknown_funders
    plan.ambiguous = reader.ambiguous
    return plan


def _create_funders(session: Session, table: RoundTable, mapping: Mapping[str, str | None], actor: Actor) -> list[str]:
    """Every funder the file names that is not recorded (by name or alias), created as written."""
    column = mapping.get("funder")
    if not column:
        return []
    known = _lookups(session).funders
    created: dict[str, str] = {}
    for text in table.frame[column].tolist():
        name = normalise_text(str(text))
        if name and name_key(name) not in known and name_key(name) not in created and len(name) <= 200:
            created[name_key(name)] = name
    for name in created.values():
        funder = Funder(name=name)
        session.add(funder)
        session.flush()
        record(session, actor.audit_id, "added funder", "funder", funder.id, name=name, via="rounds import")
    return list(created.values())


def _report(table: RoundTable, plan: _Plan, written: bool, options: RoundImportOptions) -> ImportReport:
    notes = [*table.notes, ambiguity_note(plan.ambiguous, options.day_first)]
    if plan.duplicates and options.skip_duplicates:
        notes.append(f"{len(plan.duplicates):,} exact duplicate row(s) skipped.")
    return ImportReport(
        table.filename,
        table.rows,
        len(plan.creates),
        len(plan.updates),
        tuple(plan.issues),
        written,
        plan.bad_rows,
        tuple(plan.unknown_funders.items()),
        tuple(plan.created_funders),
        tuple(plan.duplicates),
        tuple(notes),
        options.good_rows_only,
        _bad_file(table, plan.bad_lines) if plan.bad_lines else None,
    )


def _bad_file(table: RoundTable, bad: dict[int, str]) -> bytes:
    """The rows not imported, every column as in the file, then where each is and why."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([marked(h) for h in [*table.headers, "where", "reason"]])
    for index, line in enumerate(table.lines):
        if line in bad:
            cells = [str(table.frame.iat[index, c]) for c in range(len(table.headers))]
            writer.writerow([marked(c) for c in [*cells, f"{table.line_word} {line}", bad[line]]])
    return out.getvalue().encode("utf-8-sig")


def check_import(
    uow: UnitOfWork,
    actor: Actor,
    table: RoundTable,
    mapping: Mapping[str, str | None],
    progress: Progress | None = None,
    options: RoundImportOptions | None = None,
) -> ImportReport:
    """What an import would do, and every problem with the file; writes nothing (not even the funders
    it would create)."""
    require(actor.role, Action.MANAGE_ROUNDS)
    options = options or RoundImportOptions()
    with uow as session:
        plan = _plan(session, table, mapping, progress, options, actor)
        session.rollback()
    return _report(table, plan, False, options)


def import_rounds(
    uow: UnitOfWork,
    actor: Actor,
    table: RoundTable,
    mapping: Mapping[str, str | None],
    progress: Progress | None = None,
    options: RoundImportOptions | None = None,
) -> ImportReport:
    """Check every row, then write them all in one transaction.

    Any bad row writes nothing (unless `options.good_rows_only`): the report then lists every problem
    and `written` is False. Funders created for the file are created only when the rounds are written.
    """
    require(actor.role, Action.MANAGE_ROUNDS)
    options = options or RoundImportOptions()
    with uow as session:
        plan = _plan(session, table, mapping, progress, options, actor)
        report = _report(table, plan, False, options)
        if report.blocked:
            session.rollback()
            return report
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
            **_choices_made(plan, options),
        )
    return replace(report, written=True)


def _choices_made(plan: _Plan, options: RoundImportOptions) -> dict[str, object]:
    """What the audit records beyond the counts: only the choices that were made."""
    made: dict[str, object] = {}
    if plan.created_funders:
        made["funders_created"] = plan.created_funders
    if options.good_rows_only:
        made.update(good_rows_only=True, bad_rows_left_out=plan.bad_rows)
    if options.skip_duplicates and plan.duplicates:
        made["duplicates_skipped"] = len(plan.duplicates)
    if not options.day_first:
        made["dates"] = "month first"
    return made


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
