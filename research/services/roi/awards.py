"""Money won back: awards imported from history, recorded from applications, credited to clusters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, selectinload

from research.adapters.table_files import read_table
from research.db.models import Application, Award, AwardShare, Cluster, Funder, FundingRound
from research.db.uow import UnitOfWork
from research.domain.award_rows import AwardFileOptions, AwardRow, check_award_rows
from research.domain.award_source import AwardSource
from research.domain.clock import utcnow
from research.domain.errors import InvalidInput, NotFound, Problem
from research.domain.ledger_values import HUNDRED, parse_rates
from research.domain.locale import workspace_locale
from research.domain.roles import Action, require
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.common.listing import LIST_LIMIT, Listing, contains_text
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


@dataclass(frozen=True)
class AwardImportReport:
    file: str
    rows: tuple[AwardRow, ...]
    problems: tuple[Problem, ...]
    to_create: int
    to_update: int
    written: bool

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
) -> AwardImportReport:
    """Check every row, then write all or none; an identifier already recorded is updated."""
    require(actor.role, Action.MANAGE_LEDGERS)
    try:
        parsed_rates = parse_rates(list(rates))
    except ValueError as exc:
        raise InvalidInput(Problem("Exchange rates", str(exc))) from None
    titles, source_rows = read_table(filename, content)
    with uow as session:
        clusters = cluster_names(session)
        if default_cluster and default_cluster.lower() not in clusters:
            raise InvalidInput(
                Problem("Cluster for awards without one", f"there is no cluster called {default_cluster!r}")
            )
        options = AwardFileOptions(parsed_rates, clusters, clusters.get((default_cluster or "").lower()))
        rows, problems = check_award_rows(filename, titles, source_rows, options)
        existing = _existing(session, [r.identifier for r in rows])
        report = AwardImportReport(
            filename, tuple(rows), tuple(problems), len(rows) - len(existing), len(existing), written=False
        )
        if problems or dry_run:
            return report
        _write(session, rows, existing)
        attribution.after_import(session, [a.id for a in existing.values()])
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
            via="command line" if actor.is_operator else "app",
        )
        return replace(report, written=True)


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
            actor.id,
            "changed award shares",
            "award",
            award.id,
            identifier=award.identifier,
            before=before,
            after=[(cid, str(p)) for cid, p in checked],
        )
        return award.id


def record_application_award(
    session: Session,
    actor_id: int | None,
    application_id: int,
    amount: Decimal,
    awarded_on: date,
    currency: str | None = None,
    amount_nzd: Decimal | None = None,
) -> Award:
    """Record (or correct) the award of an application marked awarded, inside the caller's transaction.

    The award is credited 100% to the application's cluster; its funder and scheme come from the round.
    """
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound("That application no longer exists.")
    reporting = workspace_locale().currency
    currency = currency or reporting
    if currency != reporting and amount_nzd is None:
        raise InvalidInput(Problem(f"Amount in {reporting}", f"an award in {currency} needs its {reporting} amount"))
    funder, scheme = _funder_and_scheme(session, application.round_id)
    award = session.scalar(
        select(Award).where(Award.application_id == application_id).options(selectinload(Award.shares))
    )
    if award is None:
        award = Award(
            identifier=f"RCW-APP-{application_id}", application_id=application_id, source=AwardSource.APPLICATION
        )
        session.add(award)
        if application.cluster_id:
            award.shares.append(AwardShare(cluster_id=application.cluster_id, percent=HUNDRED))
    award.title, award.amount, award.currency = application.title[:400], amount, currency
    award.amount_nzd = amount if amount_nzd is None else amount_nzd
    award.amount_applied_for, award.awarded_on = application.requested_amount, awarded_on
    award.funder_id, award.funder_name, award.scheme = (
        funder.id if funder else None,
        funder.name if funder else "Funder not recorded",
        scheme,
    )
    session.flush()
    record(
        session,
        actor_id,
        "recorded award",
        "award",
        award.id,
        application_id=application_id,
        amount=str(amount),
        currency=currency,
    )
    return award


def _funder_and_scheme(session: Session, round_id: int | None) -> tuple[Funder | None, str]:
    if round_id is None:
        return None, ""
    row = session.execute(
        select(Funder, FundingRound.scheme)
        .join(FundingRound, FundingRound.funder_id == Funder.id)
        .where(FundingRound.id == round_id)
    ).first()
    return (row[0], row[1]) if row else (None, "")


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


def _existing(session: Session, identifiers: list[str]) -> dict[str, Award]:
    found: dict[str, Award] = {}
    for start in range(0, len(identifiers), 500):
        chunk = identifiers[start : start + 500]
        found.update(
            {
                a.identifier: a
                for a in session.scalars(
                    select(Award).where(Award.identifier.in_(chunk)).options(selectinload(Award.shares))
                )
            }
        )
    return found


def _write(session: Session, rows: list[AwardRow], existing: dict[str, Award]) -> None:
    cluster_ids = {name: cid for cid, name in session.execute(select(Cluster.id, Cluster.name))}
    funder_ids = {name.lower(): fid for fid, name in session.execute(select(Funder.id, Funder.name))}
    for row in rows:
        award = existing.get(row.identifier)
        if award is None:
            award = Award(identifier=row.identifier, source=AwardSource.IMPORT)
            session.add(award)
        else:
            award.updated_at = utcnow()
        for field in (
            "title",
            "description",
            "currency",
            "amount",
            "amount_nzd",
            "amount_applied_for",
            "awarded_on",
            "recipient_org",
            "funder_name",
            "scheme",
        ):
            setattr(award, field, getattr(row, field))
        award.funder_id = funder_ids.get(row.funder_name.lower())
        if row.shares:
            if award.shares:
                # Deletes flush after inserts: clear first, or a kept cluster would collide with itself.
                award.shares.clear()
                session.flush()
            award.shares.extend(AwardShare(cluster_id=cluster_ids[n], percent=p) for n, p in row.shares)
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
    )
