"""Blind reviews, the team's view of rounds, score movement and changes since a review."""

import pytest

from research.domain.reviewing import ReviewStatus
from research.domain.roles import Role
from research.services.review import comments as rc
from research.services.review import lifecycle, readiness
from research.services.review import overview as review_overview
from research.services.review import rounds as review_rounds
from tests.integration.review_steps import open_round_with, submit
from tests.review_builders import build_application, save_text, section_ids


@pytest.fixture
def setting(uow, make_actor):
    lead, coauthor = make_actor(Role.RESEARCHER, "hana"), make_actor(Role.RESEARCHER, "wiremu")
    priya, james = make_actor(Role.REVIEWER, "priya"), make_actor(Role.REVIEWER, "james")
    manager = make_actor(Role.MANAGER, "tama")
    app_id = build_application(uow, lead, members=(coauthor,))
    ids = open_round_with(uow, lead, app_id, [priya, james])
    summary = section_ids(uow, app_id)["summary"]
    rc.add_review_comment(uow, priya, ids[priya.id], summary, "Who benefits?")
    submit(
        uow,
        priya,
        ids[priya.id],
        answers={"plain": ("no", "Jargon"), "aims": ("yes", ""), "vm": ("yes", "")},
        scores={"excellence": 3, "impact": 2.5, "resources": "not sufficient"},
    )
    submit(uow, james, ids[james.id], scores={"excellence": 4, "impact": 3.5, "resources": "sufficient"})
    return dict(lead=lead, coauthor=coauthor, priya=priya, james=james, manager=manager, app_id=app_id)


def names_seen(uow, viewer, app_id):
    overview = review_overview.review_overview(uow, viewer, app_id)
    threads = rc.section_threads(uow, viewer, app_id)
    gaps = [g.message for g in readiness.check_readiness(uow, viewer, app_id).gaps]
    return (
        {i.reviewer for r in overview.rounds for i in r.invitations},
        {r.reviewer for r in overview.rounds[0].results},
        {t.author for t in threads},
        " ".join(gaps),
    )


def test_without_blind_reviews_the_team_sees_reviewer_names(uow, setting):
    invited, results, authors, gaps = names_seen(uow, setting["coauthor"], setting["app_id"])
    assert invited == results == {"Priya", "James"} and authors == {"Priya"} and "Priya answered no" in gaps


def test_blind_reviews_hide_names_from_the_team_everywhere(uow, setting):
    review_rounds.set_blind_reviews(uow, setting["lead"], setting["app_id"], True)
    for viewer in (setting["lead"], setting["coauthor"]):
        invited, results, authors, gaps = names_seen(uow, viewer, setting["app_id"])
        assert invited == results == {"Reviewer A", "Reviewer B"}
        assert authors <= {"Reviewer A", "Reviewer B"} and len(authors) == 1
        assert "Priya" not in gaps and "James" not in gaps and "Reviewer" in gaps
    overview = review_overview.review_overview(uow, setting["lead"], setting["app_id"])
    assert overview.names_hidden and overview.blind


def test_managers_still_see_names_in_blind_mode(uow, setting):
    review_rounds.set_blind_reviews(uow, setting["manager"], setting["app_id"], True)
    invited, _, authors, _ = names_seen(uow, setting["manager"], setting["app_id"])
    assert invited == {"Priya", "James"} and authors == {"Priya"}


def test_a_conflict_note_is_hidden_in_blind_mode(uow, setting, make_actor):
    lead, app_id = setting["lead"], setting["app_id"]
    lifecycle.move_application(uow, lead, app_id, "revising")
    ana = make_actor(Role.REVIEWER, "ana")
    ids = open_round_with(uow, lead, app_id, [ana], accept=False)
    review_rounds.respond_to_invitation(uow, ana, ids[ana.id], False, True, "Ana is my sister-in-law")
    review_rounds.set_blind_reviews(uow, lead, app_id, True)
    [invitation] = review_overview.review_overview(uow, lead, app_id).rounds[0].invitations
    assert invitation.status == ReviewStatus.CONFLICT and invitation.reason == ""
    review_rounds.set_blind_reviews(uow, lead, app_id, False)
    [invitation] = review_overview.review_overview(uow, lead, app_id).rounds[0].invitations
    assert invitation.reason == "Ana is my sister-in-law"


def test_scores_move_between_rounds_and_both_rounds_stay(uow, setting):
    lead, app_id, priya = setting["lead"], setting["app_id"], setting["priya"]
    lifecycle.move_application(uow, lead, app_id, "revising")
    ids = open_round_with(uow, lead, app_id, [priya])
    submit(uow, priya, ids[priya.id], scores={"excellence": 4.5, "impact": 4, "resources": "sufficient"})
    overview = review_overview.review_overview(uow, lead, app_id)
    assert [r.number for r in overview.rounds] == [2, 1]
    assert len(overview.rounds[1].results) == 2 and len(overview.rounds[0].results) == 1
    table = overview.scores.set_index(["criterion", "round"])["mean"].to_dict()
    assert table == {
        ("Excellence", 1): 3.5,
        ("Impact", 1): 3.0,
        ("Overall", 1): 6.5,
        ("Excellence", 2): 4.5,
        ("Impact", 2): 4.0,
        ("Overall", 2): 8.5,
    }
    first = overview.rounds[1].results
    assert {r.overall for r in first} == {5.5, 7.5} and {r.overall_passes for r in first} == {False, True}
    scores = dict((title, (shown, ok)) for title, shown, ok in overview.rounds[0].results[0].scores)
    assert scores == {
        "Excellence": ("4.5", True),
        "Impact": ("4", True),
        "Expertise and resources": ("sufficient", True),
    }


def test_changes_since_the_review_are_a_plain_text_diff(uow, setting):
    lead, app_id = setting["lead"], setting["app_id"]
    lifecycle.move_application(uow, lead, app_id, "revising")
    save_text(uow, app_id, "aims", "Aim 1: map the estuary.\n\nAim 2: record <i>oral</i> histories by 2028.", lead)
    round_id = review_overview.review_overview(uow, lead, app_id).rounds[0].id
    changes = {c.title: c for c in review_overview.changes_since_review(uow, lead, app_id, round_id)}
    assert changes["Summary"].summary == "unchanged" and changes["Summary"].diff == ""
    assert changes["Overall aims"].summary == "1 line added, 1 removed"
    assert "+Aim 2: record <i>oral</i> histories by 2028." in changes["Overall aims"].diff
    assert changes["Overall aims"].diff.startswith("--- Overall aims (round 1)\n+++ Overall aims (now)")


def test_the_team_lists_its_applications_and_managers_oversee_all(uow, setting, make_actor):
    other = build_application(uow, make_actor(Role.RESEARCHER, "mere"), title="Someone else's")
    mine = review_overview.review_applications(uow, setting["coauthor"])
    assert [a.id for a in mine] == [setting["app_id"]] and not mine[0].is_lead
    assert review_overview.review_applications(uow, setting["lead"])[0].is_lead
    everything = {a.id for a in review_overview.review_applications(uow, setting["manager"], oversee=True)}
    assert everything == {setting["app_id"], other}
    assert review_overview.review_applications(uow, setting["priya"], oversee=True) == []
