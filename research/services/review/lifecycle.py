"""Moving an application through its statuses, with the side effects each move has.

Every move is checked against the pure table in research.domain.lifecycle, and recorded
in the audit trail. 'Ready' must pass the readiness gate; when the only gaps are sections
not marked ready, the lead may mark it ready anyway by giving a reason, which is stored
(who, when, why, which sections) and audited. 'Awarded' records an Award with
a 100% share to the application's cluster, for the return dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from research.db.models import Application, Award, AwardShare, Funder, FundingRound, ReadinessNote, Review
from research.db.uow import UnitOfWork
from research.domain.application_status import ApplicationStatus as S
from research.domain.award_source import AwardSource
from research.domain.clock import utcnow
from research.domain.errors import Conflict, InvalidInput, PermissionDenied, Problem
from research.domain.lifecycle import Mover, check_move, next_statuses
from research.domain.locale import workspace_locale
from research.domain.money import parse_money
from research.domain.readiness import assess
from research.domain.reviewing import ReviewStatus
from research.domain.roles import Action, can
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.common.events import StatusChanged, publish
from research.services.common.rows import rows_changed
from research.services.drafting.access import get_application, is_team_member, leads
from research.services.drafting.application_view import template_of
from research.services.review.readiness import OVERRIDE, readiness_facts
from research.services.review.support import open_round, today_for


@dataclass(frozen=True)
class AwardInput:
    amount: Decimal | str
    awarded_on: date
    # The amount in the reporting currency, needed only when the application is in another one.
    amount_nzd: Decimal | str | None = None


@dataclass(frozen=True)
class StatusOptions:
    current: S
    targets: tuple[S, ...]
    currency: str


def mover_for(session: Session, actor: Actor, application: Application) -> Mover:
    if leads(actor, application):
        return Mover.LEAD
    if can(actor.role, Action.OVERSEE_APPLICATIONS):
        return Mover.MANAGER
    return Mover.OTHER


def status_options(uow: UnitOfWork, actor: Actor, application_id: int) -> StatusOptions:
    """Where this actor may move the application next (in review is reached by requesting a review)."""
    with uow as session:
        application = get_application(session, application_id)
        if not (is_team_member(session, actor.id, application) or can(actor.role, Action.OVERSEE_APPLICATIONS)):
            return StatusOptions(S(application.status), (), application.currency)
        targets = next_statuses(application.status, mover_for(session, actor, application))
        return StatusOptions(S(application.status), tuple(t for t in targets if t != S.IN_REVIEW), application.currency)


def move_application(
    uow: UnitOfWork,
    actor: Actor,
    application_id: int,
    target: str,
    award: AwardInput | None = None,
    note: str = "",
    today: date | None = None,
    override: str = "",
) -> S:
    """`override`: the lead's reason for marking the application ready while sections are not marked ready."""
    today = today or today_for(actor)
    with uow as session:
        application = get_application(session, application_id)
        new = check_move(application.status, target, mover_for(session, actor, application))
        if new == S.IN_REVIEW:
            raise Conflict(
                "To send the application for review, request a review round: it freezes the draft "
                "and invites the reviewers."
            )
        if new == S.READY:
            _gate(session, actor, application, override)
        _apply(session, actor, application, new, award, today)
        old, application.status = application.status, new.value
        record(
            session,
            actor.audit_id,
            "changed status",
            "application",
            application.id,
            old=old,
            new=new.value,
            **({"note": note.strip()} if note.strip() else {}),
        )
        publish(session, StatusChanged(actor.id, application.id, old, new.value))
        return new


def _apply(
    session: Session, actor: Actor, application: Application, new: S, award: AwardInput | None, today: date
) -> None:
    if new in (S.REVISING, S.READY, S.WITHDRAWN):
        _close_open_round(session, actor, application)
    if new == S.SUBMITTED:
        application.submitted_at = utcnow()
    if new in (S.AWARDED, S.DECLINED):
        application.decided_at = utcnow()
    if new == S.AWARDED:
        if award is None:
            raise InvalidInput(Problem("award", "enter the amount awarded and the date"))
        _record_award(session, actor, application, award, today)


def _gate(session: Session, actor: Actor, application: Application, override: str) -> None:
    """The readiness gate; sections not marked ready give way only to the lead's stated reason."""
    result = assess(readiness_facts(session, actor, application))
    if result.blocking:
        raise InvalidInput([Problem(g.area, g.message) for g in result.blocking])
    if not result.overridable:
        return
    if not leads(actor, application):
        raise PermissionDenied("Only the lead may mark an application ready while sections are not marked ready.")
    reason = override.strip()
    unmarked = [g.message for g in result.overridable]
    if not reason:
        raise InvalidInput(
            Problem(
                "reason",
                f"{len(unmarked)} required section{'s are' if len(unmarked) != 1 else ' is'} not marked ready; "
                "mark them ready, or give the reason for marking the application ready without them",
            )
        )
    session.add(
        ReadinessNote(
            application_id=application.id, kind=OVERRIDE, note=reason, detail="\n".join(unmarked), author_id=actor.id
        )
    )
    record(
        session,
        actor.audit_id,
        "marked ready over unready sections",
        "application",
        application.id,
        reason=reason,
        sections=len(unmarked),
    )


def _close_open_round(session: Session, actor: Actor, application: Application) -> None:
    """Close the round under review; invitations and reviews not yet submitted lapse."""
    review_round = open_round(session, application.id)
    if review_round is None:
        return
    review_round.closed_at = utcnow()
    lapsed = rows_changed(
        session.execute(
            update(Review)
            .where(
                Review.review_round_id == review_round.id,
                Review.status.in_([ReviewStatus.INVITED.value, ReviewStatus.ACCEPTED.value]),
            )
            .values(status=ReviewStatus.CANCELLED.value)
        )
    )
    record(
        session,
        actor.audit_id,
        "closed review round",
        "review_round",
        review_round.id,
        round=review_round.number,
        lapsed_reviews=lapsed,
    )


def _money(value: object, currency: str, where: str) -> Decimal:
    try:
        return parse_money(value, currency, allow_zero=False)
    except ValueError as exc:
        raise InvalidInput(Problem(where, str(exc))) from None


def _record_award(session: Session, actor: Actor, application: Application, award: AwardInput, today: date) -> None:
    amount = _money(award.amount, application.currency, "amount awarded")
    reporting = workspace_locale().currency
    if application.currency == reporting:
        amount_nzd = amount
    elif award.amount_nzd in (None, ""):
        raise InvalidInput(
            Problem(
                f"amount in {reporting}",
                f"the application is in {application.currency}; enter what the award is worth in {reporting}",
            )
        )
    else:
        amount_nzd = _money(award.amount_nzd, reporting, f"amount in {reporting}")
    if award.awarded_on > today:
        raise InvalidInput(Problem("award date", f"{award.awarded_on:%d %b %Y} is in the future"))
    if application.cluster_id is None:
        raise InvalidInput(
            Problem(
                "cluster",
                f"“{application.title}” belongs to no cluster, so the award cannot be credited; set its cluster first",
            )
        )
    if session.scalar(select(Award.id).where(Award.application_id == application.id)) is not None:
        raise Conflict("An award is already recorded for this application.")
    funder_id, funder_name, scheme = _funder(session, application)
    row = Award(
        identifier=f"RCW-APP-{application.id}",
        application_id=application.id,
        funder_id=funder_id,
        funder_name=funder_name,
        scheme=scheme,
        title=application.title,
        amount=amount,
        currency=application.currency,
        amount_nzd=amount_nzd,
        amount_applied_for=application.requested_amount,
        awarded_on=award.awarded_on,
        source=AwardSource.APPLICATION,
    )
    row.shares.append(AwardShare(cluster_id=application.cluster_id, percent=Decimal("100")))
    session.add(row)
    session.flush()
    record(
        session,
        actor.audit_id,
        "recorded award",
        "award",
        row.id,
        application=application.id,
        amount=str(amount),
        currency=application.currency,
        amount_nzd=str(amount_nzd),
    )


def _funder(session: Session, application: Application) -> tuple[int | None, str, str]:
    if application.round_id is not None:
        row = session.execute(
            select(Funder.id, Funder.name, FundingRound.scheme)
            .join(FundingRound, FundingRound.funder_id == Funder.id)
            .where(FundingRound.id == application.round_id)
        ).first()
        if row:
            return row.id, row.name, row.scheme
    spec = template_of(application)
    return None, (spec.funder if spec else "Funder not recorded"), (spec.scheme if spec else "")
