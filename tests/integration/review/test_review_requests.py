"""Requesting review: the snapshot, invitations, conflicts of interest, replies, due dates."""

from datetime import date

import pytest
from sqlalchemy import func, select

from research.db.models import Application, AuditEvent, Review, ReviewRound, SectionRevision, SnapshotSection
from research.domain.errors import Conflict, DomainError, InvalidInput, PermissionDenied
from research.domain.reviewing import ReviewStatus
from research.domain.roles import Role
from research.services.review import rounds as rr
from tests.review_builders import FAR_DUE, build_application, save_text, section_ids

TODAY = date(2026, 6, 1)


@pytest.fixture
def team(make_actor):
    return make_actor(Role.RESEARCHER, "hana"), make_actor(Role.RESEARCHER, "wiremu")


@pytest.fixture
def reviewers(make_actor):
    return make_actor(Role.REVIEWER, "priya"), make_actor(Role.REVIEWER, "james")


def request(uow, lead, app_id, reviewers, **kw):
    return rr.request_review_round(
        uow, lead, app_id, [r.id for r in reviewers], kw.pop("due_on", FAR_DUE), today=TODAY, **kw
    )


def test_a_round_freezes_each_section_at_its_current_revision(uow, team, reviewers):
    lead, coauthor = team
    app_id = build_application(uow, lead, members=(coauthor,))
    save_text(uow, app_id, "summary", "Second version of the summary.", coauthor)
    with uow as session:
        built = session.scalar(select(func.max(AuditEvent.id)))  # the build is audited too
    done = request(uow, lead, app_id, reviewers, message="Please look at the aims.")
    assert done.number == 1 and done.invited == ("Priya", "James")
    save_text(uow, app_id, "summary", "Third version, after the round.", lead)
    ids = section_ids(uow, app_id)
    with uow as session:
        frozen = dict(
            session.execute(
                select(SnapshotSection.section_id, SectionRevision.body)
                .outerjoin(SectionRevision, SectionRevision.id == SnapshotSection.revision_id)
                .where(SnapshotSection.review_round_id == done.round_id)
            ).all()
        )
        assert session.get(Application, app_id).status == "in_review"
        assert session.get(ReviewRound, done.round_id).message == "Please look at the aims."
        actions = [
            e.action
            for e in session.scalars(
                select(AuditEvent)
                .where(AuditEvent.entity == "application", AuditEvent.entity_id == app_id, AuditEvent.id > built)
                .order_by(AuditEvent.id)
            )
        ]
    assert frozen == {
        ids["summary"]: "Second version of the summary.",
        ids["aims"]: "Aim 1: map the estuary.\n\nAim 2: record oral histories.",
        ids["vm"]: None,
    }
    assert actions == ["requested review round", "changed status"]


def test_only_the_lead_requests_a_round(uow, team, reviewers, make_actor):
    lead, coauthor = team
    app_id = build_application(uow, lead, members=(coauthor,))
    with pytest.raises(PermissionDenied, match="Only the lead"):
        request(uow, coauthor, app_id, reviewers)
    with pytest.raises(PermissionDenied, match="A reviewer may not start and draft applications"):
        request(uow, reviewers[0], app_id, reviewers)
    with pytest.raises(PermissionDenied, match="A manager may not"):
        request(uow, make_actor(Role.MANAGER), app_id, reviewers)


def test_a_round_needs_reviewers_sections_and_a_future_due_date(uow, team, reviewers):
    lead, _ = team
    app_id = build_application(uow, lead)
    with pytest.raises(InvalidInput, match="invite at least one reviewer"):
        request(uow, lead, app_id, [])
    with pytest.raises(InvalidInput, match="due date: 31 May 2026 has passed"):
        request(uow, lead, app_id, reviewers, due_on=date(2026, 5, 31))
    with pytest.raises(InvalidInput, match="no review milestone"):
        rr.request_review_round(uow, lead, app_id, [reviewers[0].id], None, today=TODAY)
    empty = build_application(uow, lead, without_sections=True)
    with pytest.raises(DomainError, match="has no sections yet"):
        request(uow, lead, empty, reviewers)
    with uow as session:
        assert session.scalar(select(ReviewRound.id)) is None


def test_the_due_date_defaults_to_the_funding_rounds_review_milestone(uow, team, reviewers):
    lead, _ = team
    app_id = build_application(uow, lead, milestone_days=10)
    # Ten working days before Monday 22 February 2027, skipping Waitangi Day (observed Monday 8 February).
    assert rr.default_due_date(uow, lead, app_id) == date(2027, 2, 5)
    done = rr.request_review_round(uow, lead, app_id, [reviewers[0].id], None, today=TODAY)
    assert done.due_on == date(2027, 2, 5)
    with uow as session:
        assert session.scalar(select(Review.due_on)) == date(2027, 2, 5)


def test_team_members_managers_and_strangers_cannot_be_invited(uow, team, reviewers, make_actor):
    lead, coauthor = team
    app_id = build_application(uow, lead, members=(coauthor,))
    manager = make_actor(Role.MANAGER, "tama")
    with pytest.raises(InvalidInput) as caught:
        rr.request_review_round(uow, lead, app_id, [coauthor.id, manager.id, 999999], FAR_DUE, today=TODAY)
    assert [str(p) for p in caught.value.problems] == [
        "reviewers: there is no user with id 999999",
        "reviewers: Wiremu is on the application's team, a conflict of interest",
        "reviewers: Tama is a manager; invite a reviewer or a researcher outside the team",
    ]
    with uow as session:
        assert session.get(Application, app_id).status == "drafting"  # nothing changed
    outside = make_actor(Role.RESEARCHER, "mere")
    assert request(uow, lead, app_id, [outside]).invited == ("Mere",)


def test_a_second_round_waits_for_the_first_to_close(uow, team, reviewers):
    lead, _ = team
    app_id = build_application(uow, lead)
    request(uow, lead, app_id, reviewers[:1])
    with pytest.raises(InvalidInput, match="in review cannot move to in review|already in review"):
        request(uow, lead, app_id, reviewers[1:])


def test_more_reviewers_join_an_open_round_and_the_list_says_who_may_not(uow, team, reviewers, make_actor):
    lead, coauthor = team
    make_actor(Role.RESEARCHER, "mere")
    app_id = build_application(uow, lead, members=(coauthor,))
    with pytest.raises(Conflict, match="No review round is open"):
        rr.invite_reviewers(uow, lead, app_id, [reviewers[1].id], today=TODAY)
    request(uow, lead, app_id, reviewers[:1])
    assert rr.invite_reviewers(uow, lead, app_id, [reviewers[1].id], today=TODAY) == ("James",)
    with pytest.raises(InvalidInput, match="already invited"):
        rr.invite_reviewers(uow, lead, app_id, [reviewers[1].id], today=TODAY)
    choices = {c.name: c.refusal for c in rr.reviewer_choices(uow, lead, app_id)}
    assert choices["Hana"] and "team" in choices["Hana"] and "James" not in choices and choices["Mere"] is None
    make_actor(Role.MANAGER, "tama")
    assert "Tama" not in {c.name for c in rr.reviewer_choices(uow, lead, app_id)}  # managers are not offered


def test_a_reviewer_accepts_or_declines_after_declaring_conflicts(uow, team, reviewers):
    lead, _ = team
    app_id = build_application(uow, lead)
    request(uow, lead, app_id, reviewers)
    priya, james = reviewers
    with uow as session:
        ids = {r.reviewer_id: r.id for r in session.scalars(select(Review))}
    with pytest.raises(InvalidInput, match="say whether you have one"):
        rr.respond_to_invitation(uow, priya, ids[priya.id], True, None)
    with pytest.raises(PermissionDenied, match="assigned to someone else"):
        rr.respond_to_invitation(uow, james, ids[priya.id], True, False)
    assert rr.respond_to_invitation(uow, priya, ids[priya.id], True, False) == ReviewStatus.ACCEPTED
    with pytest.raises(Conflict, match="already answered"):
        rr.respond_to_invitation(uow, priya, ids[priya.id], False, False, "busy")
    with pytest.raises(InvalidInput, match="say why you decline"):
        rr.respond_to_invitation(uow, james, ids[james.id], False, False, " ")
    assert rr.respond_to_invitation(uow, james, ids[james.id], False, False, "On leave") == ReviewStatus.DECLINED
    with uow as session:
        events = session.execute(
            select(AuditEvent.actor_id, AuditEvent.action).where(AuditEvent.entity == "review").order_by(AuditEvent.id)
        ).all()
        assert session.get(Review, ids[james.id]).decline_reason == "On leave"
    assert events == [(priya.id, "accepted review invitation"), (james.id, "declined review invitation")]


def test_a_declared_conflict_blocks_the_assignment_and_later_invitations(uow, team, reviewers):
    lead, _ = team
    app_id = build_application(uow, lead)
    priya = reviewers[0]
    request(uow, lead, app_id, [priya])
    with uow as session:
        review_id = session.scalar(select(Review.id))
    with pytest.raises(Conflict, match="blocks this review"):
        rr.respond_to_invitation(uow, priya, review_id, True, True, "I supervised the lead")
    with pytest.raises(InvalidInput, match="describe the conflict"):
        rr.respond_to_invitation(uow, priya, review_id, False, True, "")
    assert (
        rr.respond_to_invitation(uow, priya, review_id, False, True, "I supervised the lead") == ReviewStatus.CONFLICT
    )
    with uow as session:
        review = session.get(Review, review_id)
        assert review.conflict_declared and review.conflict_note == "I supervised the lead"
    with pytest.raises(InvalidInput, match=r"declared a conflict of interest with this application \(round 1\)"):
        rr.invite_reviewers(uow, lead, app_id, [priya.id], today=TODAY)


def test_blind_reviews_are_set_by_the_lead_or_a_manager_only(uow, team, make_actor):
    lead, coauthor = team
    app_id = build_application(uow, lead, members=(coauthor,))
    rr.set_blind_reviews(uow, lead, app_id, True)
    rr.set_blind_reviews(uow, make_actor(Role.MANAGER), app_id, False)
    for someone in (coauthor, make_actor(Role.REVIEWER), make_actor(Role.ADMIN)):
        with pytest.raises(PermissionDenied, match="lead or a manager"):
            rr.set_blind_reviews(uow, someone, app_id, True)
    with uow as session:
        assert session.get(Application, app_id).blind_reviews is False
        # The last two: the build's own events come first, and a refusal would add one after.
        assert [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))][-2:] == [
            "made reviews blind",
            "made reviews open",
        ]
