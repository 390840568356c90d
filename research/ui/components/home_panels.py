"""Panels on the home page, each shown to the roles it concerns.

A capability adds a function `panel(actor)` to PANELS with the action it needs.
"""

from __future__ import annotations

from collections.abc import Callable

from research.domain.roles import Action, can
from research.services.common.actor import Actor
from research.ui.components.drafting.drafting_panel import my_sections_panel
from research.ui.components.review.review_invitations import reviews_due_panel
from research.ui.components.roi.roi_home import roi_panel
from research.ui.components.rounds.round_panels import closing_soon_panel, milestones_due_panel

Panel = Callable[[Actor], None]

PANELS: list[tuple[Action | None, Panel]] = [
    (Action.READ_ROUNDS, closing_soon_panel),
    (Action.READ_ROUNDS, milestones_due_panel),
    (Action.REVIEW_APPLICATIONS, reviews_due_panel),
    (Action.DRAFT_APPLICATIONS, my_sections_panel),
    (Action.VIEW_ROI_SUMMARY, roi_panel),
]


def panels_for(actor: Actor) -> list[Panel]:
    return [panel for needs, panel in PANELS if needs is None or can(actor.role, needs)]
