"""An application's team: the lead invites and removes co-authors; members assign sections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select, update

from research.db.models import Application, ApplicationMember, FundingRound, Section, User
from research.db.uow import UnitOfWork
from research.domain.errors import InvalidInput, NotFound, Problem
from research.domain.roles import Action, Role, can
from research.domain.section_rules import EDITABLE, SectionStatus
from research.services.accounts.users import UserRow, user_row
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.common.events import SectionAssigned, publish
from research.services.common.listing import contains_text
from research.services.drafting.access import reviews_application
from research.services.drafting.application_view import Member
from research.services.drafting.team_access import (
    COAUTHOR,
    edit_section,
    lead_application,
    member_role,
    team_application,
)
from research.services.rounds.due_dates import draft_due_date


@dataclass(frozen=True)
class MySection:
    application_id: int
    application_title: str
    section_id: int
    section_title: str
    status: str
    due_on: date | None


@dataclass(frozen=True)
class Assignment:
    section_id: int
    owner_id: int | None
    due_on: date | None


def coauthor_candidates(
    uow: UnitOfWork, actor: Actor, application_id: int, search: str = "", limit: int | None = None
) -> list[UserRow]:
    """Active researchers not yet on the team whose name, username or email contains `search`, by name."""
    on_team = select(ApplicationMember.user_id).where(ApplicationMember.application_id == application_id)
    conditions = [User.is_active, User.role == Role.RESEARCHER.value, User.id.not_in(on_team)]
    matches = contains_text([User.display_name, User.username, User.email], search)
    with uow as session:
        team_application(session, actor, application_id)
        users = session.scalars(
            select(User)
            .where(*conditions, *([matches] if matches is not None else []))
            .order_by(User.display_name, User.id)
            .limit(limit)
        )
        return [user_row(u) for u in users]


def invite_coauthor(uow: UnitOfWork, actor: Actor, application_id: int, user_id: int) -> Member:
    with uow as session:
        application = lead_application(session, actor, application_id)
        user = session.get(User, user_id)
        if user is None or not user.is_active:
            raise InvalidInput(Problem("co-author", "choose an active user"))
        if not can(user.role, Action.DRAFT_APPLICATIONS):
            raise InvalidInput(
                Problem(
                    "co-author", f"{user.display_name} is a {user.role}; only researchers can co-author applications"
                )
            )
        if member_role(session, application.id, user.id) is not None:
            raise InvalidInput(Problem("co-author", f"{user.display_name} is already on the team"))
        if reviews_application(session, user.id, application.id):
            raise InvalidInput(
                Problem("co-author", f"{user.display_name} is reviewing this application, so cannot also write it")
            )
        session.add(ApplicationMember(application_id=application.id, user_id=user.id))
        record(session, actor.audit_id, "added co-author", "application", application.id, user_id=user.id)
        return Member(user.id, user.display_name, COAUTHOR)


def remove_coauthor(uow: UnitOfWork, actor: Actor, application_id: int, user_id: int) -> Member:
    """Take a co-author off the team; the sections they owned become unassigned."""
    with uow as session:
        application = lead_application(session, actor, application_id)
        if user_id == application.lead_id:
            raise InvalidInput(Problem("co-author", "the lead cannot be removed from the team"))
        member = session.scalar(
            select(ApplicationMember).where(
                ApplicationMember.application_id == application.id, ApplicationMember.user_id == user_id
            )
        )
        if member is None:
            raise NotFound("That person is not on this application's team.")
        session.delete(member)
        session.execute(
            update(Section)
            .where(Section.application_id == application.id, Section.owner_id == user_id)
            .values(owner_id=None)
        )
        record(session, actor.audit_id, "removed co-author", "application", application.id, user_id=user_id)
        return Member(user_id, session.get_one(User, user_id).display_name, COAUTHOR)


def default_due_date(uow: UnitOfWork, actor: Actor, application_id: int) -> date | None:
    """The round's draft milestone for this application, or None if it has none."""
    with uow as session:
        application = team_application(session, actor, application_id)
        funding_round = session.get(FundingRound, application.round_id) if application.round_id else None
        return draft_due_date(session, funding_round)


def assign_section(
    uow: UnitOfWork, actor: Actor, section_id: int, owner_id: int | None, due_on: date | None
) -> Assignment:
    """Give a section to a team member (or to no one) with a due date (or none)."""
    with uow as session:
        section, application = edit_section(session, actor, section_id)
        if owner_id is not None and member_role(session, application.id, owner_id) is None:
            raise InvalidInput(Problem("owner", "must be on the application's team"))
        before = (section.owner_id, section.due_on)
        section.owner_id, section.due_on = owner_id, due_on
        if before != (owner_id, due_on):
            record(
                session,
                actor.audit_id,
                "assigned section",
                "section",
                section.id,
                owner_id=owner_id,
                due_on=due_on.isoformat() if due_on else None,
            )
            publish(session, SectionAssigned(actor.id, section.id))
        return Assignment(section.id, owner_id, due_on)


def my_sections(uow: UnitOfWork, actor: Actor, limit: int = 8) -> list[MySection]:
    """Sections assigned to the actor that are not ready yet, soonest due first."""
    if not can(actor.role, Action.DRAFT_APPLICATIONS):
        return []
    query = (
        select(Application.id, Application.title, Section.id, Section.title, Section.status, Section.due_on)
        .join(Application, Application.id == Section.application_id)
        .join(
            ApplicationMember,
            and_(ApplicationMember.application_id == Application.id, ApplicationMember.user_id == actor.id),
        )
        .where(
            Section.owner_id == actor.id,
            Section.status != SectionStatus.READY.value,
            Application.status.in_([s.value for s in EDITABLE]),
        )
        .order_by(Section.due_on.is_(None), Section.due_on, Application.id, Section.position)
        .limit(limit)
    )
    with uow as session:
        return [MySection(*row) for row in session.execute(query)]
