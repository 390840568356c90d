"""Criteria found in a call's guidance as a real Word file and as a PDF made from it by LibreOffice.

The guidance mimics MSCA's published award criteria (funding-facts.md): Excellence, Impact,
Quality and efficiency of the implementation, weighted 50/30/20.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import docx
import pytest

from research.domain.assessment_criteria import criteria_from_text
from research.domain.errors import InvalidInput
from research.export.guidance_text import guidance_text

CRITERIA = [
    ("Excellence (50%)", "Objectives and ambition, methodology."),
    ("Impact (30%)", "Pathways towards impact; dissemination, exploitation and communication."),
    ("Quality and efficiency of the implementation (20%)", "Work plan and resources, capacity of participants."),
]


def guidance_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Marie Skłodowska-Curie Actions: how proposals are evaluated", level=1)
    document.add_paragraph("Proposals are scored from 0 to 5 on each criterion; the pass mark is 70 of 100.")
    document.add_heading("Award criteria", level=2)
    for title, description in CRITERIA:
        document.add_paragraph(title, style="List Number")
        document.add_paragraph(description)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Threshold", "70 of 100"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def guidance_with_headings_docx() -> bytes:
    """The same criteria as Word headings under an 'Award criteria' heading, a section after them."""
    document = docx.Document()
    document.add_heading("How proposals are evaluated", level=1)
    document.add_heading("Award criteria", level=2)
    for title, description in CRITERIA:
        document.add_heading(title.replace(" (", " - weighting ").rstrip(")"), level=3)
        document.add_paragraph(description)
    document.add_heading("How to apply", level=2)
    document.add_paragraph("Apply through the portal; the budget form has its own guide.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_of(docx_bytes: bytes, tmp_path: Path) -> bytes:
    source = tmp_path / "msca-guide.docx"
    source.write_bytes(docx_bytes)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (tmp_path / "msca-guide.pdf").read_bytes()


def expect_msca(text: str) -> None:
    found = criteria_from_text(text)
    assert [(c.title, c.weight) for c in found.criteria] == [
        ("Excellence", 50.0),
        ("Impact", 30.0),
        ("Quality and efficiency of the implementation", 20.0),
    ]
    assert "methodology" in found.criteria[0].describes
    assert "pathways towards impact" in found.criteria[1].describes


def test_criteria_from_a_word_guidance_document():
    text = guidance_text(guidance_docx(), "msca-guide.docx")
    assert "- Excellence (50%)" in text and "Threshold - 70 of 100" in text
    expect_msca(text)


def test_criteria_from_the_same_guidance_as_a_pdf(tmp_path: Path):
    expect_msca(guidance_text(pdf_of(guidance_docx(), tmp_path), "msca-guide.pdf"))


def test_criteria_from_word_headings_and_from_the_same_headings_in_a_pdf(tmp_path: Path):
    text = guidance_text(guidance_with_headings_docx(), "msca-guide.docx")
    assert "### Excellence - weighting 50%" in text and "## How to apply" in text
    expect_msca(text)
    assert "portal" not in criteria_from_text(text).criteria[2].description  # the next heading ends it
    expect_msca(guidance_text(pdf_of(guidance_with_headings_docx(), tmp_path), "msca-guide.pdf"))


def test_pasted_text_and_refusals():
    expect_msca("Award criteria\n" + "\n".join(f"{n}. {t}\n{d}" for n, (t, d) in enumerate(CRITERIA, 1)))
    with pytest.raises(InvalidInput, match="not a guidance document"):
        guidance_text(b"x", "guide.xlsx")
    with pytest.raises(InvalidInput, match="damaged or not a PDF"):
        guidance_text(b"%PDF-1.4 junk", "guide.pdf")
    with pytest.raises(InvalidInput, match="UTF-8"):
        guidance_text("Kriterien".encode("utf-16"), "guide.txt")
