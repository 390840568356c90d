"""Counting the way funders count, limits (own and shared) and when a section may be ready."""

from research.domain.application_limits import check_application, ready_problems, shared_with_text
from research.domain.counting import check, count_words, measure, plain_text
from research.domain.section_rules import SectionStatus, is_editable, normalise_body, status_after_save
from research.domain.template_spec import Limit, PageFormat, SharedLimit

PAGE = PageFormat()


def test_markdown_marks_are_not_words():
    text = "# Aims\n\n**Bold** and *italic* words, a [link](https://example.org) too.\n\n- one\n- two\n"
    assert measure(text, "words") == 10
    assert "**" not in plain_text(text) and "https" not in plain_text(text)


def test_hyphenated_words_count_once_and_lone_dashes_not_at_all():
    assert count_words("state-of-the-art work — done") == 3


def test_numbered_lists_and_tables_count_their_cells_only():
    table = "| Year | Output |\n|---|---|\n| 1 | Survey |\n| 2 | Trial |\n"
    assert measure(table, "words") == 6
    assert measure("1. first point\n2. second point\n", "words") == 4


def test_characters_count_spaces_but_not_markup():
    assert measure("**ab** cd", "characters") == 5


def test_near_and_over_a_word_limit():
    limit = Limit("words", 10)
    assert check(" ".join(["w"] * 8), limit).state == "ok"
    assert check(" ".join(["w"] * 9), limit).state == "near"
    assert check(" ".join(["w"] * 10), limit).state == "near"
    over = check(" ".join(["w"] * 11), limit)
    assert over.over and over.describe() == "11 / 10 words"


def test_pages_grow_with_text_and_a_long_text_passes_one_page():
    paragraph = "word " * 120
    one = measure(paragraph, "pages", PAGE)
    assert 0 < one < measure("\n\n".join([paragraph] * 10), "pages", PAGE)
    assert check("\n\n".join([paragraph] * 10), Limit("pages", 1), PAGE).over


def test_a_shared_limit_is_checked_over_its_sections_together():
    group = SharedLimit("plan", "Plan sections together", ("a", "b"), Limit("words", 10))
    checks = check_application(
        {"a": "one two three four five six", "b": "seven eight nine ten eleven", "c": "x " * 50},
        {"a": None, "b": Limit("words", 8), "c": None},
        (group,),
        PAGE,
    )
    assert not checks.sections["a"].over and not checks.sections["b"].over
    assert checks.shared[0].check.used == 11 and checks.shared[0].check.over
    assert [s.key for s in checks.shared_over_for("a")] == ["plan"]
    assert checks.shared_over_for("c") == ()


def test_shared_limit_with_the_text_being_typed():
    group = SharedLimit("plan", "Plan", ("a", "b"), Limit("words", 10))
    assert shared_with_text(group, 7, "one two three", PAGE).used == 10
    assert shared_with_text(group, 7, "one two three four", PAGE).over


def test_ready_is_blocked_when_empty_over_limit_or_shared_limit_over():
    limit = Limit("words", 3)
    assert ready_problems("", check("", limit), []) == ["it is empty"]
    over = ready_problems("a b c d", check("a b c d", limit), [])
    assert over == ["it is over its limit (4 / 3 words)"]
    shared_over = check("a b c d e", Limit("words", 4))
    assert ready_problems("a", check("a", limit), [("Plan sections", shared_over)]) == [
        "Plan sections are over their shared limit (5 / 4 words)"
    ]
    assert ready_problems("a b", check("a b", limit), [("Plan", check("a", Limit("words", 4)))]) == []


def test_a_save_makes_a_section_drafting_or_empty():
    assert status_after_save("  \n") == SectionStatus.EMPTY
    assert status_after_save("text") == SectionStatus.DRAFTING


def test_only_applications_not_yet_submitted_can_change():
    assert is_editable("drafting") and is_editable("revising")
    assert not is_editable("submitted") and not is_editable("awarded") and not is_editable("withdrawn")


def test_line_endings_from_browsers_are_normalised():
    assert normalise_body("a\r\nb\rc") == "a\nb\nc"
