"""Rounds a person follows: reminders as they open and close, and events in their calendar feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select

from research.db.models import FundingRound, RoundFollow
from research.db.uow import UnitOfWork
from research.domain.errors import NotFound
from research.domain.roles import Action, require
from research.services.common.actor import Actor

MAX_CHOICES = 300


def follow_round(uow: UnitOfWork, actor: Actor, round_id: int) -> None:
    require(actor.role, Action.READ_ROUNDS)
    with uow as session:
        if session.get(FundingRound, round_id) is None:
            raise NotFound(f"There is no funding round with id {round_id}.")
        exists = session.scalar(
            select(RoundFollow.id).where(RoundFollow.user_id == actor.id, RoundFollow.round_id == round_id)
        )
        if exists is None:
            session.add(RoundFollow(user_id=actor.id, round_id=round_id))


@dataclass(frozen=True)
class FollowChoice:
    round_id: int
    name: str
    closes_on: date
    followed: bool


def follow_choices(uow: UnitOfWork, actor: Actor, now: datetime) -> list[FollowChoice]:
    """Rounds not yet closed, soonest first, each saying whether the actor follows it."""
    require(actor.role, Action.READ_ROUNDS)
    with uow as session:
        followed = set(session.scalars(select(RoundFollow.round_id).where(RoundFollow.user_id == actor.id)))
        rows = session.execute(
            select(FundingRound.id, FundingRound.name, FundingRound.closes_on)
            .where(FundingRound.closes_at > now, FundingRound.archived_at.is_(None))
            .order_by(FundingRound.closes_at)
            .limit(MAX_CHOICES)
        ).all()
        return [FollowChoice(rid, name, closes_on, rid in followed) for rid, name, closes_on in rows]


def set_followed_rounds(uow: UnitOfWork, actor: Actor, round_ids: set[int], shown: set[int]) -> None:
    """Follow exactly `round_ids` among the rounds that were `shown`; others stay as they were."""
    require(actor.role, Action.READ_ROUNDS)
    with uow as session:
        known = set(session.scalars(select(FundingRound.id).where(FundingRound.id.in_(round_ids | shown))))
        if round_ids - known:
            raise NotFound("One of those funding rounds no longer exists.")
        current = set(session.scalars(select(RoundFollow.round_id).where(RoundFollow.user_id == actor.id)))
        session.execute(
            delete(RoundFollow).where(
                RoundFollow.user_id == actor.id, RoundFollow.round_id.in_((shown & current) - round_ids)
            )
        )
        session.add_all(RoundFollow(user_id=actor.id, round_id=rid) for rid in round_ids - current)
