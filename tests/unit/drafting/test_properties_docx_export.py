"""Properties of the Markdown-to-Word export: any text gives a document, and no word is lost or reordered."""

from __future__ import annotations

from datetime import date

from docx.oxml.ns import qn
from hypothesis import example, given, settings
from hypothesis import strategies as st

from research.domain.export_document import ExportDocument, ExportSection
from research.domain.template_spec import Limit, PageFormat
from research.export.docx_application import application_docx
from tests.docx_support import reopen

WORD = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=10)
INLINE = st.sampled_from(["{}", "**{}**", "*{}*", "***{}***", "~~{}~~", "`{}`", "[{}](https://example.org/a?b=1&c=2)"])


def document(*bodies: str) -> ExportDocument:
    sections = tuple(ExportSection(f"s{i}", f"Section {i}", body, Limit("words", 100)) for i, body in enumerate(bodies))
    return ExportDocument(
        "Ngā wai",
        "Funder",
        "Scheme",
        "Round",
        ("Hana (lead)",),
        date(2026, 3, 3),
        "Current text",
        "none",
        PageFormat(),
        sections,
    )


def body_words(docx_bytes: bytes) -> list[str]:
    """Every word of the document, paragraphs and table cells in reading order."""
    body = reopen(docx_bytes).element.body
    paragraphs = ("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
    return " ".join(paragraphs).split()


@st.composite
def line(draw) -> tuple[str, list[str]]:
    """Inline Markdown and the words a reader sees in it."""
    words = draw(st.lists(WORD, min_size=1, max_size=6))
    return " ".join(draw(INLINE).format(w) for w in words), words


@st.composite
def block(draw, depth: int = 0) -> tuple[str, list[str]]:
    kind = draw(st.sampled_from(["para", "heading", "bullets", "numbers", "quote", "table", "code"]))
    if kind == "heading":
        text, words = draw(line())
        return "#" * draw(st.integers(1, 6)) + " " + text, words
    if kind in ("bullets", "numbers"):
        return draw(list_block(kind == "numbers", depth))
    if kind == "quote":
        text, words = draw(line())
        return "> " + text, words
    if kind == "table":
        width = draw(st.integers(1, 4))
        rows = draw(st.lists(st.lists(WORD, min_size=width, max_size=width), min_size=2, max_size=4))
        lines = ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join([lines[0], "|" + "---|" * width, *lines[1:]]), [w for r in rows for w in r]
    if kind == "code":
        words = draw(st.lists(WORD, min_size=1, max_size=6))
        return "```\n" + " ".join(words) + "\n```", words
    return draw(line())


@st.composite
def list_block(draw, ordered: bool, depth: int) -> tuple[str, list[str]]:
    items = draw(st.lists(line(), min_size=1, max_size=4))
    marks = [f"{n}. " for n in range(1, len(items) + 1)] if ordered else ["- "] * len(items)
    lines = [mark + text for mark, (text, _) in zip(marks, items, strict=True)]
    words = [w for _, item_words in items for w in item_words]
    if depth < 4 and draw(st.booleans()):
        nested, nested_words = draw(list_block(draw(st.booleans()), depth + 1))
        lines += [" " * len(marks[-1]) + text for text in nested.splitlines()]
        words += nested_words
    return "\n".join(lines), words


MARKDOWN = st.lists(block(), min_size=1, max_size=6).map(
    lambda blocks: ("\n\n".join(text for text, _ in blocks), [w for _, words in blocks for w in words])
)


def is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    rest = iter(haystack)
    return all(any(word == candidate for candidate in rest) for word in needles)


# Each example builds a whole .docx: fewer of them keep this file to seconds.
FEWER = settings(max_examples=25)


@FEWER
@given(MARKDOWN)
@example(("- a\n  - b\n    - c\n      - d\n        - e\n          - f", list("abcdef")))
def test_every_word_of_the_markdown_is_in_the_document_in_order(source):
    markdown, words = source
    exported = body_words(application_docx(document(markdown), None, include_counts=False))
    assert is_subsequence(words, exported), (markdown, exported)


@FEWER
@given(st.text(max_size=300))
@example("\x00\x0b\ud800\ufffe text <b>raw</b> &amp; [a](javascript:alert(1))")
@example("1. a\n\n   - b\n\n     > c\n\n| x |\n|---|\n| y | z |")
def test_any_text_gives_a_document(markdown):
    data = application_docx(document(markdown), None, include_counts=True)
    assert reopen(data).paragraphs
