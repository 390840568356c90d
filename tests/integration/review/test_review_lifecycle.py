"""Status transitions with their side effects: the readiness gate, awards, the audit trail."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from research.db.models import Application, AuditEvent, Award, AwardShare, ReviewRound
from research.domain.application_status import ApplicationStatus as S
from research.domain.errors import Conflict, InvalidInput, PermissionDenied
from research.domain.roles import Role
from research.services.review import comments as rc
from research.services.review import lifecycle, readiness
from research.services.review.lifecycle import AwardInput
from tests.integration.review_steps import TODAY, open_round_with, submit
from tests.review_builders import build_application, save_text, section_ids


@pytest.fixture
def people(make_actor):
    return {
        "lead": make_actor(Role.RESEARCHER, "hana"),
        "coauthor": make_actor(Role.RESEARCHER, "wiremu"),
        "priya": make_actor(Role.REVIEWER, "priya"),
        "manager": make_actor(Role.MANAGER, "tama"),
        "admin": make_actor(Role.ADMIN, "aroha"),
    }


def reviewed(uow, people, **review) -> int:
    """An application whose round 1 is submitted and closed: status revising."""
    app_id = build_application(uow, people["lead"], members=(people["coauthor"],), marked_ready=True)
    ids = open_round_with(uow, people["lead"], app_id, [people["priya"]])
    submit(uow, people["priya"], ids[people["priya"].id], **review)
    lifecycle.move_application(uow, people["lead"], app_id, "revising")
    return app_id


def status(uow, app_id) -> str:
    with uow as session:
        return session.get(Application, app_id).status


def test_a_reviewed_application_with_everything_done_becomes_ready(uow, people):
    app_id = reviewed(uow, people)
    assert readiness.check_readiness(uow, people["lead"], app_id).ready
    assert lifecycle.move_application(uow, people["lead"], app_id, "ready") == S.READY
    with uow as session:
        changes = [
            (e.detail["old"], e.detail["new"])
            for e in session.scalars(
                select(AuditEvent).where(AuditEvent.action == "changed status").order_by(AuditEvent.id)
            )
        ]
        assert session.scalar(select(ReviewRound.closed_at)) is not None
    assert changes == [("drafting", "in_review"), ("in_review", "revising"), ("revising", "ready")]


def test_the_gate_lists_exactly_what_is_missing_and_changes_nothing(uow, people):
    app_id = reviewed(uow, people, answers={"plain": ("no", "Too technical"), "aims": ("yes", ""), "vm": ("na", "n/a")})
    sections = section_ids(uow, app_id)
    save_text(uow, app_id, "summary", "", people["lead"])
    save_text(uow, app_id, "aims", " ".join(["aim"] * 301), people["lead"])
    rc.add_comment(uow, people["coauthor"], app_id, sections["aims"], "Cut this down")
    with pytest.raises(InvalidInput) as caught:
        lifecycle.move_application(uow, people["lead"], app_id, "ready")
    assert [str(p) for p in caught.value.problems] == [
        "Sections: “Summary” has no text yet.",
        "Sections: “Overall aims” is over its limit: 301 / 300 words.",
        "Checklist: “The summary is written for a general reader”: Priya answered no — “Too technical” (round 1).",
        "Comments: A comment on “Overall aims” by Wiremu is open: “Cut this down”",
    ]
    assert status(uow, app_id) == "revising"


def test_the_latest_reviewed_round_counts_not_an_earlier_one(uow, people):
    app_id = reviewed(uow, people, answers={"plain": ("no", "Jargon"), "aims": ("yes", ""), "vm": ("yes", "")})
    ids = open_round_with(uow, people["lead"], app_id, [people["priya"]])
    submit(uow, people["priya"], ids[people["priya"].id])
    lifecycle.move_application(uow, people["lead"], app_id, "revising")
    assert readiness.check_readiness(uow, people["lead"], app_id).ready


def test_an_unreviewed_application_is_not_ready(uow, people):
    app_id = build_application(uow, people["lead"], marked_ready=True)
    gaps = readiness.check_readiness(uow, people["lead"], app_id).gaps
    assert [g.area for g in gaps] == ["Checklist"]
    with pytest.raises(InvalidInput, match="No reviewer has submitted"):
        lifecycle.move_application(uow, people["lead"], app_id, "ready")


def test_in_review_is_reached_only_by_requesting_a_round(uow, people):
    app_id = build_application(uow, people["lead"])
    with pytest.raises(Conflict, match="request a review round"):
        lifecycle.move_application(uow, people["lead"], app_id, "in_review")


def test_an_invalid_transition_gets_a_clear_message(uow, people):
    app_id = reviewed(uow, people)
    with pytest.raises(InvalidInput, match="revising cannot move to submitted; it can move to in review or ready"):
        lifecycle.move_application(uow, people["lead"], app_id, "submitted")


@pytest.mark.parametrize("who", ["coauthor", "priya", "admin"])
def test_only_the_lead_moves_a_draft(uow, people, who):
    app_id = reviewed(uow, people)
    with pytest.raises(PermissionDenied):
        lifecycle.move_application(uow, people[who], app_id, "ready")
    assert lifecycle.status_options(uow, people[who], app_id).targets == ()
    assert status(uow, app_id) == "revising"


def test_a_manager_records_submitted_and_declined(uow, people):
    app_id = reviewed(uow, people)
    lifecycle.move_application(uow, people["lead"], app_id, "ready")
    assert lifecycle.status_options(uow, people["manager"], app_id).targets == (S.SUBMITTED,)
    with pytest.raises(PermissionDenied, match="Only the application's lead"):
        lifecycle.move_application(uow, people["manager"], app_id, "revising")
    lifecycle.move_application(uow, people["manager"], app_id, "submitted")
    lifecycle.move_application(uow, people["manager"], app_id, "declined", note="Panel ranked it 14th")
    with uow as session:
        application = session.get(Application, app_id)
        assert application.submitted_at is not None and application.decided_at is not None
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (last.actor_id, last.detail) == (
        people["manager"].id,
        {"old": "submitted", "new": "declined", "note": "Panel ranked it 14th"},
    )


def submitted(uow, people, **build) -> int:
    """A submitted application: through the whole path, or built directly with `build` options."""
    if build:
        return build_application(uow, people["lead"], status="submitted", **build)
    app_id = reviewed(uow, people)
    lifecycle.move_application(uow, people["lead"], app_id, "ready")
    lifecycle.move_application(uow, people["lead"], app_id, "submitted")
    return app_id


def test_an_award_is_recorded_with_a_full_share_to_the_cluster(uow, people):
    app_id = submitted(uow, people)
    lifecycle.move_application(
        uow, people["manager"], app_id, "awarded", AwardInput("945,000.50", date(2026, 5, 20)), today=TODAY
    )
    with uow as session:
        award = session.scalar(select(Award))
        share = session.scalar(select(AwardShare))
        application = session.get(Application, app_id)
        actions = [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))][-2:]
    assert (award.amount, award.amount_nzd, award.currency) == (Decimal("945000.50"), Decimal("945000.50"), "NZD")
    assert award.application_id == app_id and award.awarded_on == date(2026, 5, 20)
    assert award.amount_applied_for == Decimal("900000") and award.funder_name == "Royal Society Te Apārangi"
    assert (share.cluster_id, share.percent) == (application.cluster_id, Decimal("100"))
    assert application.status == "awarded" and actions == ["recorded award", "changed status"]


def test_the_lead_cannot_record_an_award(uow, people):
    app_id = submitted(uow, people)
    with pytest.raises(PermissionDenied, match="Only a manager"):
        lifecycle.move_application(
            uow, people["lead"], app_id, "awarded", AwardInput("1", date(2026, 5, 1)), today=TODAY
        )


@pytest.mark.parametrize(
    ("award", "kw", "message"),
    [
        (None, {}, "enter the amount awarded and the date"),
        (AwardInput("lots", date(2026, 5, 1)), {}, "'lots' is not an amount of money"),
        (AwardInput("-5", date(2026, 5, 1)), {}, "amount awarded: must be more than 0"),
        # Was silently rounded to 960000.56 here while every other form refused it.
        (AwardInput("960000.555", date(2026, 5, 1)), {}, "amount awarded: '960000.555' has more than two decimal"),
        (AwardInput("US$ 5,000", date(2026, 5, 1)), {}, "'US\\$ 5,000' is in USD, but this amount is in NZD"),
        (AwardInput("5000", date(2026, 5, 1), amount_nzd="0"), {"currency": "EUR"}, "amount in NZD: must be more"),
        (AwardInput("100", date(2026, 7, 1)), {}, "award date: 01 Jul 2026 is in the future"),
        (AwardInput("100", date(2026, 5, 1)), {"with_cluster": False}, "belongs to no cluster"),
        (AwardInput("100", date(2026, 5, 1)), {"currency": "EUR"}, "the application is in EUR"),
    ],
)
def test_a_bad_award_is_refused_and_nothing_is_recorded(uow, people, award, kw, message):
    app_id = submitted(uow, people, **kw)
    with pytest.raises(InvalidInput, match=message):
        lifecycle.move_application(uow, people["manager"], app_id, "awarded", award, today=TODAY)
    with uow as session:
        assert session.scalar(select(Award.id)) is None
    assert status(uow, app_id) == "submitted"


@pytest.mark.parametrize(
    ("written", "amount"), [("$1,200.50", "1200.50"), ("NZ$ 1.2m", "1200000.00"), ("400k", "400000.00")]
)
def test_an_award_is_read_like_every_other_amount(uow, people, written, amount):
    # "$1,200.50" used to be refused here alone; "400k" was accepted only by the round form.
    app_id = submitted(uow, people)
    lifecycle.move_application(
        uow, people["manager"], app_id, "awarded", AwardInput(written, date(2026, 5, 1)), today=TODAY
    )
    with uow as session:
        assert session.scalar(select(Award.amount)) == Decimal(amount)


def test_an_award_in_another_currency_needs_its_nzd_value(uow, people):
    app_id = submitted(uow, people, currency="EUR")
    lifecycle.move_application(
        uow,
        people["manager"],
        app_id,
        "awarded",
        AwardInput("500000", date(2026, 5, 1), amount_nzd="905000"),
        today=TODAY,
    )
    with uow as session:
        award = session.scalar(select(Award))
    assert (award.amount, award.currency, award.amount_nzd) == (Decimal("500000.00"), "EUR", Decimal("905000.00"))


def test_withdrawing_closes_the_open_round(uow, people):
    app_id = build_application(uow, people["lead"])
    open_round_with(uow, people["lead"], app_id, [people["priya"]])
    lifecycle.move_application(uow, people["lead"], app_id, "withdrawn")
    with uow as session:
        assert session.scalar(select(ReviewRound.closed_at)) is not None
    with pytest.raises(InvalidInput, match="final status"):
        lifecycle.move_application(uow, people["lead"], app_id, "drafting")


def test_sections_not_marked_ready_block_ready_and_say_what_clears_it(uow, people):
    app_id = build_application(uow, people["lead"])
    ids = open_round_with(uow, people["lead"], app_id, [people["priya"]])
    submit(uow, people["priya"], ids[people["priya"].id])
    gaps = readiness.check_readiness(uow, people["lead"], app_id).gaps
    assert {g.area for g in gaps} == {"Sections marked ready"}
    assert all(g.overridable and "marks it ready" in g.clears for g in gaps)
    with pytest.raises(InvalidInput, match="not marked ready; mark them ready, or give the reason"):
        lifecycle.move_application(uow, people["lead"], app_id, "ready")
    assert status(uow, app_id) == "in_review"


def test_the_lead_marks_ready_over_unready_sections_with_a_recorded_reason(uow, people):
    app_id = build_application(uow, people["lead"])
    ids = open_round_with(uow, people["lead"], app_id, [people["priya"]])
    submit(uow, people["priya"], ids[people["priya"].id])
    # Straight from in review to ready: no detour through revising; the open round closes.
    assert lifecycle.status_options(uow, people["lead"], app_id).targets == (S.REVISING, S.READY, S.WITHDRAWN)
    lifecycle.move_application(uow, people["lead"], app_id, "ready", override="Portal text is final; signed off")
    assert status(uow, app_id) == "ready"
    notes = readiness.readiness_notes(uow, people["lead"], app_id)
    assert [(n.kind, n.note, n.author) for n in notes] == [("override", "Portal text is final; signed off", "Hana")]
    assert "is not marked ready" in notes[0].detail and notes[0].at is not None
    with uow as session:
        assert session.scalar(select(ReviewRound.closed_at)) is not None
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "marked ready over unready sections"))
    assert (event.actor_id, event.entity_id, event.detail["reason"]) == (
        people["lead"].id,
        app_id,
        "Portal text is final; signed off",
    )


def test_an_override_does_not_clear_other_gaps(uow, people):
    app_id = reviewed(uow, people, answers={"plain": ("no", "Jargon"), "aims": ("yes", ""), "vm": ("yes", "")})
    with pytest.raises(InvalidInput, match="Priya answered no"):
        lifecycle.move_application(uow, people["lead"], app_id, "ready", override="We disagree")
    assert status(uow, app_id) == "revising"


def test_the_team_answers_a_reviewers_no_with_a_note_and_it_no_longer_blocks(uow, people):
    app_id = reviewed(uow, people, answers={"plain": ("no", "Jargon"), "aims": ("yes", ""), "vm": ("yes", "")})
    [gap] = readiness.check_readiness(uow, people["lead"], app_id).gaps
    assert (gap.item_key, gap.clears.startswith("Answer it with a note")) == ("plain", True)
    with pytest.raises(InvalidInput, match="say how the team dealt with"):
        readiness.answer_checklist_no(uow, people["coauthor"], app_id, "plain", "  ")
    with pytest.raises(InvalidInput, match="no reviewer answered"):
        readiness.answer_checklist_no(uow, people["coauthor"], app_id, "aims", "Fine")
    readiness.answer_checklist_no(uow, people["coauthor"], app_id, "plain", "Rewrote the summary for a lay reader")
    assert readiness.check_readiness(uow, people["lead"], app_id).ready
    assert lifecycle.move_application(uow, people["lead"], app_id, "ready") == S.READY
    [note] = readiness.readiness_notes(uow, people["lead"], app_id)
    assert (note.kind, note.item_key, note.author) == ("checklist", "plain", "Wiremu")


def test_a_new_review_round_asks_again_so_an_old_answer_does_not_carry_over(uow, people):
    app_id = reviewed(uow, people, answers={"plain": ("no", "Jargon"), "aims": ("yes", ""), "vm": ("yes", "")})
    readiness.answer_checklist_no(uow, people["lead"], app_id, "plain", "Rewrote it")
    ids = open_round_with(uow, people["lead"], app_id, [people["priya"]])
    submit(
        uow,
        people["priya"],
        ids[people["priya"].id],
        answers={"plain": ("no", "Still"), "aims": ("yes", ""), "vm": ("yes", "")},
    )
    assert [g.item_key for g in readiness.check_readiness(uow, people["lead"], app_id).gaps] == ["plain"]
