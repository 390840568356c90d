"""Rounds a person follows: reminders as they open and close, and events in their calendar feed."""

from __future__ import annotations

from sqlalchemy import delete, select

from research.db.models import FundingRound, RoundFollow
from research.db.uow import UnitOfWork
from research.domain.errors import NotFound
from research.domain.roles import Action, require
from research.services.common.actor import Actor


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


def unfollow_round(uow: UnitOfWork, actor: Actor, round_id: int) -> None:
    with uow as session:
        session.execute(delete(RoundFollow).where(RoundFollow.user_id == actor.id, RoundFollow.round_id == round_id))


def followed_round_ids(uow: UnitOfWork, actor: Actor) -> set[int]:
    with uow as session:
        return set(session.scalars(select(RoundFollow.round_id).where(RoundFollow.user_id == actor.id)))
