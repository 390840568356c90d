"""Limits and heading numbers, written the ways funders write them."""

import pytest

from research.domain.limit_phrases import find_limit, strip_heading_number, strip_limit
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
