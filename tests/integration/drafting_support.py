"""Helpers for drafting tests: a funding round, a small template, and an application started from a template."""

from __future__ import annotations

import uuid
from datetime import timedelta

from research.domain.clock import utcnow
from research.domain.round_rules import RoundInput
from research.services.common.actor import Actor
from research.services.drafting.application_view import application_detail
from research.services.drafting.applications import start_application
from research.services.rounds import editing, funders


def small_template(key="city-seed-fund", sections=("summary",)) -> dict:
    """A template mapping with one word-limited section per key, for `templates.add_template`."""
    return {
        "key": key,
        "name": "City seed fund",
        "funder": "City council",
        "scheme": "Seed",
        "version": "1",
        "sections": [{"key": k, "title": k.title(), "limit": {"unit": "words", "max": 100}} for k in sections],
    }


def make_round(
    uow, manager: Actor, template_key="marsden-full-proposal", closes_in_days=60, draft_days=None, archived=False
) -> int:
    """A manager lists a funder and a round through the rounds services (a draft milestone if asked)."""
    funder = funders.save_funder(uow, manager, f"Funder {uuid.uuid4().hex[:6]}")
    round_id = editing.create_round(
        uow,
        manager,
        RoundInput(
            funder_id=funder.id,
            scheme="Standard",
            name="2026 round",
            closes_at=utcnow() + timedelta(days=closes_in_days),
            template_key=template_key,
            offsets={"draft": draft_days} if draft_days is not None else None,
        ),
    )
    if archived:
        editing.set_archived(uow, manager, round_id, True)
    return round_id


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
