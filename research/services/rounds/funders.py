"""Funders: who offers the money. Managers and admins keep the list; everyone reads it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from research.db.models import Funder, FundingRound
from research.db.uow import UnitOfWork
from research.domain.errors import InvalidInput, NotFound, Problem
from research.domain.roles import Action, require
from research.domain.round_import import name_key
from research.domain.round_rules import normalise_text
from research.services.common.actor import Actor
from research.services.common.audit import record


@dataclass(frozen=True)
class FunderRow:
    id: int
    name: str
    country: str
    website: str
    notes: str
    rounds: int


def list_funders(uow: UnitOfWork, actor: Actor) -> list[FunderRow]:
    require(actor.role, Action.READ_ROUNDS)
    with uow as session:
        counts = select(FundingRound.funder_id, func.count().label("n")).group_by(FundingRound.funder_id).subquery()
        rows = session.execute(
            select(Funder, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.funder_id == Funder.id)
            .order_by(Funder.name)
        ).all()
        return [FunderRow(f.id, f.name, f.country, f.website, f.notes, n) for f, n in rows]


def _checked(session: Session, name: str, website: str, funder_id: int | None) -> list[Problem]:
    problems = []
    if not name:
        problems.append(Problem("name", "must not be empty"))
    elif len(name) > 200:
        problems.append(Problem("name", "must be at most 200 characters"))
    else:
        clash = next(
            (f for f in session.scalars(select(Funder)) if name_key(f.name) == name_key(name) and f.id != funder_id),
            None,
        )
        if clash is not None:
            problems.append(Problem("name", f"{clash.name!r} is already a funder"))
    if website and not website.startswith(("https://", "http://")):
        problems.append(Problem("website", "must start with https:// or http://"))
    return problems


def save_funder(
    uow: UnitOfWork,
    actor: Actor,
    name: str,
    country: str = "",
    website: str = "",
    notes: str = "",
    funder_id: int | None = None,
) -> FunderRow:
    """Add a funder, or change the one with `funder_id`."""
    require(actor.role, Action.MANAGE_ROUNDS)
    name, country, website = normalise_text(name), normalise_text(country), website.strip()
    with uow as session:
        problems = _checked(session, name, website, funder_id)
        if problems:
            raise InvalidInput(problems)
        if funder_id is None:
            funder = Funder(name=name)
            session.add(funder)
        else:
            existing = session.get(Funder, funder_id)
            if existing is None:
                raise NotFound(f"There is no funder with id {funder_id}.")
            funder = existing
        funder.name, funder.country, funder.website, funder.notes = name, country, website, notes.strip()
        session.flush()
        record(
            session, actor.id, "added funder" if funder_id is None else "changed funder", "funder", funder.id, name=name
        )
        rounds = session.scalar(select(func.count()).where(FundingRound.funder_id == funder.id))
        return FunderRow(funder.id, funder.name, funder.country, funder.website, funder.notes, rounds or 0)
