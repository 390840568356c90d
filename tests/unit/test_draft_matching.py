"""Matching a draft's blocks to a template's sections: headings, numbering, bold lines, unplaced text."""

from __future__ import annotations

from research.domain.draft_document import BlockKind, DraftBlock, DraftDocument
from research.domain.draft_matching import TemplateSlot, heading_title, match_draft, same_text

SLOTS = [
    TemplateSlot("summary", "Project summary", 1),
    TemplateSlot("aims", "Overall aims", 2),
    TemplateSlot("methods", "Research methods and design", 3),
]


def _heading(text: str, level: int = 1, n: int = 0) -> DraftBlock:
    return DraftBlock(BlockKind.HEADING, text, text, f"paragraph {n}", level=level)


def _text(text: str, n: int = 0, bold_line: bool = False) -> DraftBlock:
    return DraftBlock(
        BlockKind.PARAGRAPH, f"**{text}**" if bold_line else text, text, f"paragraph {n}", bold_line=bold_line
    )


def _match(*blocks: DraftBlock, assigned=None):
    return match_draft(DraftDocument("d.docx", "", blocks), SLOTS, assigned)


def test_numbering_and_limits_are_not_part_of_a_title():
    assert heading_title("2. Overall aims (max 1 page)") == "Overall aims"
    assert heading_title("Section 3: Methods [2 sides]") == "Methods"
    assert heading_title("A new approach") == "A new approach"


def test_headings_place_their_text_and_a_sub_heading_stays_in_the_body():
    matching = _match(
        _heading("Summary"),
        _text("Short."),
        _heading("Aims"),
        _text("Aim."),
        _heading("Methods"),
        _heading("Sampling", level=2),
        _text("Random."),
    )
    assert [p.key for p in matching.placed] == ["summary", "aims", "methods"]
    assert matching.for_key("methods").markdown == "# Sampling\n\nRandom."
    assert matching.unplaced == ()


def test_a_number_matching_the_sections_place_tips_a_weak_title():
    matching = _match(_heading("3. Design"), _text("How."))
    placed = matching.for_key("methods")
    assert placed is not None and placed.how == "numbering"


def test_an_unmatched_heading_at_section_level_opens_unplaced_text():
    matching = _match(
        _text("Before anything.", 1),
        _heading("Aims", n=2),
        _text("Aim.", 3),
        _heading("Budget notes", n=4),
        _text("Costs.", 5),
    )
    assert matching.for_key("aims").markdown == "Aim."
    assert [(u.where, u.words) for u in matching.unplaced] == [("paragraph 1", 2), ("paragraph 4 to paragraph 5", 3)]
    assert matching.words_in == matching.words_placed + matching.words_unplaced == 7


def test_a_bold_line_must_match_closely_while_other_bold_lines_stay_bold_text():
    matching = _match(_text("Overall aims", bold_line=True), _text("Important", bold_line=True), _text("Aim."))
    assert matching.for_key("aims").markdown == "**Important**\n\nAim."


def test_each_section_takes_one_heading_the_best_and_a_second_becomes_unplaced():
    matching = _match(_heading("Aims"), _text("One."), _heading("Overall aims"), _text("Two."))
    assert matching.for_key("aims").markdown == "Two."
    assert matching.unplaced[0].markdown == "# Aims\n\nOne."


def test_unplaced_text_assigned_to_a_section_joins_it_and_leaves_the_unplaced_list():
    blocks = (_text("Stray words.", 1), _heading("Aims"), _text("Aim."))
    matching = _match(*blocks, assigned={0: "aims"})
    assert matching.for_key("aims").markdown == "Aim.\n\nStray words."
    assert matching.unplaced == () and matching.words_placed == matching.words_in
    to_empty = _match(*blocks, assigned={0: "summary"})
    assert to_empty.for_key("summary").how == "assigned"


def test_the_exports_empty_section_marker_is_no_text():
    matching = _match(_heading("Aims"), DraftBlock(BlockKind.PARAGRAPH, "*(no text yet)*", "(no text yet)", "p"))
    assert matching.for_key("aims").markdown == ""


def test_same_text_ignores_spelling_of_markdown_but_not_words_or_formatting():
    assert same_text("1. a\n2. b", "1. a\n1. b")
    assert same_text("A  long\nline", "A long line")
    assert same_text("* item", "- item")
    assert same_text("1. one\n\n2. two", "1. one\n2. two")  # loose and tight lists read the same in Word
    assert not same_text("One.\n\nTwo.", "One.\nTwo.")
    assert not same_text("**bold**", "bold")
    assert not same_text("We will survey two towns.", "We will survey three towns.")


def test_text_typed_after_the_exports_empty_marker_is_kept_without_the_marker():
    marker_and_words = "*(no text yet)* Typed in Word."
    block = DraftBlock(BlockKind.PARAGRAPH, marker_and_words, "(no text yet) Typed in Word.", "p")
    assert _match(_heading("Aims"), block).for_key("aims").markdown == "Typed in Word."
