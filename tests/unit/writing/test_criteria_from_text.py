"""Criteria found in a call's guidance text: numbered lists, weightings, 'assessed on' sentences."""

from research.domain.assessment_criteria import criteria_from_text, from_rubric, phrases_of
from research.domain.template_spec import Criterion, Scale

GUIDANCE = """Assessment criteria
Proposals will be scored on a 7-point scale.
1. Excellence (50%)
The quality of the science: novelty, ambition and feasibility of the research plan.
2. Impact – weighting 30%
Pathways to impact, benefit to New Zealand, and uptake by end users.
3. Quality and efficiency of the implementation (20%)
Work plan, resources, capacity of the team.
"""


def test_numbered_criteria_with_weights_and_their_descriptions():
    found = criteria_from_text(GUIDANCE)
    assert [(c.key, c.title, c.weight) for c in found.criteria] == [
        ("excellence", "Excellence", 50.0),
        ("impact", "Impact", 30.0),
        ("quality_and_efficiency_of_the", "Quality and efficiency of the implementation", 20.0),
    ]
    assert found.criteria[0].describes == (
        "the quality of the science",
        "novelty",
        "ambition",
        "feasibility of the research plan",
    )
    assert found.criteria[2].describes == ("work plan", "resources", "capacity of the team")
    assert found.unplaced == ()


def test_an_assessed_on_sentence_lists_the_criteria():
    found = criteria_from_text("Applications will be assessed on excellence, impact and implementation.")
    assert [c.title for c in found.criteria] == ["Excellence", "Impact", "Implementation"]


def test_labelled_criteria_lines():
    found = criteria_from_text(
        "Criterion 1: Significance - does the project address an important problem?\n"
        "Criterion 2: Approach - are the methods rigorous?"
    )
    assert [c.title for c in found.criteria] == ["Significance", "Approach"]
    assert found.criteria[1].describes == ("are the methods rigorous",)


def test_headings_under_a_criteria_heading_are_criteria_until_a_heading_of_its_level():
    found = criteria_from_text(
        "# Call guidance\n"
        "## Assessment criteria\n"
        "### Excellence\nNovelty and ambition of the plan.\n"
        "### Impact\nPathways to impact.\n"
        "## Eligibility\nResearchers based in New Zealand.\n"
        "### Who may apply\nAnyone with a contract."
    )
    assert [c.title for c in found.criteria] == ["Excellence", "Impact"]
    assert found.criteria[1].describes == ("pathways to impact",)
    assert found.unplaced == ()


def test_a_weighted_heading_is_a_criterion_with_or_without_its_heading_style():
    marked = "# How proposals are evaluated\n## Excellence (50%)\nNovelty and ambition.\n## Impact - weighting 50%\n"
    unmarked = marked.replace("#", "").replace("\n ", "\n").strip()  # as a PDF's text or a pasted page gives it
    for text in (marked, unmarked):
        found = criteria_from_text(text)
        assert [(c.title, c.weight) for c in found.criteria] == [("Excellence", 50.0), ("Impact", 50.0)]
        assert found.criteria[0].describes == ("novelty", "ambition")


def test_a_heading_that_names_no_criterion_ends_the_description_above_it():
    found = criteria_from_text("## Excellence (60%)\nNovelty.\n## How to apply\nApply online by March.")
    assert [c.title for c in found.criteria] == ["Excellence"]
    assert found.criteria[0].description == "Novelty."


def test_a_weighting_that_belongs_to_no_criterion_is_shown_as_unplaced():
    found = criteria_from_text("About the fund.\nA weighting of 40% applies to the panel's view.")
    assert found.criteria == ()
    assert found.unplaced == ("A weighting of 40% applies to the panel's view.",)


def test_plain_prose_finds_nothing():
    found = criteria_from_text("The fund supports research.\n\nApply online by March.")
    assert found.criteria == () and found.unplaced == ()


def test_rubric_criteria_keep_weights_only_when_they_differ():
    scale = Scale(1, 7)
    same = (Criterion("a", "A", scale), Criterion("b", "B", scale))
    assert [c.weight for c in from_rubric(same)] == [None, None]
    msca = (
        Criterion("a", "A", scale, weight=0.5),
        Criterion("b", "B", scale, weight=0.3),
        Criterion("c", "C", scale, weight=0.2),
    )
    assert [c.weight for c in from_rubric(msca)] == [50.0, 30.0, 20.0]  # a share of the whole, as a round's are


def test_rubric_weights_become_the_percentages_a_rounds_criteria_hold():
    scale = Scale(1, 7)
    relative = (
        Criterion("a", "A", scale, weight=2),
        Criterion("b", "B", scale, weight=1),
        Criterion("c", "C", scale, weight=1),
    )
    assert [c.weight for c in from_rubric(relative)] == [50.0, 25.0, 25.0]


def test_phrases_of_a_description():
    assert phrases_of("ground-breaking nature, ambition and feasibility") == (
        "ground-breaking nature",
        "ambition",
        "feasibility",
    )


def test_the_internal_reviews_criteria_are_not_the_funders():
    scale = Scale(1, 7)
    rubric = (Criterion("ready", "Ready to submit", scale, internal=True), Criterion("impact", "Impact", scale))
    assert [c.key for c in from_rubric(rubric)] == ["impact"]


def test_shipped_templates_carry_their_funders_published_criteria():
    from pathlib import Path

    from research.services.drafting.templates import read_template_file

    root = Path(__file__).resolve().parents[3] / "templates"
    criteria = {f.stem: from_rubric(read_template_file(f).rubric.criteria) for f in root.glob("*.toml")}
    assert [c.title for c in criteria["horizon-europe-ria"]] == [
        "Excellence",
        "Impact",
        "Quality and efficiency of the implementation",
    ]
    assert criteria["erc-stg-b1"][0].describes == ("ground-breaking nature", "ambition", "feasibility")
    assert criteria["hrc-project"] == () and criteria["marsden-full-proposal"] == ()
    # NIH scores the first two factors equally and rates the third without a score; MBIE weights Excellence 50%.
    assert [c.weight for c in criteria["nih-r01"]] == [50.0, 50.0, 0.0]
    assert [(c.title, c.weight) for c in criteria["mbie-smart-ideas"]] == [
        ("Excellence (science)", 50.0),
        ("Impact", 50.0),
    ]
