"""Who may read and edit an application: the team edits, reviewers read only their snapshot."""

import pytest
from sqlalchemy import select

from research.db.models import ReviewRound
from research.domain.errors import NotFound, PermissionDenied
from research.domain.roles import Role
from research.services.drafting import access, team
from research.services.review import comments as rc
from research.services.review import overview as review_overview
from research.services.review.rounds import invite_reviewers
from tests.integration.review_steps import TODAY, open_round_with, submit
from tests.review_builders import before_the_edit_rule, build_application


@pytest.fixture
def world(uow, make_actor):
    people = {
        "lead": make_actor(Role.RESEARCHER, "hana"),
        "coauthor": make_actor(Role.RESEARCHER, "wiremu"),
        "outsider": make_actor(Role.RESEARCHER, "mere"),
        "priya": make_actor(Role.REVIEWER, "priya"),
        "invited": make_actor(Role.REVIEWER, "james"),
        "researcher_reviewer": make_actor(Role.RESEARCHER, "ana"),
        "manager": make_actor(Role.MANAGER, "tama"),
        "admin": make_actor(Role.ADMIN, "aroha"),
    }
    app_id = build_application(uow, people["lead"], members=(people["coauthor"],))
    ids = open_round_with(uow, people["lead"], app_id, [people["priya"], people["researcher_reviewer"]])
    # James is invited but never accepts.
    invite_reviewers(uow, people["lead"], app_id, [people["invited"].id], today=TODAY)
    with uow as session:
        round_id = session.scalar(select(ReviewRound.id))
    return people, app_id, round_id, ids


def check(uow, fn, *args):
    with uow as session:
        return fn(session, *args)


READS = {
    "lead": True,
    "coauthor": True,
    "manager": True,
    "outsider": False,
    "priya": False,
    "invited": False,
    "researcher_reviewer": False,
    "admin": False,
}
SNAPSHOT = {**READS, "priya": True, "researcher_reviewer": True}
EDITS = {**READS, "manager": False}


@pytest.mark.parametrize("who", list(READS))
def test_who_reads_the_draft_the_snapshot_and_who_edits(uow, world, who):
    people, app_id, round_id, _ = world
    actor = people[who]
    assert check(uow, access.may_read_application, actor, app_id) is READS[who]
    assert check(uow, access.may_read_snapshot, actor, round_id) is SNAPSHOT[who]
    assert check(uow, access.may_edit, actor, app_id) is EDITS[who]


@pytest.mark.parametrize("who", ["priya", "researcher_reviewer", "invited"])
def test_a_reviewer_can_never_edit_the_draft(uow, world, who):
    people, app_id, _, _ = world
    with pytest.raises(PermissionDenied, match="Only the team of"):
        check(uow, access.require_edit, people[who], app_id)


def test_a_reviewer_later_added_to_the_team_still_cannot_edit(uow, world):
    people, app_id, _, _ = world
    with before_the_edit_rule():
        team.invite_coauthor(uow, people["lead"], app_id, people["researcher_reviewer"].id)
    assert check(uow, access.may_read_application, people["researcher_reviewer"], app_id) is True
    assert check(uow, access.may_edit, people["researcher_reviewer"], app_id) is False


@pytest.mark.parametrize("who", ["outsider", "priya", "admin"])
def test_a_researcher_off_the_team_can_never_read_the_draft(uow, world, who):
    people, app_id, round_id, _ = world
    with pytest.raises(PermissionDenied, match="not on this application's team"):
        review_overview.review_overview(uow, people[who], app_id)
    with pytest.raises(PermissionDenied):
        review_overview.changes_since_review(uow, people[who], app_id, round_id)
    with pytest.raises(PermissionDenied):
        rc.section_threads(uow, people[who], app_id)


def test_require_team_member_names_the_application(uow, world):
    people, app_id, _, _ = world
    assert check(uow, access.require_team_member, people["coauthor"], app_id).id == app_id
    with pytest.raises(PermissionDenied, match="Only the team of “River memory"):
        check(uow, access.require_team_member, people["manager"], app_id)
    with pytest.raises(NotFound, match="no application with id 999"):
        check(uow, access.require_team_member, people["lead"], 999)


def test_a_submitted_reviewer_keeps_reading_only_their_snapshot(uow, world):
    people, app_id, round_id, ids = world
    submit(uow, people["priya"], ids[people["priya"].id])
    assert check(uow, access.may_read_snapshot, people["priya"], round_id) is True
    assert check(uow, access.may_read_application, people["priya"], app_id) is False
