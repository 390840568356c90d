"""Files in cannot exhaust the server: the Word-form reader works out each style once and reads a bounded form."""

import io
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.parts.document import DocumentPart

from research.domain import upload_limits
from research.domain.errors import InvalidInput
from research.export.docx_form_reader import read_form


def form(paragraphs: int) -> bytes:
    document = docx.Document()
    for n in range(paragraphs):
        if n % 10 == 0:
            document.add_heading(f"Question {n}", 1)
        else:
            document.add_paragraph(f"Answer {n}", style="List Bullet" if n % 3 else None)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_form_reader_looks_up_each_style_once(monkeypatch):
    lookups = []
    real = DocumentPart.get_style
    monkeypatch.setattr(DocumentPart, "get_style", lambda part, *a: lookups.append(a[0]) or real(part, *a))
    outline = read_form(form(300), "form.docx")
    assert len(outline.blocks) == 300 and outline.blocks[10].level == 1 and outline.blocks[1].text == "- Answer 1"
    assert sorted(lookups, key=str) == sorted({*lookups}, key=str)  # three styles: one look-up each
    assert len(lookups) == 3


def test_word_form_with_too_many_paragraphs_is_refused(monkeypatch):
    monkeypatch.setattr(upload_limits, "MAX_FORM_PARAGRAPHS", 50)
    assert len(read_form(form(50), "form.docx").blocks) == 50
    with pytest.raises(InvalidInput, match="big.docx: has 51 paragraphs; forms of up to 50 are read"):
        read_form(form(51), "big.docx")


def test_word_form_with_nul_bytes_is_refused_with_a_message():
    data = form(3)
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            target.writestr(
                item, body.replace(b"Answer 1", b"Answer\x001") if item.filename == "word/document.xml" else body
            )
    with pytest.raises(InvalidInput, match="nul.docx: is damaged and could not be read"):
        read_form(out.getvalue(), "nul.docx")  # XML cannot hold a NUL, so the parser refuses the file


def test_word_form_with_styles_based_on_each_other_in_a_loop_reads():
    document = docx.Document()
    first = document.styles.add_style("Loop A", WD_STYLE_TYPE.PARAGRAPH)
    second = document.styles.add_style("Loop B", WD_STYLE_TYPE.PARAGRAPH)
    first.base_style, second.base_style = second, first
    document.add_paragraph("Looped text", style="Loop A")
    out = io.BytesIO()
    document.save(out)
    [block] = read_form(out.getvalue(), "loop.docx").blocks
    assert block.text == "Looped text"
