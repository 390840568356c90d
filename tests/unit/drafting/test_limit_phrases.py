"""Limits and heading numbers, written the ways funders write them."""

import pytest

from research.domain.limit_phrases import find_limit, find_shared, strip_heading_number, strip_limit
from research.domain.template_spec import Limit


@pytest.mark.parametrize(
    "text, unit, maximum",
    [
        ("max 500 words", "words", 500),
        ("Max. 500 words", "words", 500),
        ("(1 page)", "pages", 1),
        ("no more than 2,000 characters", "characters", 2000),
        ("up to 30 lines", "lines", 30),
        ("maximum of 4 pages", "pages", 4),
        ("Please write a summary (200 words).", "words", 200),
        ("Describe it in 1,000–1,500 words maximum", "words", 1500),
        ("The word limit: 400 words.", "words", 400),
        ("not to exceed 12 pages", "pages", 12),
        ("Limited to two pages.", "pages", 2),
        ("a 300-word limit applies", "words", 300),
        ("[8,000 characters]", "characters", 8000),
        ("at most one page", "pages", 1),
        ("up to a page", "pages", 1),
    ],
)
def test_limits_in_guidance(text, unit, maximum):
    assert find_limit(text).limit == Limit(unit, maximum)


@pytest.mark.parametrize(
    "text",
    [
        "Include 3 pages of letters of support as an appendix.",  # no cue: not a limit on this section
        "Describe the aims of the project.",
        "Due on 20 February, 12 noon.",
        "Length: 0 words",
        "A page of references is plenty.",
    ],
)
def test_prose_that_is_not_a_limit(text):
    assert find_limit(text).limit is None


def test_a_bare_amount_counts_in_a_heading():
    assert find_limit("Research Strategy – 12 pages", bare_ok=True).limit == Limit("pages", 12)
    assert find_limit("Research Strategy – 12 pages").limit is None


def test_a_fractional_limit_is_left_for_a_person_with_a_note():
    found = find_limit("Maximum 1.5 pages")
    assert found.limit is None and "not a whole number" in found.note


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Summary (max 200 words)", "Summary"),
        ("Project Summary: up to 30 lines", "Project Summary"),
        ("Research Strategy – maximum of 4 pages", "Research Strategy"),
        ("CV (5 pages)", "CV"),
        ("Specific Aims [1 page]", "Specific Aims"),
        ("Up to 300 words: Benefit to New Zealand", "Benefit to New Zealand"),
    ],
)
def test_the_limit_phrase_is_taken_out_of_a_heading(title, expected):
    assert strip_limit(title, find_limit(title, bare_ok=True)) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        ("1. Introduction", "Introduction"),
        ("1.1 Objectives and ambition", "Objectives and ambition"),
        ("2.3.1 Risks", "Risks"),
        ("Section 2: Methods", "Methods"),
        ("Part B1: Extended synopsis", "Extended synopsis"),
        ("Question 4 – Budget", "Budget"),
        ("Q3) Aims", "Aims"),
        ("iv. Budget", "Budget"),
        ("B. Team", "Team"),
        ("A new approach", "A new approach"),
        ("CV", "CV"),
        ("Vision Mātauranga", "Vision Mātauranga"),
        ("500-word summary", "500-word summary"),
        ("1.", "1."),
    ],
)
def test_heading_numbers_are_removed(title, expected):
    assert strip_heading_number(title) == expected


@pytest.mark.parametrize(
    "text, unit, maximum",
    [
        ("[1 side]", "pages", 1),
        ("[2 sides]", "pages", 2),
        ("Up to 2 sides of A4", "pages", 2),
        ("[Maximum 1 A4 page]", "pages", 1),
        ("One A4 page maximum", "pages", 1),
        ("no more than two pages", "pages", 2),
        ("150 characters", "characters", 150),  # a line saying nothing else is the limit
        ("Limit: 2 sides", "pages", 2),
        ("max 2,000 characters including spaces", "characters", 2000),
        ("up to 30 lines", "lines", 30),
    ],
)
def test_limits_however_phrased(text, unit, maximum):
    assert find_limit(text).limit == Limit(unit, maximum)


def test_characters_without_spaces_are_read_with_a_note_that_this_app_counts_spaces():
    found = find_limit("Title (max 200 characters without spaces)")
    assert found.limit == Limit("characters", 200) and "without spaces" in found.note
    assert find_limit("max 200 characters (including spaces)").note == ""


@pytest.mark.parametrize(
    "text, refs, limit",
    [
        ("Sections 2 and 3 together: 4 pages", ("2", "3"), Limit("pages", 4)),
        ("Sections 2.1 to 2.3 together: no more than 5 pages.", ("2.1", "2.2", "2.3"), Limit("pages", 5)),
        ("Questions 1-3 combined must not exceed 2 sides of A4", ("1", "2", "3"), Limit("pages", 2)),
        ("Parts 4, 5 and 6: 2,000 words in total", ("4", "5", "6"), Limit("words", 2000)),
    ],
)
def test_limits_shared_by_several_questions(text, refs, limit):
    shared = find_shared(text)
    assert shared is not None and shared.refs == refs and shared.found.limit == limit


def test_one_question_with_a_limit_is_not_shared():
    assert find_shared("Section 2: 4 pages") is None
    assert find_shared("Sections 2 and 3 are assessed together.") is None
