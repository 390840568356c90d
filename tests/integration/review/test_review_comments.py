"""Comments on sections: reviewers on the snapshot, the team replies, resolves and reopens."""

import pytest
from sqlalchemy import select

from research.db.models import AuditEvent
from research.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from research.domain.roles import Role
from research.services.review import comments as rc
from tests.integration.review_steps import open_round_with, submit
from tests.review_builders import build_application, section_ids


@pytest.fixture
def setting(uow, make_actor):
    lead, coauthor = make_actor(Role.RESEARCHER, "hana"), make_actor(Role.RESEARCHER, "wiremu")
    priya, james = make_actor(Role.REVIEWER, "priya"), make_actor(Role.REVIEWER, "james")
    app_id = build_application(uow, lead, members=(coauthor,))
    ids = open_round_with(uow, lead, app_id, [priya, james])
    return lead, coauthor, priya, james, app_id, ids, section_ids(uow, app_id)


def test_a_reviewer_comments_on_a_section_quoting_a_passage(uow, setting):
    lead, _, priya, _, app_id, ids, sections = setting
    rc.add_review_comment(
        uow, priya, ids[priya.id], sections["summary"], "Who is every reader?", quote="for  every\nreader"
    )
    mine = rc.my_review_comments(uow, priya, ids[priya.id])
    assert [(c.body, c.quote, c.section_title, c.author) for c in mine] == [
        ("Who is every reader?", "for  every\nreader", "Summary", "Priya")
    ]


def test_a_quote_must_come_from_the_section_as_reviewed(uow, setting):
    _, _, priya, _, _, ids, sections = setting
    with pytest.raises(InvalidInput, match="quoted passage: does not appear in “Summary” as reviewed"):
        rc.add_review_comment(uow, priya, ids[priya.id], sections["summary"], "Hm", quote="not in the text")
    # A quote copied from the rendered text (no Markdown stars) is found too.
    rc.add_review_comment(uow, priya, ids[priya.id], sections["summary"], "Good", quote="river memory shapes")


def test_comment_text_is_checked(uow, setting):
    _, _, priya, _, _, ids, sections = setting
    with pytest.raises(InvalidInput, match="comment: must not be empty"):
        rc.add_review_comment(uow, priya, ids[priya.id], sections["summary"], "  ")
    with pytest.raises(InvalidInput, match="at most 4000 characters"):
        rc.add_review_comment(uow, priya, ids[priya.id], sections["summary"], "x" * 4001)


def test_the_team_sees_a_reviewers_comments_only_once_the_review_is_submitted(uow, setting):
    lead, _, priya, james, app_id, ids, sections = setting
    rc.add_review_comment(uow, priya, ids[priya.id], sections["aims"], "Aim 2 is vague.")
    rc.add_review_comment(uow, james, ids[james.id], sections["aims"], "Aim 1 is fine.")
    assert rc.section_threads(uow, lead, app_id, sections["aims"]) == []
    assert [c.body for c in rc.my_review_comments(uow, james, ids[james.id])] == ["Aim 1 is fine."]
    submit(uow, priya, ids[priya.id])
    threads = rc.section_threads(uow, lead, app_id, sections["aims"])
    assert [(t.body, t.author, t.round_number, t.from_review) for t in threads] == [
        ("Aim 2 is vague.", "Priya", 1, True)
    ]


def test_the_team_replies_resolves_and_reopens(uow, setting):
    lead, coauthor, priya, _, app_id, ids, sections = setting
    comment_id = rc.add_review_comment(uow, priya, ids[priya.id], sections["aims"], "Aim 2 is vague.")
    submit(uow, priya, ids[priya.id])
    reply_id = rc.reply(uow, coauthor, comment_id, "Sharpened it.")
    rc.reply(uow, lead, reply_id, "Thanks!")  # a reply to a reply joins the same thread
    rc.resolve(uow, lead, comment_id, "Fixed in the aims.")
    [thread] = rc.section_threads(uow, lead, app_id, sections["aims"])
    assert thread.resolved and thread.resolved_by == "Hana"
    assert [(r.author, r.body) for r in thread.replies] == [
        ("Wiremu", "Sharpened it."),
        ("Hana", "Thanks!"),
        ("Hana", "Fixed in the aims."),
    ]
    assert rc.section_threads(uow, lead, app_id, open_only=True) == []
    with pytest.raises(Conflict, match="already resolved"):
        rc.resolve(uow, coauthor, reply_id)
    rc.reopen(uow, coauthor, comment_id)
    with pytest.raises(Conflict, match="already open"):
        rc.reopen(uow, coauthor, comment_id)
    assert [t.resolved for t in rc.section_threads(uow, lead, app_id, open_only=True)] == [False]
    with uow as session:
        assert [
            e.action
            for e in session.scalars(select(AuditEvent).where(AuditEvent.entity == "comment").order_by(AuditEvent.id))
        ] == ["resolved comment", "reopened comment"]


def test_only_the_team_replies_resolves_or_reopens(uow, setting, make_actor):
    lead, _, priya, james, app_id, ids, sections = setting
    comment_id = rc.add_review_comment(uow, priya, ids[priya.id], sections["aims"], "Aim 2 is vague.")
    submit(uow, priya, ids[priya.id])
    for outsider in (priya, james, make_actor(Role.RESEARCHER), make_actor(Role.MANAGER)):
        for action in (lambda a: rc.reply(uow, a, comment_id, "x"), lambda a: rc.resolve(uow, a, comment_id)):
            with pytest.raises(PermissionDenied):
                action(outsider)
    with pytest.raises(PermissionDenied):
        rc.section_threads(uow, make_actor(Role.RESEARCHER), app_id)
    assert len(rc.section_threads(uow, make_actor(Role.MANAGER), app_id)) == 1  # managers read


def test_a_draft_comment_cannot_be_answered_or_seen_before_submission(uow, setting):
    lead, _, priya, _, _, ids, sections = setting
    comment_id = rc.add_review_comment(uow, priya, ids[priya.id], sections["aims"], "Draft thought")
    with pytest.raises(NotFound):
        rc.reply(uow, lead, comment_id, "What?")


def test_a_reviewer_takes_back_a_comment_until_submitting(uow, setting):
    _, _, priya, james, _, ids, sections = setting
    keep = rc.add_review_comment(uow, priya, ids[priya.id], sections["aims"], "Keep")
    drop = rc.add_review_comment(uow, priya, ids[priya.id], sections["aims"], "Drop")
    with pytest.raises(PermissionDenied, match="someone else's"):
        rc.delete_review_comment(uow, james, drop)
    rc.delete_review_comment(uow, priya, drop)
    submit(uow, priya, ids[priya.id])
    with pytest.raises(Conflict, match="locked"):
        rc.delete_review_comment(uow, priya, keep)
    with pytest.raises(Conflict, match="locked"):
        rc.add_review_comment(uow, priya, ids[priya.id], sections["aims"], "Late")
    assert [c.body for c in rc.my_review_comments(uow, priya, ids[priya.id])] == ["Keep"]


def test_team_members_start_threads_on_the_live_draft(uow, setting, make_actor):
    lead, coauthor, _, _, app_id, _, sections = setting
    rc.add_comment(uow, coauthor, app_id, sections["summary"], "Shorter?", quote="river memory")
    assert [(t.author, t.from_review) for t in rc.section_threads(uow, lead, app_id, sections["summary"])] == [
        ("Wiremu", False)
    ]
    with pytest.raises(InvalidInput, match="does not appear in “Summary”"):
        rc.add_comment(uow, coauthor, app_id, sections["summary"], "?", quote="nowhere")
    with pytest.raises(PermissionDenied):
        rc.add_comment(uow, make_actor(Role.REVIEWER), app_id, sections["summary"], "Sneaky")
    other = build_application(uow, lead)
    with pytest.raises(NotFound, match="not part of this application"):
        rc.add_comment(uow, lead, other, sections["summary"], "Wrong place")
