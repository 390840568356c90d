"""Page counts measured by LibreOffice: they agree with the pages a render really has, are cached by
text version, never multiply with a page-breaking reference, and fall back to labelled estimates."""

from __future__ import annotations

import math
import subprocess
import threading
from datetime import date

import docx
import pytest

from research.adapters import libreoffice
from research.adapters.libreoffice import RenderUnavailable, docx_to_pdf, page_count
from research.adapters.render_cache import PageCountCache
from research.domain.export_document import ExportDocument, ExportOptions, ExportSection, page_lines
from research.domain.template_spec import Limit, PageFormat, SharedLimit
from research.export import page_count as page_count_module
from research.export.docx_application import build_docx, measurement_docx
from research.export.docx_base import Reference
from research.export.page_count import measure_pages
from research.export.submission import submission_files
from tests.docx_support import docx_bytes

pytestmark = pytest.mark.slow

SENTENCE = (
    "Kaitiakitanga guides how the river's memory is recorded, shared and protected by the "
    "communities who live beside it. "
)
PAGE = PageFormat(font="Arial", font_size_pt=11, margins_cm=2.0, stated=("font", "font_size_pt", "margins_cm"))


def body(paragraphs: int) -> str:
    return "\n\n".join((SENTENCE * 8).strip() for _ in range(paragraphs))


def make(sections, shared=()) -> ExportDocument:
    return ExportDocument(
        "Ngā wai o te awa",
        "ESRC",
        "Research Grants",
        "",
        ("Dr Hana Kim (lead)",),
        date(2026, 3, 3),
        "Current text",
        "none",
        PAGE,
        tuple(sections),
        tuple(shared),
    )


STRATEGY = ExportSection("strategy", "Research Strategy", body(34), Limit("pages", 3), 1)
SUMMARY = ExportSection("summary", "Summary", body(1), Limit("words", 400), 2)
AIMS = ExportSection("aims", "Aims", body(3), Limit("pages", 1), 3)
TEAM = ExportSection("team", "Team", body(4), None, 4)
SHARED = SharedLimit("aims_team", "Aims and team", ("aims", "team"), Limit("pages", 1))


def test_measured_pages_agree_with_the_pages_each_section_really_takes():
    document = make([STRATEGY, SUMMARY, AIMS, TEAM], [SHARED])
    counts = measure_pages(document, ExportOptions(), None)
    assert counts.measured and set(counts.pages) == {"strategy", "aims", "team"}  # word limits are not rendered
    for key in counts.pages:
        alone, _ = measurement_docx(document, ExportOptions(), None, (key,))
        assert page_count(docx_to_pdf(alone)) == math.ceil(counts.pages[key])
    assert counts.pages["strategy"] > 3  # over its limit: laid out, not estimated
    assert 0 < counts.pages["aims"] < 1
    lines = [str(line) for line in page_lines(document, counts)]
    assert lines[0] == f"1. Research Strategy: {counts.pages['strategy']:g} of 3 pages (measured)"
    together = counts.pages["aims"] + counts.pages["team"]
    assert lines[-1].startswith("Aims and team (together): ") and lines[-1].endswith("of 1 page (measured)")
    assert abs(float(lines[-1].split(": ")[1].split(" of")[0]) - together) <= 0.11


def test_counts_are_cached_by_text_version(tmp_path, monkeypatch):
    cache = PageCountCache(tmp_path / "cache")
    document = make([AIMS])
    first = measure_pages(document, ExportOptions(), None, cache)

    def no_render(data, timeout=0):
        raise AssertionError("rendered again although the text did not change")

    monkeypatch.setattr(page_count_module, "docx_to_pdf", no_render)
    assert measure_pages(document, ExportOptions(), None, cache) == first
    changed = make([ExportSection("aims", "Aims", body(1), Limit("pages", 1), 3)])
    with pytest.raises(AssertionError, match="rendered again"):
        measure_pages(changed, ExportOptions(), None, cache)


def test_a_reference_that_breaks_a_page_at_each_heading_keeps_a_short_text_short(tmp_path):
    sections = [ExportSection(f"s{n}", f"Question {n}", (SENTENCE * 3).strip(), None, n) for n in range(1, 13)]

    def pages(break_before: bool, options: ExportOptions = ExportOptions()) -> int:
        reference = docx.Document()
        reference.styles["Heading 1"].paragraph_format.page_break_before = break_before
        data = build_docx(make(sections), options, Reference("form.docx", docx_bytes(reference))).data
        return page_count(docx_to_pdf(data))

    plain = pages(False)
    assert plain <= 3
    assert pages(True) == plain  # 12 headings, not 12 pages
    assert pages(True, ExportOptions(section_breaks=True)) == 12  # unless breaks are asked for


def test_without_libreoffice_counts_stay_labelled_estimates_and_a_pdf_is_refused_clearly(monkeypatch):
    monkeypatch.setattr(libreoffice, "soffice", lambda: None)
    document = make([AIMS])
    counts = measure_pages(document, ExportOptions(), None)
    assert not counts.measured and "LibreOffice is not installed" in counts.note
    assert str(page_lines(document, counts)[0]).endswith("(estimate)")
    files = submission_files(document, ExportOptions(), None)
    assert any(w.startswith("Page counts are estimates") for w in files.warnings)
    with pytest.raises(RenderUnavailable, match="LibreOffice is not installed on this server"):
        submission_files(document, ExportOptions(), None, pdf=True)


def test_a_pdf_is_made_with_the_document_and_its_length_lines_say_measured(tmp_path):
    files = submission_files(make([AIMS, TEAM]), ExportOptions(counts=True), None, pdf=True)
    assert files.pdf is not None and files.pdf.startswith(b"%PDF")
    (tmp_path / "a.pdf").write_bytes(files.pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "a.pdf"), "-"], capture_output=True, text=True).stdout
    assert "3. Aims" in text and "4. Team" in text and "Current text" not in text
    assert f"Length: {files.counts.pages['aims']:g} of 1 page (measured)" in text


def test_two_renders_at_once_do_not_clash():
    data = build_docx(make([AIMS]), ExportOptions(), None).data
    results: list[bytes | Exception] = []

    def render() -> None:
        try:
            results.append(docx_to_pdf(data))
        except Exception as exc:  # noqa: BLE001 - the assertion below shows it
            results.append(exc)

    threads = [threading.Thread(target=render) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(isinstance(r, bytes) and r.startswith(b"%PDF") for r in results), results
