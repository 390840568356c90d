"""Reading a funder's Word form into a template draft: time per paragraph stays flat as forms grow.

Two figures. Growth: forms of 1,000, 4,000 and 16,000 short paragraphs (the shape a probe sent,
32,000 of them in 48 KB), CPU time per paragraph at each size; the ratio of the largest to the
smallest must stay near 1 (before style look-ups were cached, python-docx rescanned every style
three times per paragraph). Realistic: a 20-page form (a font rule paragraph, headings, bold
numbered list questions with limits in square brackets and sides, shared limits, guidance,
bullets, content controls, a table of questions), read and drafted, against the floor of
python-docx opening the same file and reading every paragraph's text; it must also take under 2 s.
Run: PYTHONPATH=. python -m bench.form_import
"""

from __future__ import annotations

import argparse
import io
from datetime import date

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from bench.docx_export import WORDS, timed
from bench.summary import Result, ceiling_result, ratio_result
from research.domain.form_template import draft_template
from research.export.docx_form_reader import read_form

SIZES = (1_000, 4_000, 16_000)
PAGES = 20
GROWTH_TARGET = 1.5
FLOOR_TARGET = 4.0  # the read also drafts the template: limits found in every title and guidance text
REALISTIC_MS = 2_000


def _words(seed: int, length: int) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length))


def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def short_paragraphs(count: int) -> bytes:
    document = docx.Document()
    for n in range(count):
        document.add_paragraph(f"p{n}")
    return _saved(document)


def _controlled(document, text: str) -> None:
    body = document.element.body
    body.insert(
        len(body) - 1,
        parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Answer"/></w:sdtPr><w:sdtContent>'
            f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )


def realistic_form(pages: int = PAGES) -> bytes:
    """About 30 paragraphs a page: headings over bold numbered questions with limits, guidance, bullets, a table."""
    document = docx.Document()
    document.add_paragraph("Research Programmes: Full Proposal", style="Title")
    document.add_paragraph("Use Arial 11 point minimum, margins at least 2 cm, single spaced.")
    for page in range(1, pages + 1):
        document.add_heading(f"Part {page}: {_words(page, 4).capitalize()}", 1)
        for part in range(1, 4):
            limit = ("[1 side]", "[2 sides]", "[Maximum 1 A4 page]")[part - 1]
            document.add_paragraph(style="List Number").add_run(f"{_words(page + part, 3)} {limit}").bold = True
            for n in range(5):
                document.add_paragraph(_words(page * 10 + n, 24).capitalize() + ".")
            for n in range(3):
                document.add_paragraph(_words(page + n, 8), style="List Bullet")
        first = (page - 1) * 3 + 2
        document.add_paragraph(f"Sections {first} and {first + 1} together: 2 sides of A4.")
        _controlled(document, _words(page, 6).capitalize())
    table = document.add_table(rows=1, cols=3)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text, table.rows[0].cells[2].text = (
        "Question",
        "Guidance",
        "Limit",
    )
    for n in range(10):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = _words(n, 4), _words(n + 1, 20), f"{n + 1} pages"
    return _saved(document)


def floor(data: bytes) -> int:
    return sum(len(p.text) for p in docx.Document(io.BytesIO(data)).paragraphs)


def read(data: bytes) -> None:
    draft_template(read_form(data, "form.docx"), date(2026, 3, 3))


def check_realistic() -> None:
    """The benchmark reads what the form holds, not an easier form: 60 questions, 20 shared limits, 5 rules."""
    draft = draft_template(read_form(realistic_form(), "form.docx"), date(2026, 3, 3))
    questions = [s for s in draft.data["sections"] if s.get("limit")]
    assert len(questions) >= PAGES * 3, len(questions)
    assert len(draft.data.get("shared_limits", [])) == PAGES, draft.data.get("shared_limits")
    assert draft.data["page"] == {
        "paper": "A4",
        "margins_cm": 2.0,
        "font": "Arial",
        "font_size_pt": 11.0,
        "line_spacing": 1.0,
    }


def growth(runs: int) -> Result:
    files = {size: short_paragraphs(size) for size in SIZES}
    result = timed({str(size): (lambda data=data: read_form(data, "form.docx")) for size, data in files.items()}, runs)
    per = {size: result[str(size)] / size * 1e6 for size in SIZES}
    for size in SIZES:
        print(f"  {size:>6,} paragraphs ({len(files[size]) / 1024:5.0f} KB): {per[size]:6.1f} µs a paragraph")
    ratio = per[SIZES[-1]] / per[SIZES[0]]
    print(f"  ratio {SIZES[-1]:,} to {SIZES[0]:,}: {ratio:.2f}x (target {GROWTH_TARGET}x)")
    return ratio_result(
        f"form read per paragraph at {SIZES[-1] // 1000}k (CPU)",
        per[SIZES[-1]],
        per[SIZES[0]],
        GROWTH_TARGET,
        unit="µs",
        floor_label=f"at {SIZES[0] // 1000}k: ",
    )


def realistic(runs: int) -> list[Result]:
    check_realistic()
    data = realistic_form()
    paragraphs = len(docx.Document(io.BytesIO(data)).paragraphs)
    result = timed({"floor": lambda: floor(data), "read": lambda: read(data)}, runs)
    figure, base = result["read"] * 1000, result["floor"] * 1000
    print(f"  {PAGES}-page form, {paragraphs} paragraphs + a table, {len(data) / 1024:.0f} KB")
    print(f"  floor (python-docx load + every paragraph's text): {base:7.1f} ms")
    print(f"  read and drafted as a template:                  {figure:7.1f} ms  ratio {figure / base:.2f}x")
    print(f"  target: under {REALISTIC_MS:,} ms, and within {FLOOR_TARGET}x of the floor")
    return [
        ratio_result(f"form read {PAGES} pages (CPU)", figure, base, FLOOR_TARGET, floor_label="python-docx: "),
        ceiling_result(f"form read {PAGES} pages, absolute (CPU)", figure, REALISTIC_MS, unit="ms"),
    ]


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 run instead of 5")
    runs = 1 if parser.parse_args(argv).quick else 5
    print(f"Median CPU time of {runs} interleaved runs:")
    return [growth(runs), *realistic(runs)]


if __name__ == "__main__":
    main()
