"""Who may draft an application: its team (lead and co-authors), nobody else.

Reading is wider (research/services/drafting/access.py): managers overseeing applications read them,
and reviewers read the frozen snapshot of their round. Every change to the text, the sections or the
team goes through `edit_application`/`edit_section`, which apply the one edit rule (`require_edit`).
"""

from __future__ import annotations

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from research.db.models import Application, ApplicationMember, Section
from research.domain.application_status import ApplicationStatus
from research.domain.errors import Conflict, NotFound, PermissionDenied
from research.domain.roles import Action, require
from research.domain.section_rules import is_editable
from research.services.common.actor import Actor
from research.services.drafting.access import get_application, is_team_member, require_edit

LEAD = "lead"
COAUTHOR = "coauthor"

# A member's role, read from the one place that records who leads: Application.lead_id.
# Queries using it join Application to ApplicationMember.
MEMBER_ROLE = case((ApplicationMember.user_id == Application.lead_id, LEAD), else_=COAUTHOR)


def member_role(session: Session, application_id: int, user_id: int) -> str | None:
    return session.scalar(
        select(MEMBER_ROLE)
        .join(Application, Application.id == ApplicationMember.application_id)
        .where(ApplicationMember.application_id == application_id, ApplicationMember.user_id == user_id)
    )


def team_application(session: Session, actor: Actor, application_id: int) -> Application:
    """The application, if the actor is on its team; otherwise a refusal saying why."""
    require(actor.role, Action.DRAFT_APPLICATIONS)
    application = get_application(session, application_id)
    if not is_team_member(session, actor.id, application):
        raise PermissionDenied("Only the application's team (its lead and co-authors) can open it.")
    return application


def edit_application(session: Session, actor: Actor, application_id: int) -> Application:
    """The application, if the actor may change it: on the team and not reviewing it."""
    require(actor.role, Action.DRAFT_APPLICATIONS)
    return require_edit(session, actor, application_id)


def lead_application(session: Session, actor: Actor, application_id: int) -> Application:
    application = edit_application(session, actor, application_id)
    if application.lead_id != actor.id:
        raise PermissionDenied("Only the application's lead can change its team.")
    return application


def _section(session: Session, section_id: int) -> Section:
    section = session.get(Section, section_id)
    if section is None:
        raise NotFound(f"There is no section with id {section_id}.")
    return section


def team_section(session: Session, actor: Actor, section_id: int) -> tuple[Section, Application]:
    """A section the actor may read as one of its team."""
    section = _section(session, section_id)
    return section, team_application(session, actor, section.application_id)


def edit_section(session: Session, actor: Actor, section_id: int) -> tuple[Section, Application]:
    """A section the actor may change: the one edit rule."""
    section = _section(session, section_id)
    return section, edit_application(session, actor, section.application_id)


def require_editable(application: Application) -> None:
    if not is_editable(application.status):
        label = ApplicationStatus(application.status).label
        raise Conflict(f"This application is {label}; its text can no longer be changed.")
