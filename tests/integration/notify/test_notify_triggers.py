"""Each trigger, the schedule by time travel, deactivated accounts and blind review."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from research.domain.notify import KIND_KEYS
from research.domain.roles import Role
from research.services.accounts.users import set_active
from research.services.drafting import team
from research.services.notify.follows import follow_round
from research.services.notify.preferences import set_preferences
from research.services.review import comments, lifecycle
from research.services.review import rounds as review_rounds
from research.services.rounds.editing import set_offsets
from tests.integration.notify.helpers import MONDAY, notices_of, notify_pass, outbox
from tests.integration.review_steps import open_round_with, submit
from tests.review_builders import build_application, section_ids
from tests.service_catalogue import add_round
from tests.service_people import staff


@pytest.fixture
def people(make_actor):
    return dict(
        lead=make_actor(Role.RESEARCHER, "hana"),
        coauthor=make_actor(Role.RESEARCHER, "wiremu"),
        reviewer=make_actor(Role.REVIEWER, "priya"),
        manager=make_actor(Role.MANAGER, "tama"),
    )


def subjects(uow, user_id, kind=None) -> list[str]:
    return [n.subject for n in notices_of(uow, user_id, kind)]


def passes(uow, mail, days: int) -> None:
    for offset in range(days):
        notify_pass(uow, mail, day=MONDAY + timedelta(days=offset))


def test_assigning_a_section_tells_its_new_owner_not_the_assigner(uow, people):
    lead, coauthor = people["lead"], people["coauthor"]
    app_id = build_application(uow, lead, members=(coauthor,))
    summary = section_ids(uow, app_id)["summary"]
    team.assign_section(uow, lead, summary, coauthor.id, MONDAY + timedelta(days=5))
    team.assign_section(uow, lead, section_ids(uow, app_id)["aims"], lead.id, None)
    [notice] = notices_of(uow, coauthor.id, "section_assigned")
    assert "Summary" in notice.subject and "06 Mar 2027" in notice.body
    assert notice.link == f"application_editor_page?application={app_id}&section={summary}"
    assert notices_of(uow, lead.id) == []


def test_a_section_due_date_approaching_reminds_at_7_3_and_1_days(uow, people, smtp):
    lead, coauthor = people["lead"], people["coauthor"]
    app_id = build_application(uow, lead, members=(coauthor,))
    team.assign_section(uow, lead, section_ids(uow, app_id)["summary"], coauthor.id, MONDAY + timedelta(days=5))
    passes(uow, smtp[1], 10)
    title = _title(uow, app_id)
    assert subjects(uow, coauthor.id, "section_due") == [
        f"“Summary” in “{title}” is due in {days} (06 Mar 2027)" for days in ("5 days", "3 days", "1 day")
    ]


def _title(uow, app_id):
    from research.db.models import Application

    with uow as session:
        return session.get(Application, app_id).title


def test_a_comment_tells_the_section_owner(uow, people):
    lead, coauthor = people["lead"], people["coauthor"]
    app_id = build_application(uow, lead, members=(coauthor,))
    summary = section_ids(uow, app_id)["summary"]
    team.assign_section(uow, lead, summary, coauthor.id, None)
    comments.add_comment(uow, lead, app_id, summary, "Shorter, please.")
    [notice] = notices_of(uow, coauthor.id, "comment")
    assert "Summary" in notice.subject and notice.body == "Hana wrote: Shorter, please."
    comments.add_comment(uow, coauthor, app_id, summary, "On it.")  # the owner's own comment tells no one
    assert notices_of(uow, lead.id, "comment") == [] and len(notices_of(uow, coauthor.id, "comment")) == 1


def test_status_changes_tell_the_team_but_not_whoever_moved_it(uow, people):
    lead, coauthor = people["lead"], people["coauthor"]
    app_id = build_application(uow, lead, members=(coauthor,))
    open_round_with(uow, lead, app_id, [people["reviewer"]])
    lifecycle.move_application(uow, lead, app_id, "revising", today=MONDAY)
    assert [n.body for n in notices_of(uow, coauthor.id, "status")] == [
        "Its status changed from drafting to in review.",
        "Its status changed from in review to revising.",
    ]
    assert notices_of(uow, lead.id, "status") == []


def test_reviews_remind_at_7_3_1_days_then_overdue_weekly(uow, people, smtp):
    lead, reviewer = people["lead"], people["reviewer"]
    app_id = build_application(uow, lead)
    review_rounds.request_review_round(uow, lead, app_id, [reviewer.id], MONDAY + timedelta(days=10), today=MONDAY)
    passes(uow, smtp[1], 30)
    assert [s.split(" is ")[-1] for s in subjects(uow, reviewer.id, "review_due")] == [
        "due in 7 days (11 Mar 2027)",
        "due in 3 days (11 Mar 2027)",
        "due in 1 day (11 Mar 2027)",
        "overdue by 1 day",
        "overdue by 8 days",
        "overdue by 15 days",
    ]


def test_a_missed_pass_sends_the_reminder_it_missed_once(uow, people, smtp):
    lead, reviewer = people["lead"], people["reviewer"]
    app_id = build_application(uow, lead)
    review_rounds.request_review_round(uow, lead, app_id, [reviewer.id], MONDAY + timedelta(days=5), today=MONDAY)
    notify_pass(uow, smtp[1])
    notify_pass(uow, smtp[1])
    assert [s.split(" is ")[-1] for s in subjects(uow, reviewer.id, "review_due")] == ["due in 5 days (06 Mar 2027)"]


def test_a_draft_sent_back_for_another_round_tells_its_reviewers_so(uow, people):
    lead, reviewer = people["lead"], people["reviewer"]
    app_id = build_application(uow, lead)
    ids = open_round_with(uow, lead, app_id, [reviewer])
    submit(uow, reviewer, ids[reviewer.id])
    lifecycle.move_application(uow, lead, app_id, "revising", today=MONDAY)
    review_rounds.request_review_round(uow, lead, app_id, [reviewer.id], MONDAY + timedelta(days=9), today=MONDAY)
    assert len(notices_of(uow, reviewer.id, "review_invitation")) == 1
    [again] = notices_of(uow, reviewer.id, "review_again")
    assert "review round 2" in again.subject


def _round(uow, opens: datetime, closes: datetime) -> int:
    return add_round(uow, "Health Research Council", "Explorer", closes, name="HRC Explorer 2027", opens_at=opens)


def test_a_followed_round_opening_and_closing_in_30_14_and_7_days(uow, people, smtp):
    lead = people["lead"]
    closes = datetime(2027, 3, 31, 4, 0, tzinfo=UTC)  # 5 pm on 31 Mar in Auckland
    round_id = _round(uow, datetime(2027, 3, 2, 20, 0, tzinfo=UTC), closes)
    follow_round(uow, lead, round_id)
    passes(uow, smtp[1], 31)
    assert subjects(uow, lead.id, "round_followed") == [
        "“HRC Explorer 2027” closes in 30 days (31 Mar 2027)",
        "“HRC Explorer 2027” is open",
        "“HRC Explorer 2027” closes in 14 days (31 Mar 2027)",
        "“HRC Explorer 2027” closes in 7 days (31 Mar 2027)",
    ]


def test_a_followed_round_opening_months_before_it_closes_is_told_when_it_opens(uow, people, smtp):
    lead = people["lead"]
    round_id = _round(uow, datetime(2027, 3, 2, 20, 0, tzinfo=UTC), datetime(2027, 6, 30, 4, 0, tzinfo=UTC))
    follow_round(uow, lead, round_id)
    passes(uow, smtp[1], 2)
    assert subjects(uow, lead.id, "round_followed") == []  # not open yet
    passes(uow, smtp[1], 4)
    assert subjects(uow, lead.id, "round_followed") == ["“HRC Explorer 2027” is open"]


def test_milestones_planned_back_from_the_close_remind_the_team(uow, people, smtp):
    lead, coauthor = people["lead"], people["coauthor"]
    closes = datetime(2027, 3, 31, 4, 0, tzinfo=UTC)
    round_id = _round(uow, datetime(2027, 2, 1, tzinfo=UTC), closes)
    build_application(uow, lead, members=(coauthor,), round_id=round_id)
    passes(uow, smtp[1], 30)
    for person in (lead, coauthor):
        got = subjects(uow, person.id, "milestone")
        kinds = {s.split(" for “")[0] for s in got}
        assert kinds == {"Intent to apply", "Full draft for review", "Final sign-off"}
        assert len(got) == 9  # each at 7, 3 and 1 days


def test_a_milestone_a_manager_set_months_before_the_close_is_reminded_too(uow, people, smtp):
    lead = people["lead"]
    round_id = _round(uow, datetime(2027, 2, 1, tzinfo=UTC), datetime(2027, 5, 10, 4, 0, tzinfo=UTC))
    build_application(uow, lead, round_id=round_id)
    set_offsets(uow, staff(uow), round_id, {"intent": 40})
    passes(uow, smtp[1], 10)  # 40 working days before 10 May is 10 Mar; the close is two months off
    assert [s.split(" is ")[-1] for s in subjects(uow, lead.id, "milestone")] == [
        "due in 7 days (10 Mar 2027)",
        "due in 3 days (10 Mar 2027)",
        "due in 1 day (10 Mar 2027)",
    ]


def test_managers_get_a_weekly_summary_on_mondays(uow, people, smtp):
    manager = people["manager"]
    lead, reviewer = people["lead"], people["reviewer"]
    app_id = build_application(uow, lead)
    review_rounds.request_review_round(uow, lead, app_id, [reviewer.id], MONDAY + timedelta(days=1), today=MONDAY)
    passes(uow, smtp[1], 15)
    summaries = notices_of(uow, manager.id, "manager_summary")
    assert [n.subject for n in summaries] == [
        "Weekly summary, week of 01 Mar 2027",
        "Weekly summary, week of 08 Mar 2027",
        "Weekly summary, week of 15 Mar 2027",
    ]
    assert "Reviews overdue: 0" in summaries[0].body and "Reviews overdue: 1" in summaries[1].body
    assert notices_of(uow, lead.id, "manager_summary") == []


def test_the_summary_counts_applications_not_ready_near_a_milestone_as_at_risk(uow, people, smtp):
    manager, lead = people["manager"], people["lead"]
    round_id = _round(uow, datetime(2027, 2, 1, tzinfo=UTC), datetime(2027, 5, 10, 4, 0, tzinfo=UTC))
    build_application(uow, lead, round_id=round_id)
    set_offsets(uow, staff(uow), round_id, {"intent": 45})
    passes(uow, smtp[1], 8)  # intent on 3 Mar: near on Monday 1 Mar, passed by Monday 8 Mar
    bodies = [n.body for n in notices_of(uow, manager.id, "manager_summary")]
    assert [line for body in bodies for line in body.splitlines() if "at risk" in line] == [
        "Applications at risk (not ready, a milestone within 7 days or the close within 14): 1",
        "Applications at risk (not ready, a milestone within 7 days or the close within 14): 0",
    ]


def test_every_kind_of_notice_reaches_the_smtp_server_for_those_who_want_it_at_once(uow, people, smtp, with_email):
    inbox, mail = smtp
    lead, coauthor, reviewer = people["lead"], people["coauthor"], people["reviewer"]
    for person in people.values():
        with_email(person)
        set_preferences(uow, person, {kind: "immediate" for kind in KIND_KEYS})
    # Closes 15 Mar: the intent milestone falls on Monday 1 Mar and the close is 14 days off.
    round_id = _round(uow, datetime(2027, 2, 1, tzinfo=UTC), datetime(2027, 3, 15, 4, 0, tzinfo=UTC))
    follow_round(uow, lead, round_id)
    app_id = build_application(uow, lead, members=(coauthor,), round_id=round_id)
    summary = section_ids(uow, app_id)["summary"]
    team.assign_section(uow, lead, summary, coauthor.id, MONDAY + timedelta(days=5))
    comments.add_comment(uow, lead, app_id, summary, "Shorter, please.")
    submit(uow, reviewer, open_round_with(uow, lead, app_id, [reviewer])[reviewer.id])
    lifecycle.move_application(uow, lead, app_id, "revising", today=MONDAY)
    review_rounds.request_review_round(uow, lead, app_id, [reviewer.id], MONDAY + timedelta(days=2), today=MONDAY)
    notify_pass(uow, mail)
    received = {m["Message-ID"] for m in inbox.messages}
    kinds = {row.kind for row in outbox(uow) if row.message_id in received and row.status == "sent"}
    assert kinds == set(KIND_KEYS)


def test_deactivated_accounts_are_told_nothing(uow, people, smtp):
    lead, reviewer = people["lead"], people["reviewer"]
    set_active(uow, staff(uow, Role.ADMIN), reviewer.id, False)
    app_id = build_application(uow, lead)
    review_rounds.request_review_round(
        uow, lead, app_id, [people["coauthor"].id], MONDAY + timedelta(days=3), today=MONDAY
    )
    set_active(uow, staff(uow, Role.ADMIN), people["coauthor"].id, False)
    passes(uow, smtp[1], 10)
    assert notices_of(uow, reviewer.id) == [] and notices_of(uow, people["coauthor"].id, "review_due") == []


def test_blind_review_no_message_names_the_authors_to_reviewers_or_reviewers_to_authors(uow, people, smtp, with_email):
    lead, coauthor, reviewer = people["lead"], people["coauthor"], people["reviewer"]
    for person in (lead, coauthor, reviewer):
        with_email(person)
    app_id = build_application(uow, lead, members=(coauthor,))
    review_rounds.set_blind_reviews(uow, lead, app_id, True)
    ids = open_round_with(uow, lead, app_id, [reviewer])
    submit(uow, reviewer, ids[reviewer.id])
    lifecycle.move_application(uow, lead, app_id, "revising", today=MONDAY)
    review_rounds.request_review_round(uow, lead, app_id, [reviewer.id], MONDAY + timedelta(days=2), today=MONDAY)
    passes(uow, smtp[1], 4)
    inbox = smtp[0]
    to_reviewer = " ".join(m.as_string() for m in inbox.to("priya@example.org"))
    to_team = " ".join(m.as_string() for m in inbox.messages if m["To"] != "priya@example.org")
    notices_reviewer = " ".join(n.subject + n.body for n in notices_of(uow, reviewer.id))
    notices_team = " ".join(n.subject + n.body for u in (lead, coauthor) for n in notices_of(uow, u.id))
    assert to_reviewer and to_team and notices_reviewer and notices_team
    assert "Hana" not in to_reviewer + notices_reviewer and "Wiremu" not in to_reviewer + notices_reviewer
    assert "Priya" not in to_team + notices_team
