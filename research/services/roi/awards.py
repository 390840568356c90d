"""Money won back: awards imported from history, listed, corrected and credited to clusters (an
application's own award is recorded when it is marked awarded: research.services.review.lifecycle)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from research.adapters.table_files import open_table
from research.db.models import Application, Award, AwardShare, Cluster, Funder
from research.db.uow import UnitOfWork
from research.domain.award_rows import AWARD_FIELDS, AwardFileOptions, AwardRow, check_award_rows
from research.domain.award_source import AwardSource
from research.domain.clock import utcnow
from research.domain.date_precision import DatePrecision
from research.domain.date_values import ambiguity_note
from research.domain.errors import InvalidInput, NotFound, Problem
from research.domain.import_kinds import ImportKind
from research.domain.ledger_values import HUNDRED, parse_rates
from research.domain.locale import workspace_locale
from research.domain.money import parse_currency
from research.domain.rates import Quote, Rate, RateTable, read_rate_rows
from research.domain.roles import Action, require
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.common.exchange_rates import load_rates
from research.services.common.import_choices import ImportChoices
from research.services.common.import_profiles import file_mapping
from research.services.common.listing import LIST_LIMIT, Listing, contains_text
from research.services.common.table_import import TableImportReport
from research.services.roi import attribution
from research.services.roi.ledgers import cluster_names


@dataclass(frozen=True)
class AwardView:
    id: int
    identifier: str
    title: str
    description: str
    funder_name: str
    scheme: str
    recipient_org: str
    amount: Decimal
    currency: str
    amount_nzd: Decimal
    amount_applied_for: Decimal | None
    awarded_on: date
    source: str
    shares: tuple[tuple[str, Decimal], ...]
    updated: date | None
    awarded_precision: str = DatePrecision.DAY.value


@dataclass(frozen=True)
class AwardImportReport(TableImportReport[AwardRow]):
    rates_used: tuple[str, ...] = ()  # one line per currency converted: which rates, how many awards

    @property
    def total_nzd(self) -> Decimal:
        return sum((r.amount_nzd for r in self.rows), Decimal(0))


def list_awards(uow: UnitOfWork, actor: Actor) -> list[AwardView]:
    """Every award, newest first."""
    require(actor.role, Action.MANAGE_LEDGERS)
    return list(_newest(uow, None, None).items)


@dataclass(frozen=True)
class AwardListing(Listing[AwardView]):
    total_nzd: Decimal = Decimal(0)


def find_awards(uow: UnitOfWork, actor: Actor, search: str = "", limit: int | None = LIST_LIMIT) -> AwardListing:
    """The newest awards whose identifier, title or funder contains `search`; how many match and their sum."""
    require(actor.role, Action.MANAGE_LEDGERS)
    return _newest(uow, contains_text([Award.identifier, Award.title, Award.funder_name], search), limit)


def _newest(uow: UnitOfWork, matches: ColumnElement[bool] | None, limit: int | None) -> AwardListing:
    conditions = [matches] if matches is not None else []
    with uow as session:
        names = dict(session.execute(select(Cluster.id, Cluster.name)).all())
        total, total_nzd = session.execute(
            select(func.count(), func.coalesce(func.sum(Award.amount_nzd), 0)).where(*conditions)
        ).one()
        awards = session.scalars(
            select(Award)
            .where(*conditions)
            .options(selectinload(Award.shares))
            .order_by(Award.awarded_on.desc(), Award.id.desc())
            .limit(limit)
        ).all()
        return AwardListing(tuple(_view(a, names) for a in awards), total, Decimal(total_nzd))


def import_awards(
    uow: UnitOfWork,
    actor: Actor,
    filename: str,
    content: bytes,
    rates: Sequence[str] = (),
    default_cluster: str | None = None,
    dry_run: bool = False,
    choices: ImportChoices | None = None,
    rates_file: tuple[str, bytes] | None = None,
) -> AwardImportReport:
    """Check every row, then write all or none (or, when chosen, the good rows); an identifier already
    recorded is updated."""
    require(actor.role, Action.MANAGE_LEDGERS)
    choices = choices or ImportChoices()
    try:
        parsed_rates = parse_rates(list(rates))
        fixed_currency = parse_currency(choices.currency) if choices.currency else None
    except ValueError as exc:
        where = "Exchange rates" if "rate" in str(exc) else "Currency of amounts without one"
        raise InvalidInput(Problem(where, str(exc))) from None
    reporting = workspace_locale().currency
    from_file = _file_rates(rates_file, reporting)
    table = open_table(filename, content, choices.header_row)
    with uow as session:
        clusters = cluster_names(session)
        if default_cluster and default_cluster.lower() not in clusters:
            raise InvalidInput(
                Problem("Cluster for awards without one", f"there is no cluster called {default_cluster!r}")
            )
        mapping, mapping_problems = file_mapping(
            session, ImportKind.AWARDS, AWARD_FIELDS, filename, table.titles, choices
        )
        base = AwardImportReport.of_file(filename, table, mapping, mapping_problems)
        if mapping_problems:
            return base
        columns = {k: c for k, c in mapping.items() if c}
        applications = frozenset(session.scalars(select(Application.id))) if "application" in columns else None
        rate_table = RateTable(reporting, [*load_rates(session, reporting), *from_file], parsed_rates)
        options = AwardFileOptions(
            rate_table,
            clusters,
            clusters.get((default_cluster or "").lower()),
            choices.day_first,
            choices.skip_duplicates,
            applications,
            fixed_currency,
        )
        checked = check_award_rows(filename, columns, table.rows(set(columns.values())), options)
        existing = _existing_ids(session, [r.identifier for r in checked.rows])
        used = checked.rates_used.used_lines() if checked.rates_used else []
        notes = [*table.notes, ambiguity_note(checked.ambiguous, choices.day_first)]
        if fixed_currency:
            notes.append(f"Amounts whose row names no currency were read as {fixed_currency}.")
        if used:
            notes.append("Exchange rates used: " + "; ".join(used) + ".")
        if checked.duplicates and choices.skip_duplicates:
            notes.append(f"{len(checked.duplicates):,} exact duplicate row(s) skipped: " + _pairs(checked.duplicates))
        report = replace(
            base.checked(table, checked, len(existing), notes, choices.good_rows_only), rates_used=tuple(used)
        )
        if report.blocked or dry_run:
            return report
        _write(session, checked.rows, existing)
        attribution.after_import(session, list(existing.values()))
        record(
            session,
            actor.audit_id,
            "imported awards",
            "award",
            None,
            file=filename,
            created=report.to_create,
            updated=report.to_update,
            total_nzd=str(report.total_nzd),
            rates_used=list(report.rates_used),
            good_rows_only=choices.good_rows_only,
            bad_rows_left_out=report.bad_rows,
            duplicates_skipped=len(checked.duplicates) if choices.skip_duplicates else 0,
            day_first=choices.day_first,
            mapping={k: c for k, c in mapping.items() if c},
            via="command line" if actor.is_operator else "app",
        )
        return replace(report, written=True)


def _file_rates(rates_file: tuple[str, bytes] | None, reporting: str) -> list[Rate]:
    """The rates of a file given for this import (as a central bank publishes them: units of the currency
    for one unit of the reporting currency; long or wide); InvalidInput naming every bad row."""
    if rates_file is None:
        return []
    name, content = rates_file
    table = open_table(name, content)
    rates, problems = read_rate_rows(name, table.titles, table.rows(), reporting, Quote.PER_REPORTING)
    if problems:
        raise InvalidInput(problems)
    return rates


def _pairs(duplicates: list[tuple[str, str]], shown: int = 5) -> str:
    text = ", ".join(f"{row} (= {first})" for row, first in duplicates[:shown])
    return text + (f" and {len(duplicates) - shown:,} more" if len(duplicates) > shown else "")


def set_award_shares(uow: UnitOfWork, actor: Actor, award_id: int, shares: list[tuple[str, Decimal | None]]) -> int:
    """Credit an award to clusters; the shares must add up to 100% (or be none at all)."""
    require(actor.role, Action.MANAGE_LEDGERS)
    with uow as session:
        award = session.scalar(select(Award).where(Award.id == award_id).options(selectinload(Award.shares)))
        if award is None:
            raise NotFound("That award no longer exists.")
        ids = {name.lower(): (cid, name) for cid, name in session.execute(select(Cluster.id, Cluster.name))}
        checked = _checked_shares(shares, ids)
        before = [(s.cluster_id, str(s.percent)) for s in award.shares]
        award.shares.clear()
        session.flush()
        award.shares.extend(AwardShare(cluster_id=cid, percent=percent) for cid, percent in checked)
        award.updated_at = utcnow()
        attribution.mark_person_decided(session, actor.audit_id, award.id)
        record(
            session,
            actor.audit_id,
            "changed award shares",
            "award",
            award.id,
            identifier=award.identifier,
            before=before,
            after=[(cid, str(p)) for cid, p in checked],
        )
        return award.id


def _checked_shares(
    shares: list[tuple[str, Decimal | None]], ids: dict[str, tuple[int, str]]
) -> list[tuple[int, Decimal]]:
    problems, checked, seen = [], [], set()
    for name, percent in shares:
        found = ids.get(str(name).strip().lower())
        if found is None:
            problems.append(Problem("Cluster", f"there is no cluster called {name!r}"))
        elif found[0] in seen:
            problems.append(Problem(found[1], "is listed twice"))
        elif percent is None or not Decimal(0) < Decimal(percent) <= HUNDRED:
            problems.append(Problem(found[1], "a share must be above 0% and at most 100%"))
        else:
            seen.add(found[0])
            checked.append((found[0], Decimal(percent).quantize(Decimal("0.01"))))
    total = sum((p for _, p in checked), Decimal(0))
    if not problems and checked and total != HUNDRED:
        problems.append(Problem("Shares", f"add up to {total.normalize():f}%, not 100%"))
    if problems:
        raise InvalidInput(problems)
    return checked


def _existing_ids(session: Session, identifiers: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(identifiers), 500):
        chunk = identifiers[start : start + 500]
        found.update(dict(session.execute(select(Award.identifier, Award.id).where(Award.identifier.in_(chunk))).all()))
    return found


AWARD_COLUMNS = (
    "title",
    "description",
    "currency",
    "amount",
    "amount_nzd",
    "amount_applied_for",
    "awarded_on",
    "awarded_precision",
    "recipient_org",
    "recipient_id",
    "locality",
    "postcode",
    "region",
    "country",
    "lead",
    "funder_name",
    "scheme",
)
WRITE_CHUNK = 5000


def _write(session: Session, rows: list[AwardRow], existing: dict[str, int]) -> None:
    """New awards by one bulk insert per chunk, recorded ones by an executemany update; no ORM object per row."""
    table = Award.metadata.tables[Award.__tablename__]
    shares = AwardShare.metadata.tables[AwardShare.__tablename__]
    cluster_ids = {name: cid for cid, name in session.execute(select(Cluster.id, Cluster.name))}
    funder_ids = {name.lower(): fid for fid, name in session.execute(select(Funder.id, Funder.name))}
    now = utcnow()

    def values(row: AwardRow) -> dict[str, object]:
        found = {name: getattr(row, name) for name in AWARD_COLUMNS}
        found["funder_id"] = funder_ids.get(row.funder_name.lower())
        if row.application_id is not None:
            found["application_id"] = row.application_id
        return found

    new = [r for r in rows if r.identifier not in existing]
    for start in range(0, len(new), WRITE_CHUNK):
        chunk = new[start : start + WRITE_CHUNK]
        session.execute(
            insert(table),
            [
                {
                    "identifier": r.identifier,
                    "source": AwardSource.IMPORT.value,
                    "created_at": now,
                    "application_id": None,
                    **values(r),
                }
                for r in chunk
            ],
        )
    # The new ids in one scan of this import's stamp: an IN-list lookup right after a bulk insert was
    # planned blind on PostgreSQL (15 of 19 s at 20,000 rows), and RETURNING on a multi-row insert
    # made psycopg parse every batch's placeholders (30 s at 50,000 rows).
    wanted = {r.identifier for r in new}
    stamped = select(table.c.identifier, table.c.id).where(table.c.created_at == now)
    ids = dict(existing)
    ids.update((identifier, award_id) for identifier, award_id in session.execute(stamped) if identifier in wanted)
    old = [r for r in rows if r.identifier in existing]
    by_id = update(table).where(table.c.id == bindparam("award_id"))
    for start in range(0, len(old), WRITE_CHUNK):
        chunk = old[start : start + WRITE_CHUNK]
        session.execute(by_id, [{"award_id": existing[r.identifier], "updated_at": now, **values(r)} for r in chunk])
    credited = [r for r in rows if r.shares]
    replaced = [ids[r.identifier] for r in credited if r.identifier in existing]
    for start in range(0, len(replaced), WRITE_CHUNK):
        session.execute(delete(shares).where(shares.c.award_id.in_(replaced[start : start + WRITE_CHUNK])))
    links = [
        {"award_id": ids[r.identifier], "cluster_id": cluster_ids[name], "percent": percent}
        for r in credited
        for name, percent in r.shares
    ]
    for start in range(0, len(links), WRITE_CHUNK):
        session.execute(insert(shares), links[start : start + WRITE_CHUNK])
    session.flush()


def _view(award: Award, names: dict[int, str]) -> AwardView:
    return AwardView(
        award.id,
        award.identifier,
        award.title,
        award.description,
        award.funder_name,
        award.scheme,
        award.recipient_org,
        award.amount,
        award.currency,
        award.amount_nzd,
        award.amount_applied_for,
        award.awarded_on,
        award.source,
        tuple((names[s.cluster_id], s.percent) for s in award.shares),
        award.updated_at.date() if award.updated_at else None,
        award.awarded_precision,
    )
