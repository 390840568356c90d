"""LibreOffice renders the exported file: the PDF has the expected pages, text and page numbers."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from research.domain.counting import count_pages, plain_text
from research.domain.export_document import ExportDocument, ExportOptions, ExportSection
from research.domain.template_spec import Limit, PageFormat
from research.export.docx_application import application_docx

pytestmark = pytest.mark.slow

SENTENCE = (
    "Kaitiakitanga guides how the river's memory is recorded, shared and protected by the "
    "communities who live beside it. "
)


def render(tmp_path: Path, document: ExportDocument, cover: bool = False) -> tuple[int, list[str]]:
    """(page count, text of each page) of the PDF LibreOffice makes from the export."""
    for tool in ("soffice", "pdfinfo", "pdftotext"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: run scripts/system-deps.sh", pytrace=False)
    source = tmp_path / "application.docx"
    source.write_bytes(application_docx(document, options=ExportOptions(counts=True, cover_sheet=cover)))
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "application.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return pages, text.split("\f")[:pages]


def make(sections) -> ExportDocument:
    return ExportDocument(
        "Ngā wai o te awa",
        "MBIE",
        "Smart Ideas",
        "Endeavour Fund 2026",
        ("Dr Hana Kim (lead)", "Dr Wiremu Tane"),
        date(2026, 3, 3),
        "Current text",
        "none",
        PageFormat(),
        tuple(sections),
    )


def test_a_short_application_is_one_page_with_its_text_and_page_number_and_no_placeholder(tmp_path):
    document = make(
        [
            ExportSection(
                "summary", "Summary", "Rivers **remember**. See [the plan](https://example.org).", Limit("words", 200)
            ),
            ExportSection("aims", "Overall aims", "1. Map the estuary\n2. Record kōrero\n   - with kaumātua"),
            ExportSection("budget", "Budget", "| Item | NZD |\n|---|--:|\n| Travel | 4,000 |"),
            ExportSection("vision", "Vision Mātauranga", ""),
        ]
    )
    pages, texts = render(tmp_path, document)
    assert pages == 1
    page = " ".join(texts[0].split())
    assert "(no text yet)" not in page and "Funder:" not in page
    for expected in (
        "Ngā wai o te awa",
        "Summary",
        "Rivers remember. See the plan.",
        "Length: 5 of 200 words",
        "1. Map the estuary",
        "2. Record kōrero",
        "with kaumātua",
        "Travel 4,000",
        "Vision Mātauranga",
        "Page 1 of 1",
    ):
        assert expected in page


def test_a_cover_sheet_is_a_page_of_its_own(tmp_path):
    document = make([ExportSection("summary", "Summary", "Rivers remember.", None, 1)])
    pages, texts = render(tmp_path, document, cover=True)
    assert pages == 2
    assert "Funder: MBIE" in texts[0] and "Text: Current text" in texts[0] and "Rivers remember." not in texts[0]
    assert "1. Summary" in texts[1] and "Rivers remember." in texts[1]


def test_a_long_application_runs_to_the_pages_its_length_needs_each_numbered(tmp_path):
    bodies = [(SENTENCE * 45).strip() + "\n\n" + (SENTENCE * 45).strip() for _ in range(3)]
    document = make([ExportSection(f"s{i}", f"Section {i}", body) for i, body in enumerate(bodies, 1)])
    estimate = count_pages(plain_text("\n\n".join(bodies)), PageFormat())
    pages, texts = render(tmp_path, document)
    assert pages >= 3
    assert abs(pages - estimate) <= 1.5  # the domain's page estimate agrees with the real layout
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text
    assert "Section 3" in " ".join(texts)
