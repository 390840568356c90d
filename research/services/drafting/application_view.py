"""An application as its team sees it: header, team, and every section's status and count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from research.db.models import Application, ApplicationMember, Cluster, Funder, FundingRound, Section, User
from research.db.uow import UnitOfWork
from research.domain.application_limits import SharedCheck, check_application
from research.domain.counting import LimitCheck
from research.domain.section_rules import SectionStatus, is_editable
from research.domain.stored_template import copied_template, stored_limit
from research.domain.template_spec import Limit, PageFormat, SharedLimit, TemplateSpec
from research.services.common.actor import Actor
from research.services.drafting.team_access import MEMBER_ROLE, team_application


@dataclass(frozen=True)
class Member:
    user_id: int
    name: str
    role: str


@dataclass(frozen=True)
class SectionSummary:
    id: int
    key: str
    title: str
    required: bool
    status: str
    owner_id: int | None
    owner: str
    due_on: date | None
    version: int
    check: LimitCheck
    shared_over: tuple[str, ...]


@dataclass(frozen=True)
class ApplicationDetail:
    id: int
    title: str
    status: str
    editable: bool
    funder: str
    round_name: str
    round_id: int | None
    closes_at: datetime | None
    cluster: str
    requested: Decimal | None
    currency: str
    template_key: str
    template_name: str
    lead_id: int
    my_role: str
    members: tuple[Member, ...]
    sections: tuple[SectionSummary, ...]
    shared: tuple[SharedCheck, ...]
    round_timezone: str = ""  # the zone the round's deadline is stated in

    @property
    def required_count(self) -> int:
        return sum(1 for s in self.sections if s.required)

    @property
    def ready_count(self) -> int:
        return sum(1 for s in self.sections if s.required and s.status == SectionStatus.READY)

    def section(self, section_id: int) -> SectionSummary:
        return next(s for s in self.sections if s.id == section_id)


def section_limit(section: Section) -> Limit | None:
    """The section's limit, read by the one rule (research/domain/stored_template.py)."""
    return stored_limit(section.limit_unit, section.limit_max, section.title)


def template_of(application: Application) -> TemplateSpec | None:
    """The template copied into the application, read by the one rule; None if it was started without one."""
    return copied_template(application.template_spec, application.title)


def page_and_shared(application: Application) -> tuple[PageFormat, tuple[SharedLimit, ...]]:
    """The copied template's page format and shared limits (defaults if none was copied)."""
    spec = template_of(application)
    return (spec.page, spec.shared_limits) if spec else (PageFormat(), ())


def _members(session: Session, application_id: int) -> tuple[Member, ...]:
    rows = session.execute(
        select(ApplicationMember.user_id, User.display_name, MEMBER_ROLE)
        .join(User, User.id == ApplicationMember.user_id)
        .join(Application, Application.id == ApplicationMember.application_id)
        .where(ApplicationMember.application_id == application_id)
        .order_by(ApplicationMember.id)
    ).all()
    return tuple(Member(*row) for row in rows)


def _round(session: Session, application: Application) -> tuple[str, str, datetime | None, str]:
    if application.round_id is None:
        return "", "", None, ""
    row = session.execute(
        select(Funder.name, FundingRound.name, FundingRound.closes_at, FundingRound.timezone)
        .join(Funder, Funder.id == FundingRound.funder_id)
        .where(FundingRound.id == application.round_id)
    ).one()
    return row[0], row[1], row[2], row[3]


def _summaries(
    session: Session, application: Application
) -> tuple[tuple[SectionSummary, ...], tuple[SharedCheck, ...]]:
    rows = session.execute(
        select(Section, User.display_name)
        .outerjoin(User, User.id == Section.owner_id)
        .where(Section.application_id == application.id)
        .order_by(Section.position)
    ).all()
    page, shared = page_and_shared(application)
    checks = check_application(
        {s.key: s.body for s, _ in rows}, {s.key: section_limit(s) for s, _ in rows}, shared, page
    )
    summaries = tuple(
        SectionSummary(
            s.id,
            s.key,
            s.title,
            s.required,
            s.status,
            s.owner_id,
            owner or "",
            s.due_on,
            s.version,
            checks.sections[s.key],
            tuple(g.title for g in checks.shared_over_for(s.key)),
        )
        for s, owner in rows
    )
    return summaries, checks.shared


def _template_name(application: Application) -> str:
    spec = template_of(application)
    return spec.name if spec else str(application.template_key or "")


def application_detail(uow: UnitOfWork, actor: Actor, application_id: int) -> ApplicationDetail:
    with uow as session:
        application = team_application(session, actor, application_id)
        members = _members(session, application.id)
        funder, round_name, closes_at, round_zone = _round(session, application)
        cluster = session.get(Cluster, application.cluster_id) if application.cluster_id else None
        sections, shared = _summaries(session, application)
        my_role = next(m.role for m in members if m.user_id == actor.id)
        return ApplicationDetail(
            application.id,
            application.title,
            application.status,
            is_editable(application.status),
            funder,
            round_name,
            application.round_id,
            closes_at,
            cluster.name if cluster else "",
            application.requested_amount,
            application.currency,
            application.template_key,
            _template_name(application),
            application.lead_id,
            my_role,
            members,
            sections,
            shared,
            round_zone,
        )
