"""Gathering an application for export to Word, as those who may read it see it.

The text can be the current one, the one frozen for a review round (its snapshot), or the
latest saved revision at or before a chosen time. research/export/docx_application
writes the result; the two meet in the UI and CLI because services and export are
independent layers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from research.db.models import (
    Application,
    ApplicationMember,
    Funder,
    FundingRound,
    ReviewRound,
    Section,
    User,
)
from research.db.uow import UnitOfWork
from research.domain.application_status import IN_FLIGHT
from research.domain.clock import as_utc, utcnow
from research.domain.errors import InvalidInput, NotFound, Problem
from research.domain.export_document import ExportDocument, ExportSection
from research.domain.locale import workspace_locale
from research.services.common.actor import Actor
from research.services.drafting.access import require_read
from research.services.drafting.application_view import page_and_shared, section_limit, template_of
from research.services.drafting.team_access import LEAD, MEMBER_ROLE
from research.services.drafting.texts import find_review_round, frozen_texts, texts_as_at


@dataclass(frozen=True)
class TextVersion:
    """Which text to export: 'current', 'review_round' (by id or number) or 'at_time' (with a moment)."""

    kind: str = "current"
    review_round_id: int | None = None
    at: datetime | None = None
    review_round_number: int | None = None

    @classmethod
    def review_round(cls, review_round_id: int) -> TextVersion:
        return cls("review_round", review_round_id=review_round_id)

    @classmethod
    def review_round_numbered(cls, number: int) -> TextVersion:
        return cls("review_round", review_round_number=number)

    @classmethod
    def at_time(cls, moment: datetime) -> TextVersion:
        return cls("at_time", at=moment)


CURRENT = TextVersion()


@dataclass(frozen=True)
class ApplicationChoice:
    id: int
    title: str
    status: str


@dataclass(frozen=True)
class SectionChoice:
    id: int
    title: str


@dataclass(frozen=True)
class RoundChoice:
    id: int
    number: int
    requested_at: datetime


@dataclass(frozen=True)
class ExportChoices:
    application_id: int
    title: str
    sections: tuple[SectionChoice, ...]
    review_rounds: tuple[RoundChoice, ...]
    template_key: str = ""


def my_applications(uow: UnitOfWork, actor: Actor) -> list[ApplicationChoice]:
    """The applications the actor is on the team of: those still in flight first, then by title."""
    in_flight = [status.value for status in IN_FLIGHT]
    with uow as session:
        rows = session.execute(
            select(Application.id, Application.title, Application.status)
            .join(ApplicationMember, ApplicationMember.application_id == Application.id)
            .where(ApplicationMember.user_id == actor.id)
            .order_by(case((Application.status.in_(in_flight), 0), else_=1), Application.title)
        ).all()
        return [ApplicationChoice(*row) for row in rows]


def export_choices(uow: UnitOfWork, actor: Actor, application_id: int) -> ExportChoices:
    with uow as session:
        application = require_read(session, actor, application_id)
        sections = session.execute(
            select(Section.id, Section.title).where(Section.application_id == application_id).order_by(Section.position)
        ).all()
        rounds = session.execute(
            select(ReviewRound.id, ReviewRound.number, ReviewRound.requested_at)
            .where(ReviewRound.application_id == application_id)
            .order_by(ReviewRound.number)
        ).all()
        return ExportChoices(
            application.id,
            application.title,
            tuple(SectionChoice(*s) for s in sections),
            tuple(RoundChoice(r.id, r.number, as_utc(r.requested_at)) for r in rounds),
            application.template_key or "",
        )


def export_document(
    uow: UnitOfWork, actor: Actor, application_id: int, version: TextVersion = CURRENT, section_id: int | None = None
) -> ExportDocument:
    """The application (or one of its sections) as it reads in `version`; team members only."""
    with uow as session:
        application = require_read(session, actor, application_id)
        return _document(session, application, version, section_id, ZoneInfo(actor.timezone))


def export_document_as_operator(
    uow: UnitOfWork,
    application_id: int,
    version: TextVersion = CURRENT,
    section_id: int | None = None,
    timezone: str | None = None,
) -> ExportDocument:
    """The same, for the command line: whoever runs it on the server already has every right."""
    with uow as session:
        application = session.get(Application, application_id)
        if application is None:
            raise NotFound(f"There is no application with id {application_id}.")
        zone = ZoneInfo(timezone) if timezone else workspace_locale().zone
        return _document(session, application, version, section_id, zone)


def current_document(session: Session, application: Application) -> ExportDocument:
    """The application's current text as it would be exported (for measuring its pages)."""
    return _document(session, application, CURRENT, None, workspace_locale().zone)


def _document(
    session: Session, application: Application, version: TextVersion, section_id: int | None, zone: ZoneInfo
) -> ExportDocument:
    every = _sections(session, application.id, None)
    numbers = {s.id: place for place, s in enumerate(every, start=1)}
    sections = [s for s in every if section_id is None or s.id == section_id]
    if not sections and section_id is not None:
        raise NotFound(f"This application has no section with id {section_id}.")
    bodies, source = _bodies(session, application.id, sections, version, zone)
    funder, scheme, round_name = _round_facts(session, application)
    page, shared = page_and_shared(application)
    return ExportDocument(
        title=application.title,
        funder=funder,
        scheme=scheme,
        round_name=round_name,
        team=_team(session, application.id),
        dated=_today(zone),
        text_source=source,
        template_key=application.template_key,
        page=page,
        sections=tuple(
            ExportSection(s.key, s.title, bodies.get(s.id, ""), section_limit(s), numbers[s.id], s.required)
            for s in sections
        ),
        shared_limits=shared,
    )


def _today(zone: ZoneInfo) -> date:
    return utcnow().astimezone(zone).date()


def _sections(session: Session, application_id: int, section_id: int | None) -> list[Section]:
    query = select(Section).where(Section.application_id == application_id).order_by(Section.position)
    if section_id is not None:
        query = query.where(Section.id == section_id)
    sections = list(session.scalars(query))
    if section_id is not None and not sections:
        raise NotFound(f"This application has no section with id {section_id}.")
    return sections


def _bodies(
    session: Session, application_id: int, sections: list[Section], version: TextVersion, zone: ZoneInfo
) -> tuple[dict[int, str], str]:
    if version.kind == "current":
        return {s.id: s.body for s in sections}, "Current text"
    if version.kind == "review_round":
        review_round = find_review_round(session, application_id, version.review_round_id, version.review_round_number)
        frozen = as_utc(review_round.requested_at).astimezone(zone)
        label = f"As frozen for review round {review_round.number} ({frozen.day} {frozen:%B %Y})"
        return frozen_texts(session, review_round.id), label
    if version.kind == "at_time" and version.at is not None:
        moment = as_utc(version.at)
        local = moment.astimezone(zone)
        label = f"As saved at {local.day} {local:%B %Y, %H:%M} ({zone.key})"
        return texts_as_at(session, [s.id for s in sections], moment), label
    raise InvalidInput(Problem("version", f"{version.kind!r} is not a text version (current, review round, time)"))


def _round_facts(session: Session, application: Application) -> tuple[str, str, str]:
    if application.round_id is not None:
        row = session.execute(
            select(Funder.name, FundingRound.scheme, FundingRound.name)
            .join(Funder, Funder.id == FundingRound.funder_id)
            .where(FundingRound.id == application.round_id)
        ).first()
        if row is not None:
            return row[0], row[1], row[2]
    spec = template_of(application)
    return (spec.funder, spec.scheme, "") if spec else ("", "", "")


def _team(session: Session, application_id: int) -> tuple[str, ...]:
    rows = session.execute(
        select(User.display_name, MEMBER_ROLE)
        .join(User, User.id == ApplicationMember.user_id)
        .join(Application, Application.id == ApplicationMember.application_id)
        .where(ApplicationMember.application_id == application_id)
        .order_by(case((MEMBER_ROLE == LEAD, 0), else_=1), ApplicationMember.id)
    ).all()
    return tuple(f"{name} (lead)" if role == LEAD else name for name, role in rows)
