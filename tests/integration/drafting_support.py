"""Helpers for drafting tests: a funding round, and an application started from a template."""

from __future__ import annotations

import uuid
from datetime import timedelta

from research.db.models import Funder, FundingRound, RoundMilestone
from research.domain.clock import utcnow
from research.services.drafting.application_view import application_detail
from research.services.drafting.applications import start_application


def make_round(uow, template_key="marsden-full-proposal", closes_in_days=60, draft_days=None, archived=False) -> int:
    with uow as session:
        funder = Funder(name=f"Funder {uuid.uuid4().hex[:6]}")
        session.add(funder)
        session.flush()
        funding_round = FundingRound(
            funder_id=funder.id,
            scheme="Standard",
            name="2026 round",
            closes_at=utcnow() + timedelta(days=closes_in_days),
            template_key=template_key,
            archived_at=utcnow() if archived else None,
        )
        session.add(funding_round)
        session.flush()
        if draft_days is not None:
            session.add(
                RoundMilestone(
                    round_id=funding_round.id, kind="draft", label="Full draft", working_days_before=draft_days
                )
            )
        return funding_round.id


def start(uow, actor, template="marsden-full-proposal", title="Rivers and memory", **kwargs) -> int:
    return start_application(
        uow,
        actor,
        title=title,
        round_id=kwargs.pop("round_id", None),
        cluster_id=kwargs.pop("cluster_id", None),
        requested=kwargs.pop("requested", "950000"),
        template_key=template,
        **kwargs,
    )


def section_id(uow, actor, application_id, key) -> int:
    return next(s.id for s in application_detail(uow, actor, application_id).sections if s.key == key)
