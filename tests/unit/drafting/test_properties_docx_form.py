"""Properties of turning a funder's .docx form into a template: any file gives a draft or a clear refusal."""

from __future__ import annotations

from datetime import date

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt
from hypothesis import example, given, settings
from hypothesis import strategies as st

from research.domain.errors import InvalidInput
from research.domain.form_template import draft_template
from research.domain.template_spec import parse_template
from research.export.docx_form_reader import read_form
from tests.docx_support import docx_bytes

TODAY = date(2026, 3, 3)
NAME = "form.docx"
TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs", "Co")), max_size=40)
PHRASES = st.sampled_from(
    [
        "(max 200 words)",
        "no more than 5 pages",
        "(optional)",
        "1.",
        "2.1",
        "Question",
        "Guidance",
        "Limit",
        "300 characters",
        "½ page",
        "(max 0 words)",
        "(max 99999999999 words)",
        "[2 sides]",
        "One A4 page maximum",
        "Sections 1 and 2 together: 3 pages",
        "Sections 2.1 to 2.9 together: 0 pages",
        "Arial 11 point minimum, margins at least 2 cm",
        "margins at least 99 cm",
        "no headers or footers",
        "150 characters without spaces",
    ]
)
LINE = st.lists(st.one_of(TEXT, PHRASES), min_size=1, max_size=3).map(" ".join)
BLOCK = st.one_of(
    st.tuples(st.just("heading"), st.integers(0, 4), LINE),
    st.tuples(st.just("para"), st.booleans(), LINE),
    st.tuples(st.just("bullet"), st.just(0), LINE),
    st.tuples(st.just("numbered"), st.booleans(), LINE),
    st.tuples(st.just("table"), st.integers(1, 4), st.lists(st.lists(LINE, min_size=4, max_size=4), max_size=4)),
    st.tuples(st.just("outline"), st.sampled_from(["0", "3", "8", "9", "x", "-1"]), LINE),
)
PAGE = st.tuples(
    st.sampled_from([(21.0, 29.7), (21.59, 27.94), (29.7, 21.0), (10.0, 10.0)]),
    st.floats(0, 15),
    st.one_of(st.none(), st.floats(0.5, 200)),
    st.one_of(st.none(), st.floats(0, 10)),
)


def build(page, blocks) -> bytes:
    (width, height), margin, size, spacing = page
    d = docx.Document()
    for section in d.sections:
        section.page_width, section.page_height, section.left_margin = Cm(width), Cm(height), Cm(margin)
    normal = d.styles["Normal"]
    normal.font.size = Pt(size) if size else None
    normal.paragraph_format.line_spacing = spacing
    for kind, detail, content in blocks:
        if kind == "heading":
            d.add_heading(content, detail)
        elif kind == "para":
            d.add_paragraph().add_run(content).bold = detail
        elif kind == "bullet":
            d.add_paragraph(content, style="List Bullet")
        elif kind == "numbered":
            d.add_paragraph(style="List Number").add_run(content).bold = detail
        elif kind == "outline":
            paragraph = d.add_paragraph(content)
            paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{detail}"/>'))
        elif content:
            table = d.add_table(rows=len(content), cols=4)
            for row, cells in zip(table.rows, content, strict=True):
                for cell, text in zip(row.cells, cells, strict=True):
                    cell.text = text
            if detail > 1:
                table.cell(0, 0).merge(table.cell(0, detail - 1))
    return docx_bytes(d)


def draft_or_refusal(data: bytes):
    try:
        return draft_template(read_form(data, NAME), TODAY)
    except InvalidInput as exc:
        assert str(exc).startswith(NAME), str(exc)
        return None


@settings(max_examples=60)
@given(PAGE, st.lists(BLOCK, max_size=8))
@example(((21.0, 29.7), 0.0, None, None), [("heading", 1, "Summary (max 200 words)")])
@example(((21.0, 29.7), 12.0, 0.5, 0.1), [("outline", "x", "Aims")])  # once int('x'), and a 12 cm margin
@example(((21.0, 29.7), 11.0, None, None), [("heading", 0, ""), ("heading", 1, "0")])
@example(((21.0, 29.7), 0.0, None, None), [("table", 1, [["0", "", "", ""], ["", "", "", "MAX 1000001WORD"]])])
@example(((21.0, 29.7), 2.0, None, None), [("heading", 1, "Aims (max " + "9" * 400 + " words)")])
def test_any_form_gives_a_draft_that_is_a_valid_template_or_a_refusal(page, blocks):
    draft = draft_or_refusal(build(page, blocks))
    if draft is not None:
        parse_template({**draft.data, "funder": "Marsden Fund", "scheme": "Standard"}, NAME)
        # Every question says where it came from; every shared limit too.
        assert [q.key for q in draft.questions] == [s["key"] for s in draft.data["sections"]]
        assert [q.key for q in draft.shared] == [g["key"] for g in draft.data.get("shared_limits", [])]
        assert all(q.where for q in draft.questions)


@given(st.binary(max_size=300))
@example(b"PK\x05\x06" + bytes(18))
def test_any_bytes_are_a_form_or_refused_naming_the_file(data):
    draft_or_refusal(data)


SAMPLE = build(((21.0, 29.7), 2.0, 12.0, 1.0), [("heading", 1, "Summary"), ("para", False, "Text")])


@settings(max_examples=30)
@given(st.lists(st.tuples(st.integers(0, len(SAMPLE) - 1), st.integers(1, 255)), min_size=1, max_size=5))
@example([(97, 1)])  # once zlib.error: a damaged compressed entry
@example([(35502, 1)])  # once NotImplementedError: an unknown compression method
def test_a_damaged_form_is_refused_naming_the_file(changes):
    content = bytearray(SAMPLE)
    for position, delta in changes:
        content[position] = (content[position] + delta) % 256
    draft_or_refusal(bytes(content))
