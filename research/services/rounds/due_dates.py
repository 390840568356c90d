"""Default due dates for sections: the round's "full draft for review" milestone."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from research.adapters.public_holidays import NZ_HOLIDAYS
from research.db.models import FundingRound
from research.domain.round_rules import milestones
from research.domain.round_values import local
from research.services.rounds.queries import stored_offsets

DRAFT_KIND = "draft"


def draft_due_date(session: Session, funding_round: FundingRound | None) -> date | None:
    """When section drafts are due: the round's draft milestone (its own offset or the default),
    counted in working days that skip weekends and New Zealand public holidays."""
    if funding_round is None:
        return None
    offsets = stored_offsets(session, [funding_round.id]).get(funding_round.id, {})
    for milestone in milestones(funding_round.closes_at, funding_round.timezone, offsets, NZ_HOLIDAYS):
        if milestone.kind == DRAFT_KIND:
            return local(milestone.due_at, funding_round.timezone).date()
    return None
