"""Counting as funders count: rendered words, characters with spaces, estimated lines and pages."""

import pytest

from research.domain.counting import check, check_shared, count_words, lines_per_page, measure, plain_text
from research.domain.template_spec import Limit, PageFormat


def test_hyphenated_words_are_one_and_lone_dashes_are_none():
    assert count_words("A well-known, long-term plan - really.") == 5


def test_markdown_markup_is_not_counted():
    text = "# Aims\n\n**Bold** and *italic* text.\n\n- one\n- [two words](https://example.org)\n"
    assert plain_text(text).split("\n") == ["Aims", "Bold and italic text.", "one", "two words"]
    assert measure(text, "words") == 8


def test_tables_count_their_cell_text():
    table = "| Aim | Year |\n|---|---|\n| Build a model | 2027 |\n"
    assert measure(table, "words") == 6


def test_characters_include_spaces_and_macrons_count_once():
    assert measure("Māori kupu", "characters") == 10


def test_pages_are_estimated_from_the_page_format():
    page = PageFormat()
    one_page = "\n\n".join(["word " * 15] * lines_per_page(page))
    assert measure(one_page, "pages", page) == 1.0
    bigger_font = PageFormat(font_size_pt=14)
    assert measure(one_page, "pages", bigger_font) > 1.0


def test_limit_states_colour_near_and_over():
    limit = Limit("words", 10)
    assert check("one two three", limit).state == "ok"
    assert check("w " * 9, limit).state == "near"
    assert check("w " * 11, limit).state == "over"
    assert check("w " * 11, limit).describe() == "11 / 10 words"


def test_shared_limits_add_their_sections_together():
    limit = Limit("words", 10)
    assert not check_shared(["w " * 5, "w " * 5], limit).over
    assert check_shared(["w " * 5, "w " * 6], limit).over


def test_unknown_units_are_refused():
    with pytest.raises(ValueError, match="furlongs"):
        measure("text", "furlongs")
