"""Shared set-up for the funding-round tests: funders, clusters and rounds in a few lines."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from research.domain.clock import frozen_at, utcnow
from research.domain.round_rules import RoundInput
from research.services.common.actor import Actor
from research.services.drafting import applications
from research.services.roi import clusters
from research.services.rounds import calendar, funders
from research.services.rounds import editing as round_editing

NZ = ZoneInfo("Pacific/Auckland")
TEMPLATE = "marsden-full-proposal"  # a shipped template: the rounds here suggest none


def nz(*args) -> datetime:
    return datetime(*args, tzinfo=NZ).astimezone(UTC)


def add_funders_and_clusters(uow, manager: Actor) -> dict[str, int]:
    """Two funders and two clusters, listed by a manager through the services: ids by name."""
    ids = {
        "Marsden Fund": funders.save_funder(uow, manager, "Marsden Fund", "New Zealand").id,
        "Health Research Council": funders.save_funder(uow, manager, "Health Research Council").id,
    }
    return ids | {name: clusters.add_cluster(uow, manager, name) for name in ("Research", "Food")}


def add_round(uow, manager, ids, scheme="Fast-Start", closes=None, **fields) -> int:
    r = RoundInput(
        funder_id=fields.pop("funder_id", ids["Marsden Fund"]),
        scheme=scheme,
        closes_at=closes or nz(2026, 3, 2, 12, 0),
        **fields,
    )
    return round_editing.create_round(uow, manager, r)


def add_application(
    uow, lead: Actor, round_id: int, title="Kelp forests", requested="800000", cluster_id: int | None = None
) -> int:
    """The lead starts an application in the round through the drafting service.

    The tests' rounds close on fixed dates that may have passed, and only an open round takes a new
    application: then the lead starts it a week before the close (the clock's `frozen_at`)."""
    before_close = calendar.get_round(uow, lead, round_id).closes_at - timedelta(days=7)
    with frozen_at(before_close) if utcnow() > before_close else nullcontext():
        return applications.start_application(
            uow, lead, title=title, round_id=round_id, cluster_id=cluster_id, requested=requested, template_key=TEMPLATE
        )
