"""Rules of a review: completeness before submission, who may be invited, blind names, dates, diffs."""

from datetime import date

from research.domain.review_dates import describe_due, due_state
from research.domain.reviewing import (
    Candidate,
    ReviewContent,
    blind_aliases,
    content_problems,
    invitation_refusal,
    submission_problems,
)
from research.domain.template_spec import ChecklistItem, Criterion, Scale
from research.domain.text_diff import change_summary, diff_text

CHECKLIST = (ChecklistItem("plain", "Plain summary"), ChecklistItem("vm", "VM addressed", required=False))
CRITERIA = (
    Criterion("excellence", "Excellence", Scale(0, 5, 0.5)),
    Criterion("resources", "Resources", Scale(ratings=("sufficient", "not sufficient"))),
)


def content(**changes) -> ReviewContent:
    base = dict(
        answers={"plain": ("yes", ""), "vm": ("na", "No Māori data")},
        scores={"excellence": 4.5, "resources": "sufficient"},
        recommendation="Ready to submit",
        summary="Strong.",
    )
    return ReviewContent(**{**base, **changes})


def test_a_complete_review_can_be_submitted():
    assert submission_problems(CHECKLIST, CRITERIA, content()) == []


def test_submission_lists_everything_still_missing():
    problems = submission_problems(
        CHECKLIST,
        CRITERIA,
        content(answers={"vm": ("no", "")}, scores={"excellence": 4.25}, recommendation=None, summary=" "),
    )
    assert [str(p) for p in problems] == [
        "score for “Excellence”: must be in steps of 0.5 from 0, not 4.25",
        "checklist “Plain summary”: needs an answer",
        "checklist “VM addressed”: needs a note saying why it is no",
        "score for “Resources”: is missing",
        "recommendation: choose one",
        "summary: must not be empty",
    ]


def test_a_draft_may_be_incomplete_but_not_wrong():
    assert content_problems(CHECKLIST, CRITERIA, content(answers={}, scores={}, recommendation=None)) == []
    problems = content_problems(
        CHECKLIST,
        CRITERIA,
        content(answers={"plain": ("maybe", "")}, scores={"resources": "great"}, recommendation="Meh"),
    )
    assert [p.where for p in problems] == ["checklist “Plain summary”", "score for “Resources”", "recommendation"]


def candidate(**changes) -> Candidate:
    return Candidate(**{**dict(name="Prof Shah", role="reviewer", active=True, on_team=False), **changes})


def test_who_may_be_invited():
    assert invitation_refusal(candidate()) is None
    assert invitation_refusal(candidate(role="researcher")) is None
    assert "on the application's team, a conflict of interest" in invitation_refusal(
        candidate(on_team=True, role="researcher")
    )
    assert "is a manager" in invitation_refusal(candidate(role="manager"))
    assert "deactivated" in invitation_refusal(candidate(active=False))
    assert invitation_refusal(candidate(conflict_rounds=(1, 2))) == (
        "Prof Shah declared a conflict of interest with this application (round 1, 2)"
    )
    assert "already invited" in invitation_refusal(candidate(in_this_round=True))


def test_blind_aliases_are_stable_and_not_in_invitation_order():
    first = blind_aliases(7, [11, 12, 13])
    assert sorted(first.values()) == ["Reviewer A", "Reviewer B", "Reviewer C"]
    assert blind_aliases(7, [13, 11, 12]) == first
    orders = {tuple(sorted(blind_aliases(app, [1, 2, 3]), key=blind_aliases(app, [1, 2, 3]).get)) for app in range(20)}
    assert len(orders) > 1  # the alias order depends on the application, not on who came first
    many = set(blind_aliases(1, range(28)).values())
    assert len(many) == 28 and {"Reviewer Z", "Reviewer AA", "Reviewer AB"} <= many


def test_reminders_as_the_due_date_nears():
    today = date(2026, 3, 10)
    assert due_state(date(2026, 3, 9), today) == "overdue"
    assert due_state(date(2026, 3, 13), today) == "due soon"
    assert due_state(date(2026, 3, 14), today) is None
    assert due_state(None, today) is None
    assert describe_due(date(2026, 3, 9), today) == "overdue by 1 day"
    assert describe_due(date(2026, 3, 10), today) == "due today"
    assert describe_due(date(2026, 3, 12), today) == "due in 2 days"
    assert describe_due(None, today) == "no due date"


def test_diffs_are_plain_text_lines():
    before, after = "Aim 1.\nAim 2.\n<b>x</b>", "Aim 1.\nAim 2, sharper.\n<b>x</b>"
    diff = diff_text(before, after, "Aims (round 1)", "Aims (now)")
    assert diff.splitlines()[:2] == ["--- Aims (round 1)", "+++ Aims (now)"]
    assert "-Aim 2." in diff and "+Aim 2, sharper." in diff
    assert diff_text("same", "same", "a", "b") == ""
    assert change_summary(before, after) == "1 line added, 1 removed"
    assert change_summary("a", "a") == "unchanged"
    assert change_summary("", "a\nb") == "2 lines added, 0 removed"
