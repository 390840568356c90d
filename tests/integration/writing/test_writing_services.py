"""Writing aids, round criteria, score changes and review consistency through the services, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from research.db.models import FindingDismissal, Section
from research.domain.assessment_criteria import AssessmentCriterion
from research.domain.errors import Conflict, InvalidInput, PermissionDenied
from research.domain.roles import Role
from research.services.drafting.sections import save_section
from research.services.review import consistency, lifecycle, score_changes
from research.services.writing import aids, round_criteria
from research.services.writing.findings import Kind
from tests.integration.drafting_support import make_round
from tests.integration.review_steps import open_round_with, submit
from tests.review_builders import build_application, section_ids

TEXTS = {
    "summary": "The HRC funds this work. The samples were analysed by the team.",
    "aims": "The Health Research Council (HRC) is our funder. Our aims are excellent and feasible.",
}


@pytest.fixture
def team(make_actor):
    return make_actor(Role.RESEARCHER), make_actor(Role.RESEARCHER)


def test_the_team_sees_findings_readability_and_criteria_in_section_order(uow, team):
    lead, _ = team
    app = build_application(uow, lead, texts=TEXTS)
    result = aids.analyse_application(uow, lead, app)
    summary = result.sections[0]
    assert summary.key == "summary" and summary.flesch_kincaid_grade is not None
    assert {Kind.ACRONYM, Kind.PASSIVE} <= {f.kind for f in summary.findings}
    assert [c.criterion_key for c in summary.coverage] == ["excellence", "impact", "resources"]
    aims = {c.criterion_key: c for c in result.sections[1].coverage}
    assert aims["excellence"].strength != "not" and "Excellence" in aims["excellence"].matched
    assert [c.key for c in result.uncovered] == ["impact", "resources"]


def test_a_dismissed_finding_stays_dismissed_while_its_sentence_stands(uow, team):
    lead, coauthor = team
    app = build_application(uow, lead, members=(coauthor,), texts=TEXTS)
    ids = section_ids(uow, app)
    passive = next(f for f in aids.analyse_application(uow, lead, app).sections[0].findings if f.kind == Kind.PASSIVE)
    aids.dismiss_finding(uow, coauthor, ids["summary"], passive.key, passive.kind)
    aids.dismiss_finding(uow, lead, ids["summary"], passive.key, passive.kind)  # twice is once
    assert passive not in aids.analyse_application(uow, lead, app).sections[0].open_findings
    with uow as session:  # reading the aids and dismissing one changed no text and made no version
        section = session.get(Section, ids["summary"])
        assert (section.body, section.version) == (TEXTS["summary"], 1)
        assert session.scalar(select(FindingDismissal.section_version)) == 1
    save_section(uow, lead, ids["summary"], TEXTS["summary"] + " More text.", 1)
    assert passive not in aids.analyse_application(uow, lead, app).sections[0].open_findings
    save_section(uow, lead, ids["summary"], "The samples were weighed by the team.", 2)
    again = aids.analyse_application(uow, lead, app).sections[0].open_findings
    assert [f.kind for f in again if f.kind == Kind.PASSIVE] == [Kind.PASSIVE]
    assert aids.restore_findings(uow, lead, ids["summary"]) == 1


def test_a_stranger_may_neither_read_the_aids_nor_dismiss(uow, team, make_actor):
    lead, _ = team
    app = build_application(uow, lead, texts=TEXTS)
    stranger = make_actor(Role.RESEARCHER)
    with pytest.raises(PermissionDenied):
        aids.analyse_application(uow, stranger, app)
    with pytest.raises(PermissionDenied):
        aids.dismiss_finding(uow, stranger, section_ids(uow, app)["summary"], "k" * 20, Kind.PASSIVE)


def test_round_criteria_fall_back_to_the_template_until_the_round_has_its_own(uow, make_actor):
    manager, researcher = make_actor(Role.MANAGER), make_actor(Role.RESEARCHER)
    round_id = make_round(uow, manager, template_key="horizon-europe-ria")
    criteria, source = round_criteria.round_criteria(uow, researcher, round_id)
    assert source == "template" and [c.key for c in criteria] == ["excellence", "impact", "implementation"]
    assert "pathways towards impact" in criteria[1].describes
    own = [AssessmentCriterion("", "Excellence", 50.0, ("novelty",)), AssessmentCriterion("", "Excellence", 50.0)]
    round_criteria.set_round_criteria(uow, manager, round_id, own)
    criteria, source = round_criteria.round_criteria(uow, researcher, round_id)
    assert source == "round" and [c.key for c in criteria] == ["excellence", "excellence_2"]
    round_criteria.set_round_criteria(uow, manager, round_id, [])
    assert round_criteria.round_criteria(uow, researcher, round_id)[1] == "template"


def test_bad_criteria_are_refused_naming_each_and_change_nothing(uow, make_actor):
    manager = make_actor(Role.MANAGER)
    round_id = make_round(uow, manager, template_key="horizon-europe-ria")
    bad = [AssessmentCriterion("", " ", None), AssessmentCriterion("", "Impact", 140.0)]
    with pytest.raises(InvalidInput) as refused:
        round_criteria.set_round_criteria(uow, manager, round_id, bad)
    assert "criterion 1.title" in str(refused.value) and "criterion 2.weight" in str(refused.value)
    assert round_criteria.round_criteria(uow, manager, round_id)[1] == "template"


def test_a_round_criterion_shapes_the_map_of_its_applications(uow, make_actor):
    manager, lead = make_actor(Role.MANAGER), make_actor(Role.RESEARCHER)
    app = build_application(uow, lead, texts=TEXTS, milestone_days=5)
    with uow as session:
        from research.db.models import Application

        round_id = session.get(Application, app).round_id
    round_criteria.set_round_criteria(uow, manager, round_id, [AssessmentCriterion("", "Māori benefit", None)])
    result = aids.analyse_application(uow, lead, app)
    assert [c.title for c in result.criteria] == ["Māori benefit"]


def test_a_submitted_score_changes_only_with_a_reason_and_the_history_keeps_it(uow, make_actor):
    lead, reviewer = make_actor(Role.RESEARCHER), make_actor(Role.REVIEWER)
    app = build_application(uow, lead, texts=TEXTS)
    review_id = open_round_with(uow, lead, app, [reviewer])[reviewer.id]
    with pytest.raises(Conflict):
        score_changes.change_submitted_score(uow, reviewer, review_id, "excellence", 3.0, "Early change")
    submit(uow, reviewer, review_id)
    with pytest.raises(InvalidInput, match="reason"):
        score_changes.change_submitted_score(uow, reviewer, review_id, "excellence", 3.0, "  ")
    with pytest.raises(InvalidInput, match="excellence"):
        score_changes.change_submitted_score(uow, reviewer, review_id, "excellence", 9.0, "Too high")
    score_changes.change_submitted_score(uow, reviewer, review_id, "excellence", 3.0, "Re-read the aims.")
    (change,) = score_changes.score_history(uow, reviewer, review_id)
    assert (float(change.old), float(change.new), change.reason) == (4.5, 3.0, "Re-read the aims.")


def panel_scores(uow, panel, reviews, excellence, impact=3.5) -> None:
    """Each reviewer of the panel submits their review with their own excellence score."""
    for reviewer, score in zip(panel, excellence, strict=True):
        submit(
            uow,
            reviewer,
            reviews[reviewer.id],
            scores={"excellence": score, "impact": impact, "resources": "sufficient"},
        )


def test_consistency_across_a_panel_for_managers_only(uow, make_actor):
    lead, manager = make_actor(Role.RESEARCHER), make_actor(Role.MANAGER)
    panel = [make_actor(Role.REVIEWER) for _ in range(3)]
    for scores in ((4.5, 4.5, 1.0), (4.0, 4.0, 1.5)):
        app = build_application(uow, lead, texts=TEXTS)
        reviews = open_round_with(uow, lead, app, panel)
        panel_scores(uow, panel, reviews, scores)
    result = consistency.review_consistency(uow, manager, "marsden-mini")
    excellence = next(a for a in result.agreement if a.criterion_key == "excellence")
    assert excellence.units == 2 and excellence.alpha is not None and excellence.alpha < 0.667
    assert {o.reviewer for o in result.outliers} == {panel[2].display_name}
    assert result.reviewers[-1].reviewer == panel[2].display_name
    for role in (Role.RESEARCHER, Role.REVIEWER, Role.ADMIN):
        with pytest.raises(PermissionDenied):
            consistency.review_consistency(uow, make_actor(role))


def test_consistency_for_one_review_round_and_movement_across_them(uow, make_actor):
    lead, manager = make_actor(Role.RESEARCHER), make_actor(Role.MANAGER)
    panel = [make_actor(Role.REVIEWER) for _ in range(3)]
    rounds = {1: ((4.5, 4.0, 1.0), (4.0, 4.5, 1.5)), 2: ((4.0, 4.0, 4.5), (4.5, 4.5, 4.0))}
    apps = [build_application(uow, lead, texts=TEXTS) for _ in range(2)]
    for number, per_app in rounds.items():
        for app, scores in zip(apps, per_app, strict=True):
            if number > 1:
                lifecycle.move_application(uow, lead, app, "revising")
            reviews = open_round_with(uow, lead, app, panel)
            panel_scores(uow, panel, reviews, scores)
    first = consistency.review_consistency(uow, manager, "marsden-mini", round_number=1)
    second = consistency.review_consistency(uow, manager, "marsden-mini", round_number=2)
    every = consistency.review_consistency(uow, manager, "marsden-mini")
    assert first.rounds == second.rounds == every.rounds == (1, 2)
    assert {p.round_number for p in first.points} == {1} and len(every.points) == 2 * len(first.points)
    assert {(o.reviewer, o.round_number) for o in first.outliers} == {(panel[2].display_name, 1)}
    assert second.outliers == () and first.reviewers[-1].reviewer == panel[2].display_name
    excellence = {c.criterion_key: c for c in second.agreement}["excellence"]
    assert excellence.units == 2 and excellence.alpha is not None
    # movement always spans the rounds: the harsh first round pulls excellence's mean up in the second
    assert first.movement == second.movement == every.movement
    changes = [m.change for m in every.movement if m.criterion == excellence.criterion and m.round_number == 2]
    assert changes == pytest.approx([1.0, 1.0], abs=0.01)  # 3.17 -> 4.17 and 3.33 -> 4.33
