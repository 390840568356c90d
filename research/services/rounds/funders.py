"""Funders: who offers the money. Managers and admins keep the list; everyone reads it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from research.db.models import Funder, FunderAlias, FundingRound
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
        action = "added funder" if funder_id is None else "changed funder"
        record(session, actor.audit_id, action, "funder", funder.id, name=name)
        rounds = session.scalar(select(func.count()).where(FundingRound.funder_id == funder.id))
        return FunderRow(funder.id, funder.name, funder.country, funder.website, funder.notes, rounds or 0)


@dataclass(frozen=True)
class AliasRow:
    id: int
    funder_id: int
    funder: str
    alias: str


def list_aliases(uow: UnitOfWork, actor: Actor) -> list[AliasRow]:
    """The other names funders are written under in files ('MBIE'), by funder."""
    require(actor.role, Action.READ_ROUNDS)
    with uow as session:
        rows = session.execute(
            select(FunderAlias, Funder.name).join(Funder).order_by(Funder.name, FunderAlias.alias)
        ).all()
        return [AliasRow(a.id, a.funder_id, name, a.alias) for a, name in rows]


def add_alias(uow: UnitOfWork, actor: Actor, funder_id: int, alias: str) -> AliasRow:
    """Let files name the funder `alias` too; refused when it is already another funder's name or alias."""
    require(actor.role, Action.MANAGE_ROUNDS)
    alias = normalise_text(alias)
    with uow as session:
        funder = session.get(Funder, funder_id)
        if funder is None:
            raise NotFound(f"There is no funder with id {funder_id}.")
        problem = _alias_problem(session, alias, funder)
        if problem:
            raise InvalidInput(Problem("alias", problem))
        row = FunderAlias(funder_id=funder.id, alias=alias, key=name_key(alias))
        session.add(row)
        session.flush()
        record(session, actor.audit_id, "added funder alias", "funder", funder.id, alias=alias)
        return AliasRow(row.id, funder.id, funder.name, alias)


def _alias_problem(session: Session, alias: str, funder: Funder) -> str | None:
    if not alias:
        return "must not be empty"
    if len(alias) > 200:
        return "must be at most 200 characters"
    key = name_key(alias)
    named = next((f for f in session.scalars(select(Funder)) if name_key(f.name) == key), None)
    if named is not None:
        return "is the funder's own name" if named.id == funder.id else f"is the name of the funder {named.name!r}"
    taken = session.execute(select(Funder.name).join(FunderAlias).where(FunderAlias.key == key)).scalar()
    return f"is already an alias of {taken!r}" if taken else None


def remove_alias(uow: UnitOfWork, actor: Actor, alias_id: int) -> int:
    require(actor.role, Action.MANAGE_ROUNDS)
    with uow as session:
        row = session.get(FunderAlias, alias_id)
        if row is None:
            raise NotFound("That alias no longer exists.")
        record(session, actor.audit_id, "removed funder alias", "funder", row.funder_id, alias=row.alias)
        session.delete(row)
        return alias_id
