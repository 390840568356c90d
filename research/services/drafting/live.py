"""Who may join a section's live co-writing room, and whether their typing is accepted.

The edit rule is access.may_edit (one rule for every way of writing); the room adds only
that text is frozen once the application left drafting. Whoever may read the live draft
(managers overseeing it, the team after submission) joins read-only: they see the typing,
their own updates are dropped. Everyone else is refused before the socket opens.
"""

from __future__ import annotations

from dataclasses import dataclass

from research.db.models import Section
from research.db.uow import UnitOfWork
from research.domain.errors import NotFound, PermissionDenied
from research.domain.section_rules import is_editable
from research.services.common.actor import Actor
from research.services.drafting.access import get_application, may_edit, may_read_application


@dataclass(frozen=True)
class LiveGrant:
    section_id: int
    application_id: int
    user_id: int
    name: str
    can_write: bool


def join_section(uow: UnitOfWork, actor: Actor, section_id: int) -> LiveGrant:
    """The actor's right in the section's room; PermissionDenied when they may not even read it."""
    with uow as session:
        section = session.get(Section, section_id)
        if section is None:
            raise NotFound(f"There is no section with id {section_id}.")
        application_id = section.application_id
        if not may_read_application(session, actor, application_id):
            raise PermissionDenied("Only the application's team may open this section.")
        writes = may_edit(session, actor, application_id) and is_editable(
            get_application(session, application_id).status
        )
        return LiveGrant(section_id, application_id, actor.id, actor.display_name, writes)
