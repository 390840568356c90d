"""One edit rule: the team only, and never someone reviewing the application (research/services/drafting/access.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from research.db.models import Review
from research.domain.errors import InvalidInput, PermissionDenied
from research.domain.roles import Role
from research.services.drafting import presence, sections
from research.services.drafting import team as application_team
from research.services.review import rounds as review_rounds
from tests.integration.access.test_access_matrix import table_contents
from tests.integration.access_world import build_world
from tests.review_builders import FAR_DUE


def test_a_co_author_who_reviews_the_application_cannot_change_its_text(uow, make_actor):
    """The hole: accepted a review, then was added to the team by the lead, and could save."""
    world = build_world(uow, make_actor, Role.RESEARCHER, "reviewing")
    actor, section = world.actor, world.section_id
    before = table_contents(uow)
    for attempt in (
        lambda: sections.save_section(uow, actor, section, "The reviewer's own words.", 1),
        lambda: sections.restore_revision(uow, actor, section, 1, 1),
        lambda: sections.set_section_ready(uow, actor, section, True),
        lambda: presence.mark_present(uow, actor, section),
        lambda: application_team.assign_section(uow, actor, section, actor.id, FAR_DUE),
    ):
        with pytest.raises(PermissionDenied, match="review"):
            attempt()
    assert table_contents(uow) == before


def test_the_lead_cannot_invite_someone_reviewing_the_application(uow, make_actor):
    world = build_world(uow, make_actor, Role.RESEARCHER, "lead")
    spare = world.people["spare"]
    review_rounds.invite_reviewers(uow, world.actor, world.reviewed_id, [spare.id], FAR_DUE)
    with uow as session:
        review_id = session.scalar(select(Review.id).where(Review.reviewer_id == spare.id))
    review_rounds.respond_to_invitation(uow, spare, review_id, True, False)
    before = table_contents(uow)
    with pytest.raises(InvalidInput) as refused:
        application_team.invite_coauthor(uow, world.actor, world.reviewed_id, spare.id)
    assert "co-author" in str(refused.value) and "reviewing" in str(refused.value)
    assert table_contents(uow) == before
    application_team.invite_coauthor(uow, world.actor, world.draft_id, spare.id)  # not reviewing that one


def test_a_team_member_cannot_accept_a_review_of_their_application(uow, make_actor):
    world = build_world(uow, make_actor, Role.RESEARCHER, "reviewing")
    before = table_contents(uow)
    with pytest.raises(PermissionDenied, match="team"):
        review_rounds.respond_to_invitation(uow, world.actor, world.invitation_id, True, False)
    assert table_contents(uow) == before
    declined = review_rounds.respond_to_invitation(uow, world.actor, world.invitation_id, False, False, "On the team.")
    assert declined.value == "declined"
