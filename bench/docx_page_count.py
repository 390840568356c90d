"""Export plus measured page counts of a 12-page application, against LibreOffice's own conversion.

The figure: the whole export as the app does it (page-limited sections laid out by LibreOffice
and measured with pdftotext, the limits checked, the .docx written), with no cached counts.
The floor: `soffice --convert-to pdf` of the same exported .docx, with a fresh profile as each
export render has. Wall-clock seconds (the work is in LibreOffice, not in this process).
Target: within 1.5x of the floor.  Run: PYTHONPATH=. python -m bench.docx_page_count
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.docx_export import section_body
from bench.summary import Result, ratio_result
from research.adapters.libreoffice import docx_to_pdf, page_count, soffice
from research.domain.export_document import ExportDocument, ExportOptions, ExportSection
from research.domain.template_spec import Limit, PageFormat, SharedLimit
from research.export.submission import submission_files

RUNS = 3
TARGET = 1.5
# Sections as an NIH-style proposal has them: a 12-page Research Strategy, pages for the rest.
PARTS = (
    ("aims", "Specific Aims", 1, Limit("pages", 1)),
    ("significance", "Significance", 3, None),
    ("innovation", "Innovation", 2, None),
    ("approach", "Approach", 6, None),
    ("summary", "Project Summary", 1, Limit("words", 300)),
)
STRATEGY = SharedLimit("strategy", "Research Strategy", ("significance", "innovation", "approach"), Limit("pages", 12))


def application() -> ExportDocument:
    sections = tuple(
        ExportSection(key, title, _body(key, blocks), limit, number)
        for number, (key, title, blocks, limit) in enumerate(PARTS, start=1)
    )
    return ExportDocument(
        "Estuary memory and community health",
        "NIH",
        "R01",
        "",
        ("Dr Hana Kim (lead)",),
        date(2026, 3, 3),
        "Current text",
        "none",
        PageFormat(font="Arial", font_size_pt=11, margins_cm=1.27, paper="Letter"),
        sections,
        (STRATEGY,),
    )


def _body(key: str, blocks: int) -> str:
    seed = sum(map(ord, key))
    return "\n\n".join(section_body(seed + n) for n in range(blocks))


def floor(data: bytes) -> None:
    """LibreOffice converting the exported .docx, nothing else."""
    program = soffice()
    with tempfile.TemporaryDirectory(prefix="bench-lo-") as folder:
        source = Path(folder) / "application.docx"
        source.write_bytes(data)
        profile = (Path(folder) / "profile").as_uri()
        subprocess.run(  # noqa: S603
            [program or "soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore"]
            + ["--convert-to", "pdf", "--outdir", folder, str(source)],
            capture_output=True,
            check=True,
            timeout=300,
        )


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 run instead of 3")
    runs = 1 if parser.parse_args(argv).quick else RUNS
    document = application()
    options = ExportOptions(anyway=True)
    files = submission_files(document, options, None)  # warm: fonts, the first LibreOffice start
    pages = page_count(docx_to_pdf(files.docx))
    times: dict[str, list[float]] = {"floor": [], "export": []}
    for _ in range(runs):
        start = time.perf_counter()
        floor(files.docx)
        times["floor"].append(time.perf_counter() - start)
        start = time.perf_counter()
        submission_files(document, options, None)
        times["export"].append(time.perf_counter() - start)
    result = {name: statistics.median(values) for name, values in times.items()}
    ratio = result["export"] / result["floor"]
    print(f"Application: {len(document.sections)} sections, {pages} pages when printed")
    for line in files.pages:
        print(f"  {line}")
    print(f"Median wall time of {runs} interleaved runs:")
    print(f"  floor (soffice --convert-to pdf of the same .docx): {result['floor']:6.2f} s")
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(
        f"  export + measured page counts:                      {result['export']:6.2f} s  "
        f"ratio {ratio:.2f}x (target {TARGET:g}x: {verdict})"
    )
    return [
        ratio_result(
            "docx export + page count (wall)",
            result["export"] * 1000,
            result["floor"] * 1000,
            TARGET,
            floor_label="LibreOffice: ",
        )
    ]


if __name__ == "__main__":
    main()
