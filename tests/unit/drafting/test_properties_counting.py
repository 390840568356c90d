"""Properties of the word counter: any text is counted, and counts add up the way words do."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from research.domain.counting import check, count_words, measure, plain_text
from research.domain.template_spec import Limit, PageFormat

WORD = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12)
WORDS = st.lists(WORD, max_size=30)
SPACE = st.sampled_from([" ", "\t", "\n", "  ", "\u00a0", "\u2003", "\r\n"])
UNITS = ("words", "characters", "lines", "pages")
PAGES = st.builds(
    PageFormat,
    paper=st.sampled_from(["A4", "Letter", "B5"]),
    margins_cm=st.floats(0, 12),
    font_size_pt=st.floats(1, 72),
    line_spacing=st.floats(0.5, 3),
)


@given(st.text(), st.text(), SPACE)
def test_word_count_is_additive_over_text_joined_by_whitespace(a, b, space):
    assert count_words(a + space + b) == count_words(a) + count_words(b)


@given(WORDS, SPACE)
def test_words_of_letters_and_digits_are_each_one_word(words, space):
    assert count_words(space.join(words)) == len(words)


@given(st.text(), st.sampled_from(UNITS), PAGES)
@example("\x00**\u202e", "pages", PageFormat(margins_cm=12.0))
def test_any_markdown_is_measured_in_every_unit(markdown, unit, page):
    used = measure(markdown, unit, page)
    assert used >= 0
    assert check(markdown, Limit(unit, 1), page).state in ("ok", "near", "over")


@given(WORDS, st.sampled_from(["**{}**", "*{}*", "_{}_", "`{}`", "[{}](https://example.org)", "~~{}~~"]))
def test_emphasis_code_and_links_do_not_change_the_count(words, wrap):
    plain = " ".join(words)
    marked = " ".join(wrap.format(w) for w in words)
    assert measure(marked, "words") == measure(plain, "words") == count_words(plain_text(plain))


@given(st.lists(WORDS.filter(bool), min_size=1, max_size=5), st.sampled_from(["- ", "1. ", "> ", "# ", ""]))
def test_paragraphs_and_blocks_add_up(paragraphs, marker):
    blocks = [marker + " ".join(words) for words in paragraphs]
    assert measure("\n\n".join(blocks), "words") == sum(len(words) for words in paragraphs)
