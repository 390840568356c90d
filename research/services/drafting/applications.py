"""Starting applications from a template, and listing them: one's own, or the unit's pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Subquery, and_, func, select
from sqlalchemy.orm import Session, aliased

from research.db.models import (
    Application,
    ApplicationMember,
    Cluster,
    Funder,
    FundingRound,
    Section,
    User,
)
from research.db.uow import UnitOfWork
from research.domain.application_status import ApplicationStatus
from research.domain.clock import as_utc, utcnow
from research.domain.errors import InvalidInput, NotFound, PermissionDenied, Problem
from research.domain.locale import workspace_locale
from research.domain.money import parse_money
from research.domain.roles import Action, Role, can, require
from research.domain.round_values import format_moment
from research.domain.section_rules import SectionStatus
from research.domain.template_spec import TemplateSpec, template_to_dict
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.drafting.team_access import MEMBER_ROLE
from research.services.drafting.templates import find_template
from research.services.rounds.due_dates import draft_due_date


@dataclass(frozen=True)
class RoundChoice:
    id: int
    label: str
    template_key: str | None
    currency: str
    closes_at: datetime


@dataclass(frozen=True)
class ApplicationRow:
    id: int
    title: str
    status: str
    my_role: str
    lead: str
    funder: str
    round_name: str
    closes_at: datetime | None
    requested: Decimal | None
    currency: str
    template_name: str
    required_sections: int
    ready_sections: int
    round_timezone: str = ""  # the zone the round's deadline is stated in


@dataclass(frozen=True)
class PipelineRow:
    id: int
    title: str
    status: str
    lead: str
    funder: str
    round_name: str
    cluster: str
    requested: Decimal | None
    currency: str
    created_at: datetime


def round_choices(uow: UnitOfWork, actor: Actor) -> list[RoundChoice]:
    """Rounds an application can still be started for: not archived, not yet closed."""
    require(actor.role, Action.DRAFT_APPLICATIONS)
    with uow as session:
        rows = session.execute(
            select(FundingRound, Funder.name)
            .join(Funder, Funder.id == FundingRound.funder_id)
            .where(FundingRound.archived_at.is_(None), FundingRound.closes_at >= utcnow())
            .order_by(FundingRound.closes_at)
        ).all()
        return [
            RoundChoice(
                r.id,
                f"{funder} — {r.name} (closes {format_moment(r.closes_at, r.timezone, False)})",
                r.template_key,
                r.currency,
                r.closes_at,
            )
            for r, funder in rows
        ]


def cluster_choices(uow: UnitOfWork) -> list[tuple[int, str]]:
    with uow as session:
        return [(c.id, c.name) for c in session.scalars(select(Cluster).order_by(Cluster.name))]


def parse_amount(
    raw: str | Decimal | None, currency: str | None = None, field: str = "requested amount"
) -> Decimal | None:
    """'$1,200,000' -> Decimal('1200000.00'); blank -> None; more than 0, in `currency`."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        return parse_money(raw, currency, allow_zero=False)
    except ValueError as exc:
        raise InvalidInput(Problem(field, str(exc))) from None


def _open_round(session: Session, round_id: int) -> FundingRound:
    funding_round = session.get(FundingRound, round_id)
    if funding_round is None:
        raise InvalidInput(Problem("round", f"there is no funding round with id {round_id}"))
    if funding_round.archived_at is not None:
        raise InvalidInput(Problem("round", f"{funding_round.name} is archived"))
    if as_utc(funding_round.closes_at) < utcnow():
        closed = format_moment(funding_round.closes_at, funding_round.timezone, False)
        raise InvalidInput(Problem("round", f"{funding_round.name} closed on {closed}"))
    return funding_round


def _template(session: Session, key: str | None, funding_round: FundingRound | None) -> TemplateSpec:
    key = (key or "").strip() or (funding_round.template_key if funding_round else None)
    if not key:
        raise InvalidInput(Problem("template", "choose the funder's template (the round suggests none)"))
    try:
        return find_template(session, key)
    except NotFound:
        raise InvalidInput(Problem("template", f"there is no template {key!r}")) from None


def _check_new(session: Session, title: str, cluster_id: int | None) -> list[Problem]:
    problems = []
    if not title:
        problems.append(Problem("title", "must not be empty"))
    elif len(title) > 300:
        problems.append(Problem("title", f"must be at most 300 characters, not {len(title)}"))
    if cluster_id is not None and session.get(Cluster, cluster_id) is None:
        problems.append(Problem("cluster", f"there is no cluster with id {cluster_id}"))
    return problems


def add_sections(application: Application, spec: TemplateSpec, due_on: date | None) -> None:
    """Copy the template's sections into the application, empty."""
    for position, item in enumerate(spec.sections):
        application.sections.append(
            Section(
                key=item.key,
                title=item.title,
                guidance=item.guidance,
                required=item.required,
                position=position,
                limit_unit=item.limit.unit if item.limit else None,
                limit_max=item.limit.max if item.limit else None,
                body="",
                status=SectionStatus.EMPTY.value,
                version=0,
                revision_count=0,
                due_on=due_on,
            )
        )


def start_application(
    uow: UnitOfWork,
    actor: Actor,
    *,
    title: str,
    round_id: int | None,
    cluster_id: int | None,
    requested: str | Decimal | None,
    template_key: str | None = None,
) -> int:
    """Start an application with the actor as lead; returns its id."""
    require(actor.role, Action.DRAFT_APPLICATIONS)
    title = (title or "").strip()
    with uow as session:
        problems = _check_new(session, title, cluster_id)
        funding_round, spec, amount = None, None, None
        try:
            funding_round = _open_round(session, round_id) if round_id is not None else None
            spec = _template(session, template_key, funding_round)
        except InvalidInput as exc:
            problems += exc.problems
        currency = funding_round.currency if funding_round else workspace_locale().currency
        try:
            amount = parse_amount(requested, currency)
        except InvalidInput as exc:
            problems += exc.problems
        if problems:
            raise InvalidInput(problems)
        assert spec is not None  # _template returns one or raises InvalidInput
        application = Application(
            title=title,
            round_id=round_id,
            cluster_id=cluster_id,
            lead_id=actor.id,
            status=ApplicationStatus.DRAFTING.value,
            requested_amount=amount,
            currency=currency,
            template_key=spec.key,
            template_spec=template_to_dict(spec),
        )
        application.members.append(ApplicationMember(user_id=actor.id))
        add_sections(application, spec, draft_due_date(session, funding_round))
        session.add(application)
        session.flush()
        record(
            session,
            actor.audit_id,
            "started application",
            "application",
            application.id,
            title=title,
            template=spec.key,
            round_id=round_id,
        )
        return application.id


def _progress(member_id: int) -> Subquery:
    """Required and ready sections of the applications this user is on (not of every application)."""
    mine = select(ApplicationMember.application_id).where(ApplicationMember.user_id == member_id)
    return (
        select(
            Section.application_id,
            func.count().filter(Section.required).label("required"),
            func.count().filter(and_(Section.required, Section.status == SectionStatus.READY.value)).label("ready"),
        )
        .where(Section.application_id.in_(mine))
        .group_by(Section.application_id)
        .subquery()
    )


def my_applications(uow: UnitOfWork, actor: Actor) -> list[ApplicationRow]:
    """The applications the actor is on the team of, newest first, with section progress."""
    require(actor.role, Action.DRAFT_APPLICATIONS)
    lead, progress = aliased(User), _progress(actor.id)
    query = (
        select(
            Application.id,
            Application.title,
            Application.status,
            MEMBER_ROLE,
            lead.display_name,
            func.coalesce(Funder.name, Application.template_spec["funder"].as_string()),
            FundingRound.name,
            FundingRound.closes_at,
            Application.requested_amount,
            Application.currency,
            Application.template_spec["name"].as_string(),
            func.coalesce(progress.c.required, 0),
            func.coalesce(progress.c.ready, 0),
            FundingRound.timezone,
        )
        .join(
            ApplicationMember,
            and_(ApplicationMember.application_id == Application.id, ApplicationMember.user_id == actor.id),
        )
        .join(lead, lead.id == Application.lead_id)
        .outerjoin(FundingRound, FundingRound.id == Application.round_id)
        .outerjoin(Funder, Funder.id == FundingRound.funder_id)
        .outerjoin(progress, progress.c.application_id == Application.id)
        .order_by(Application.created_at.desc(), Application.id.desc())
    )
    with uow as session:
        return [
            ApplicationRow(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5] or "",
                r[6] or "",
                r[7],
                r[8],
                r[9],
                r[10] or "",
                r[11],
                r[12],
                r[13] or "",
            )
            for r in session.execute(query)
        ]


def pipeline(uow: UnitOfWork, actor: Actor) -> list[PipelineRow]:
    """Every application with title, status and amounts, for managers and admins: no text."""
    if not (can(actor.role, Action.OVERSEE_APPLICATIONS) or actor.role == Role.ADMIN):
        raise PermissionDenied(f"{actor.role.article.capitalize()} {actor.role.value} may not list every application.")
    lead = aliased(User)
    query = (
        select(
            Application.id,
            Application.title,
            Application.status,
            lead.display_name,
            Funder.name,
            FundingRound.name,
            Cluster.name,
            Application.requested_amount,
            Application.currency,
            Application.created_at,
        )
        .join(lead, lead.id == Application.lead_id)
        .outerjoin(FundingRound, FundingRound.id == Application.round_id)
        .outerjoin(Funder, Funder.id == FundingRound.funder_id)
        .outerjoin(Cluster, Cluster.id == Application.cluster_id)
        .order_by(Application.created_at.desc(), Application.id.desc())
    )
    with uow as session:
        return [
            PipelineRow(r[0], r[1], r[2], r[3], r[4] or "", r[5] or "", r[6] or "", r[7], r[8], r[9])
            for r in session.execute(query)
        ]
