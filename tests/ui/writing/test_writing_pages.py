"""AppTest: writing aids beside the editor, criteria on the readiness gate, a round's criteria, fair review."""

from __future__ import annotations

from research.db.models import FindingDismissal, FundingRound
from research.domain.roles import Role
from research.services.drafting.sections import save_section
from research.services.review import lifecycle
from research.ui import state
from tests.integration.drafting_support import make_round, section_id, start
from tests.integration.review_steps import open_round_with, submit
from tests.integration.writing.test_writing_services import panel_scores
from tests.review_builders import build_application
from tests.ui.conftest import add_user
from tests.ui.drafting.test_drafting_pages import button, markdown_text, open_editor

READINESS = "research/ui/pages/review/review_readiness_page.py"
MANAGE = "research/ui/pages/rounds/manage_rounds_page.py"
CONSISTENCY = "research/ui/pages/review/review_consistency_page.py"
REVIEW = "research/ui/pages/review/review_page.py"
TEXT = "The samples were analysed by the team. We study the HRC funding model."


def test_the_editor_shows_findings_and_criteria_and_a_finding_can_be_dismissed(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    app = start(ui_uow, actor, template="horizon-europe-ria")
    sid = section_id(ui_uow, actor, app, "objectives_ambition")
    save_section(ui_uow, actor, sid, TEXT, 0)
    open_editor(at, app, sid)
    text = markdown_text(at)
    assert "**Passive construction**" in text and "Acronym never spelled out" in text
    assert "**Excellence**" in text and "No section addresses yet" in at.warning[-1].value
    button(at, "Dismiss").click().run()
    assert not at.exception
    with ui_uow as session:
        assert session.query(FindingDismissal).count() == 1
    assert "Show 1 dismissed finding again" in [b.label for b in at.button]


def test_the_readiness_gate_lists_uncovered_criteria_as_advice(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    app = start(ui_uow, actor, template="horizon-europe-ria")
    at.session_state[state.REVIEW_APPLICATION] = app
    at.run()
    at.switch_page(READINESS).run()
    assert not at.exception
    advice = [i.value for i in at.info if "Advice, not a requirement" in i.value]
    assert advice and "Excellence" in advice[0] and "Impact" in advice[0]


def test_a_manager_reads_criteria_from_pasted_guidance_corrects_and_saves_them(signed_in, ui_uow):
    at, manager = signed_in(Role.MANAGER)
    round_id = make_round(ui_uow, manager, template_key="horizon-europe-ria")
    at.query_params["round"] = str(round_id)
    at.run()
    at.switch_page(MANAGE).run()
    assert not at.exception
    key = f"{state.CRITERIA_DRAFT_PREFIX}{round_id}"
    at.text_area(key=f"{key}_text").input("Award criteria\n1. Excellence (50%)\nNovelty and ambition.\n2. Impact (50%)")
    at.button(key=f"{key}_find").click().run()
    assert at.session_state[key]["rows"][0] == {"title": "Excellence", "weight": 50.0, "describes": "novelty; ambition"}
    next(b for b in at.button if b.label == "Save these criteria").click().run()
    assert not at.exception
    with ui_uow as session:
        stored = session.get(FundingRound, round_id).assessment_criteria
    assert [(c["title"], c["weight"]) for c in stored] == [("Excellence", 50.0), ("Impact", 50.0)]


def test_managers_see_review_consistency_and_reviewers_cannot(signed_in, ui_uow):
    at, manager = signed_in(Role.MANAGER)
    lead = add_user(ui_uow, Role.RESEARCHER)
    panel = [add_user(ui_uow, Role.REVIEWER) for _ in range(3)]
    for scores in ((4.5, 4.0, 1.0), (4.0, 4.5, 1.5)):
        app = build_application(ui_uow, lead)
        reviews = open_round_with(ui_uow, lead, app, panel)
        panel_scores(ui_uow, panel, reviews, scores, impact=3)
    at.run()
    at.switch_page(CONSISTENCY).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2
    assert "Krippendorff's alpha" in "\n".join(c.value for c in at.caption)
    outliers = at.dataframe[1].value
    assert set(outliers["Reviewer"]) == {panel[2].display_name}

    reviewer_at, _ = signed_in(Role.REVIEWER)
    reviewer_at.run()
    reviewer_at.switch_page(CONSISTENCY).run()
    assert "is not available to your role" in reviewer_at.error[0].value


def test_a_manager_reads_consistency_for_one_review_round(signed_in, ui_uow):
    at, manager = signed_in(Role.MANAGER)
    lead = add_user(ui_uow, Role.RESEARCHER)
    panel = [add_user(ui_uow, Role.REVIEWER) for _ in range(3)]
    apps = [build_application(ui_uow, lead) for _ in range(2)]
    for number, harsh in ((1, 1.0), (2, 4.0)):
        for app in apps:
            if number > 1:
                lifecycle.move_application(ui_uow, lead, app, "revising")
            reviews = open_round_with(ui_uow, lead, app, panel)
            for reviewer, score in zip(panel, (4.5, 4.0, harsh), strict=True):
                scores = {"excellence": score, "impact": 3, "resources": "sufficient"}
                submit(ui_uow, reviewer, reviews[reviewer.id], scores=scores)
    at.run()
    at.switch_page(CONSISTENCY).run()
    assert at.selectbox(key=state.CONSISTENCY_ROUND).options == [
        "Every review round",
        "Review round 1",
        "Review round 2",
    ]
    assert set(at.dataframe[1].value["Round"]) == {1}  # the harsh first round's outliers
    at.selectbox(key=state.CONSISTENCY_ROUND).set_value(2).run()
    assert not at.exception
    assert "No score is more than a quarter of the scale" in "\n".join(c.value for c in at.caption)
    assert set(at.dataframe[-1].value["Round"]) == {2}  # the normalised scores of round 2 only
    assert len(at.get("plotly_chart")) == 3  # agreement, reviewers against the panel, movement across rounds


def test_a_reviewer_changes_a_submitted_score_only_with_a_reason(signed_in, ui_uow):
    at, reviewer = signed_in(Role.REVIEWER)
    lead = add_user(ui_uow, Role.RESEARCHER)
    app = build_application(ui_uow, lead)
    review_id = open_round_with(ui_uow, lead, app, [reviewer])[reviewer.id]
    submit(ui_uow, reviewer, review_id)
    at.run()
    at.switch_page(REVIEW).run()
    assert not at.exception
    at.number_input(key=f"score_change_value_{review_id}").set_value(2.0)
    next(b for b in at.button if b.label == "Change the score").click().run()
    assert "reason" in at.error[0].value
    assert at.number_input(key=f"score_change_value_{review_id}").value == 2.0  # kept after the refusal
    at.text_area(key=f"score_change_reason_{review_id}").input("The aims are less clear than I thought.")
    next(b for b in at.button if b.label == "Change the score").click().run()
    assert not at.exception
    history = at.dataframe[-1].value
    assert list(history["Reason"]) == ["The aims are less clear than I thought."]
    assert list(history["To"]) == ["2"]
