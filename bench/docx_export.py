"""Exporting a 40-section, 20,000-word application to .docx, against the floor of python-docx.

The floor writes the same paragraphs (the rendered text, one paragraph per block) with no
formatting at all. The export also parses the Markdown and writes headings, bold and
italic runs, nested lists with their numbering, links, tables and the page-number footer.
Target: within 2x of the floor.  Run: PYTHONPATH=. python -m bench.docx_export
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from datetime import date

import docx

from bench.summary import Result, ratio_result
from research.domain.counting import count_words, plain_text
from research.domain.export_document import ExportDocument, ExportSection
from research.domain.template_spec import Limit, PageFormat
from research.export.docx_application import application_docx

SECTIONS = 40
WORDS_PER_SECTION = 500
RUNS = 9
TARGET = 2.0
WORDS = [
    "research",
    "cluster",
    "estuary",
    "whakapapa",
    "governance",
    "sediment",
    "salinity",
    "kaitiaki",
    "monitoring",
    "community",
    "partnership",
    "model",
    "biobank",
    "consent",
    "evidence",
    "outcome",
    "method",
    "survey",
    "sample",
    "analysis",
]


def _sentence(seed: int, length: int = 12) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length)).capitalize() + "."


def section_body(n: int) -> str:
    """About 500 words: paragraphs with bold and italic, nested bullets, a numbered list, a link, a table."""
    parts = []
    for p in range(4):
        sentences = [_sentence(n + p + s) for s in range(6)]
        sentences[1] = f"**{sentences[1]}**"
        sentences[3] = f"*{sentences[3]}*"
        parts.append(" ".join(sentences) + " See [the guide](https://example.org/guide).")
    parts.append("\n".join(f"- {_sentence(n + i, 8)}\n  - **{_sentence(n + i + 1, 6)}**" for i in range(4)))
    parts.append("\n".join(f"{i}. {_sentence(n + i, 9)}" for i in range(1, 5)))
    parts.append(
        "| Phase | Months | Lead |\n|:--|--:|:--|\n"
        + "\n".join(f"| {_sentence(n + i, 3)} | {i * 6} | Dr {WORDS[i]} |" for i in range(1, 5))
    )
    body = "\n\n".join(parts)
    words = count_words(plain_text(body))
    filler = [_sentence(n + 99 + i) for i in range(max(0, (WORDS_PER_SECTION - words) // 12))]
    return body + "\n\n" + " ".join(filler)


def application() -> ExportDocument:
    sections = tuple(
        ExportSection(f"s{n}", f"Section {n}: {_sentence(n, 4)[:-1]}", section_body(n), Limit("words", 600))
        for n in range(1, SECTIONS + 1)
    )
    return ExportDocument(
        "Ngā wai o te awa: river memory in the city's estuary",
        "MBIE",
        "Research Programmes",
        "Endeavour Fund 2026",
        ("Dr Hana Kim (lead)", "Dr Wiremu Tane"),
        date(2026, 3, 3),
        "Current text",
        "none",
        PageFormat(),
        sections,
    )


def floor(document: ExportDocument) -> bytes:
    doc = docx.Document()
    doc.add_paragraph(document.title)
    for section in document.sections:
        doc.add_paragraph(section.title)
        for line in plain_text(section.body).splitlines():
            doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def timed(actions: dict[str, object], runs: int = RUNS) -> dict[str, float]:
    """Median CPU seconds of each action, run interleaved so a busy machine skews them alike."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            start = time.process_time()
            action()
            times[name].append(time.process_time() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs instead of 9")
    runs = 3 if parser.parse_args(argv).quick else RUNS
    document = application()
    words = sum(count_words(plain_text(s.body)) for s in document.sections)
    application_docx(document)  # warm caches (parser, default styles)
    result = timed(
        {
            "floor": lambda: floor(document),
            "export": lambda: application_docx(document),
            "export with counts": lambda: application_docx(document, include_counts=True),
        },
        runs,
    )
    size = len(application_docx(document, include_counts=True))
    print(f"Application: {len(document.sections)} sections, {words:,} words, lists, bold, italic, links, tables")
    print(f"Median CPU time of {runs} interleaved runs:")
    print(f"  floor (python-docx, same paragraphs, no formatting): {result['floor'] * 1000:7.1f} ms")
    for name in ("export", "export with counts"):
        ratio = result[name] / result["floor"]
        verdict = "met" if ratio <= TARGET else "NOT met"
        print(
            f"  {name + ' (Markdown to Word structure)':<52} {result[name] * 1000:7.1f} ms  "
            f"ratio {ratio:.2f}x (target {TARGET:.0f}x: {verdict})"
        )
    print(f"File size: {size / 1024:.0f} KB")
    return [
        ratio_result(
            f"docx {name} (CPU)", result[name] * 1000, result["floor"] * 1000, TARGET, floor_label="python-docx: "
        )
        for name in ("export", "export with counts")
    ]


if __name__ == "__main__":
    main()
