"""Reading a funder's Word form into a template draft: time per paragraph stays flat as forms grow.

Two figures. Growth: forms of 1,000, 4,000 and 16,000 short paragraphs (the shape a probe sent,
32,000 of them in 48 KB), CPU time per paragraph at each size; the ratio of the largest to the
smallest must stay near 1 (before style look-ups were cached, python-docx rescanned every style
three times per paragraph). Realistic: a 20-page form (headings, guidance, bullets, bold lines,
a table of questions), read and drafted, against the floor of python-docx opening the same file
and reading every paragraph's text; it must also take under 2 s.
Run: PYTHONPATH=. python -m bench.form_import
"""

from __future__ import annotations

import argparse
import io
from datetime import date

import docx

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


def realistic_form(pages: int = PAGES) -> bytes:
    """About 30 paragraphs a page: numbered questions with limits, guidance, bullets, bold notes, a table."""
    document = docx.Document()
    document.add_paragraph("Research Programmes: Full Proposal", style="Title")
    for page in range(1, pages + 1):
        document.add_heading(f"{page}. {_words(page, 4).capitalize()} (max {page * 50} words)", 1)
        for part in range(1, 4):
            document.add_heading(f"{page}.{part} {_words(page + part, 3).capitalize()}", 2)
            for n in range(5):
                document.add_paragraph(_words(page * 10 + n, 24).capitalize() + ".")
            for n in range(3):
                document.add_paragraph(_words(page + n, 8), style="List Bullet")
        document.add_paragraph().add_run(_words(page, 6).capitalize()).bold = True
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
    data = realistic_form()
    paragraphs = len(docx.Document(io.BytesIO(data)).paragraphs)
    result = timed({"floor": lambda: floor(data), "read": lambda: read(data)}, runs)
    figure, base = result["read"] * 1000, result["floor"] * 1000
    print(f"  {PAGES}-page form, {paragraphs} paragraphs + a table, {len(data) / 1024:.0f} KB")
    print(f"  floor (python-docx load + every paragraph's text): {base:7.1f} ms")
    print(f"  read and drafted as a template:                  {figure:7.1f} ms  ratio {figure / base:.2f}x")
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
