"""The funder's criteria mapped onto the sections, with the phrases that led to each judgement."""

from research.domain.assessment_criteria import AssessmentCriterion
from research.services.writing.analysis import SectionText, analyse_texts
from research.services.writing.criteria_map import PARTLY, STRONG

CRITERIA = (
    AssessmentCriterion("significance", "Significance", 25.0, ("important problem", "public health burden")),
    AssessmentCriterion("innovation", "Innovation", 25.0, ("novel methods", "new concepts")),
    AssessmentCriterion("approach", "Approach", 25.0, ("rigorous design", "statistical power")),
    AssessmentCriterion("environment", "Environment", 25.0, ("institutional support", "laboratory facilities")),
)
TWO_OF_FOUR = (
    "Dementia is an important problem: its public health burden grows each year and its significance for "
    "families is great. Our rigorous design gives the trial the statistical power to detect a small effect, "
    "and the approach was piloted last year."
)


def coverage_of(*bodies: str):
    texts = tuple(SectionText(n, f"s{n}", f"S{n}", 1, b) for n, b in enumerate(bodies, start=1))
    return analyse_texts(7, texts, CRITERIA)


def test_a_section_that_covers_exactly_two_of_four_criteria():
    result = coverage_of(TWO_OF_FOUR)
    scores = {c.criterion_key: c for c in result.sections[0].coverage}
    assert scores["significance"].score >= STRONG and scores["approach"].score >= STRONG
    assert scores["innovation"].score < PARTLY and scores["environment"].score < PARTLY
    assert scores["significance"].matched == ("Significance", "important problem", "public health burden")
    assert set(scores["approach"].matched) == {"Approach", "rigorous design", "statistical power"}
    assert [c.key for c in result.uncovered] == ["innovation", "environment"]


def test_the_evidence_names_the_shared_terms_and_the_strength_reads_plainly():
    result = coverage_of(TWO_OF_FOUR)
    significance = result.sections[0].coverage[0]
    assert significance.strength == "strongly"
    assert {"burden", "problem"} <= set(significance.shared_terms)
    assert result.sections[0].coverage[1].strength == "not"


def test_a_criterion_covered_anywhere_is_not_uncovered():
    result = coverage_of(TWO_OF_FOUR, "Our laboratory facilities and institutional support are excellent.")
    assert [c.key for c in result.uncovered] == ["innovation"]


def test_word_forms_meet_innovative_methods_cover_innovation():
    result = coverage_of("The project is innovative: we develop novel methods and new concepts.")
    innovation = next(c for c in result.sections[0].coverage if c.criterion_key == "innovation")
    assert innovation.score >= STRONG and "Innovation" in innovation.matched


def test_an_application_with_no_text_covers_nothing_and_no_criteria_means_nothing_uncovered():
    assert [c.key for c in coverage_of("").uncovered] == [c.key for c in CRITERIA]
    empty = analyse_texts(8, (SectionText(1, "a", "A", 0, "Text."),), ())
    assert empty.uncovered == () and empty.sections[0].coverage == ()
