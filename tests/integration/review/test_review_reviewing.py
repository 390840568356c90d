"""A reviewer's work: inbox and reminders, the read-only snapshot, saving, submitting, locking."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from research.db.models import ChecklistAnswer, Review, RubricScore
from research.domain.errors import Conflict, InvalidInput, PermissionDenied
from research.domain.reviewing import ReviewContent, ReviewStatus
from research.domain.roles import Role
from research.services.review import lifecycle, reviewing
from research.services.review import rounds as review_rounds
from tests.integration.review_steps import TODAY, full_review, open_round_with, submit
from tests.review_builders import build_application, save_text


@pytest.fixture
def lead(make_actor):
    return make_actor(Role.RESEARCHER, "hana")


@pytest.fixture
def priya(make_actor):
    return make_actor(Role.REVIEWER, "priya")


def test_the_inbox_lists_invitations_first_with_due_dates_and_reminders(uow, lead, priya):
    soon = build_application(uow, lead, title="Soon")
    later = build_application(uow, lead, title="Later")
    review_rounds.request_review_round(uow, lead, later, [priya.id], TODAY + timedelta(days=20), today=TODAY)
    review_rounds.request_review_round(uow, lead, soon, [priya.id], TODAY + timedelta(days=2), today=TODAY)
    items = reviewing.review_inbox(uow, priya, today=TODAY)
    assert [(i.application_title, i.due_text, i.reminder) for i in items] == [
        ("Soon", "due in 2 days", "due soon"),
        ("Later", "due in 20 days", None),
    ]
    assert items[0].lead == "Hana" and items[0].team == ("Hana",) and items[0].status == ReviewStatus.INVITED
    overdue = reviewing.review_inbox(uow, priya, today=TODAY + timedelta(days=3))[0]
    assert (overdue.due_text, overdue.reminder) == ("overdue by 1 day", "overdue")
    assert [i.application_title for i in reviewing.reviews_due(uow, priya, 7, today=TODAY)] == ["Soon"]
    assert reviewing.review_inbox(uow, lead, today=TODAY) == []


def test_the_inbox_is_for_reviewing_roles_only(uow, make_actor):
    with pytest.raises(PermissionDenied):
        reviewing.review_inbox(uow, make_actor(Role.MANAGER))


def test_the_reviewer_reads_the_snapshot_not_the_live_draft(uow, lead, priya):
    app_id = build_application(uow, lead)
    ids = open_round_with(uow, lead, app_id, [priya])
    save_text(uow, app_id, "summary", "Rewritten while the review is running.", lead)
    work = reviewing.open_review(uow, priya, ids[priya.id])
    summary = work.sections[0]
    assert summary.title == "Summary" and "river memory" in summary.body and summary.size == "12 / 200 words"
    assert [s.title for s in work.sections] == ["Summary", "Overall aims", "Vision Mātauranga"]
    assert work.sections[2].body == "" and not work.locked
    assert [c.key for c in work.checklist] == ["plain", "aims", "vm"]
    assert [c.criterion.key for c in work.criteria] == ["excellence", "impact", "resources"]
    assert work.criteria[0].scale_text == "0–5 in steps of 0.5, higher is better; pass mark 3"


def test_an_invitation_must_be_accepted_before_the_draft_opens(uow, lead, priya, make_actor):
    app_id = build_application(uow, lead)
    ids = open_round_with(uow, lead, app_id, [priya], accept=False)
    with pytest.raises(PermissionDenied, match="Accept the invitation first"):
        reviewing.open_review(uow, priya, ids[priya.id])
    with pytest.raises(PermissionDenied, match="assigned to someone else"):
        reviewing.open_review(uow, make_actor(Role.REVIEWER), ids[priya.id])
    review_rounds.respond_to_invitation(uow, priya, ids[priya.id], False, True, "Close collaborator")
    with pytest.raises(PermissionDenied, match="conflict of interest"):
        reviewing.open_review(uow, priya, ids[priya.id])


def test_a_draft_review_is_saved_partly_and_reloaded(uow, lead, priya):
    app_id = build_application(uow, lead)
    review_id = open_round_with(uow, lead, app_id, [priya])[priya.id]
    reviewing.save_review(
        uow,
        priya,
        review_id,
        ReviewContent(
            {"plain": ("no", "Jargon")}, {"excellence": 3.5, "resources": "not sufficient"}, None, "Half done"
        ),
    )
    work = reviewing.open_review(uow, priya, review_id)
    assert (work.checklist[0].answer, work.checklist[0].note) == ("no", "Jargon")
    assert [c.value for c in work.criteria] == [Decimal("3.5"), None, "not sufficient"]
    assert [c.passes for c in work.criteria] == [True, None, False]
    assert work.summary == "Half done" and work.status == ReviewStatus.ACCEPTED
    reviewing.save_review(uow, priya, review_id, ReviewContent({}, {"impact": 2}, None, ""))
    with uow as session:
        assert session.scalars(select(ChecklistAnswer.item_key)).all() == []
        assert session.scalars(select(RubricScore.criterion_key)).all() == ["impact"]


def test_a_score_off_its_scale_is_refused_and_nothing_is_saved(uow, lead, priya):
    app_id = build_application(uow, lead)
    review_id = open_round_with(uow, lead, app_id, [priya])[priya.id]
    with pytest.raises(InvalidInput, match="score for “Excellence”: must be in steps of 0.5 from 0, not 4.2"):
        reviewing.save_review(uow, priya, review_id, full_review(scores={"excellence": 4.2}))
    with uow as session:
        assert session.scalar(select(RubricScore.id)) is None and session.scalar(select(ChecklistAnswer.id)) is None


def test_an_incomplete_review_cannot_be_submitted(uow, lead, priya):
    app_id = build_application(uow, lead)
    review_id = open_round_with(uow, lead, app_id, [priya])[priya.id]
    with pytest.raises(InvalidInput) as caught:
        submit(uow, priya, review_id, answers={"plain": ("na", "")}, recommendation=None)
    assert [p.where for p in caught.value.problems] == [
        "checklist “The summary is written for a general reader”",
        "checklist “The aims are clear and achievable in three years”",
        "checklist “Vision Mātauranga is addressed”",
        "recommendation",
    ]
    assert reviewing.open_review(uow, priya, review_id).status == ReviewStatus.ACCEPTED


def test_a_submitted_review_is_locked(uow, lead, priya):
    app_id = build_application(uow, lead)
    review_id = open_round_with(uow, lead, app_id, [priya])[priya.id]
    submit(uow, priya, review_id)
    work = reviewing.open_review(uow, priya, review_id)
    assert work.locked and work.status == ReviewStatus.SUBMITTED and work.submitted_at is not None
    assert work.overall == 8.0 and work.overall_passes is True
    for change in (reviewing.save_review, reviewing.submit_review):
        with pytest.raises(Conflict, match="submitted and is locked"):
            change(uow, priya, review_id, full_review(summary="Changed my mind"))
    assert reviewing.open_review(uow, priya, review_id).summary == "A strong, clear proposal."


def test_closing_the_round_lapses_unfinished_reviews(uow, lead, priya, make_actor):
    james = make_actor(Role.REVIEWER, "james")
    app_id = build_application(uow, lead)
    ids = open_round_with(uow, lead, app_id, [priya, james])
    submit(uow, priya, ids[priya.id])
    lifecycle.move_application(uow, lead, app_id, "revising")
    with uow as session:
        statuses = {r.reviewer_id: r.status for r in session.scalars(select(Review))}
    assert statuses == {priya.id: "submitted", james.id: "cancelled"}
    with pytest.raises(PermissionDenied, match="cancelled"):
        reviewing.save_review(uow, james, ids[james.id], full_review())
    assert [i.status for i in reviewing.review_inbox(uow, james, today=TODAY)] == [ReviewStatus.CANCELLED]


def test_reviews_of_earlier_rounds_stay(uow, lead, priya):
    app_id = build_application(uow, lead)
    first = open_round_with(uow, lead, app_id, [priya])[priya.id]
    submit(uow, priya, first, scores={"excellence": 3, "impact": 2.5, "resources": "not sufficient"})
    lifecycle.move_application(uow, lead, app_id, "revising")
    second = open_round_with(uow, lead, app_id, [priya])[priya.id]
    assert second != first
    submit(uow, priya, second, scores={"excellence": 4.5, "impact": 4, "resources": "sufficient"})
    assert reviewing.open_review(uow, priya, first).criteria[0].value == Decimal("3")
    assert reviewing.open_review(uow, priya, second).criteria[0].value == Decimal("4.5")
    assert [i.round_number for i in reviewing.my_open_reviews(uow, priya)] == [2, 1]
    assert date  # imported for due-date tests above
