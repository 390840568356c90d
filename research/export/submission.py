"""The files a researcher takes away: the .docx, optionally its PDF, and a checklist when exported anyway.

An application with an empty required section or a limit exceeded is not exported unless
the user insists; then the problems go to NAME-checklist.txt beside it, never into the document.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from research.adapters.libreoffice import docx_to_pdf
from research.adapters.render_cache import PageCountCache
from research.domain.draft_document import ExportStamp
from research.domain.export_document import (
    ExportBlocked,
    ExportDocument,
    ExportOptions,
    checklist_text,
    page_lines,
    submission_problems,
)
from research.domain.page_counts import PageCounts, PageLine
from research.export.docx_application import build_docx
from research.export.docx_base import Reference
from research.export.docx_provenance import stamp_export
from research.export.page_count import cached_counts, measure_pages


@dataclass(frozen=True)
class SubmissionFiles:
    stem: str
    docx: bytes
    pdf: bytes | None
    checklist: str | None
    problems: tuple[str, ...]
    warnings: tuple[str, ...]
    pages: tuple[PageLine, ...]
    counts: PageCounts

    @property
    def docx_name(self) -> str:
        return f"{self.stem}.docx"

    @property
    def pdf_name(self) -> str:
        return f"{self.stem}.pdf"

    @property
    def checklist_name(self) -> str:
        return f"{self.stem}-checklist.txt"

    def zipped(self) -> bytes:
        """Everything in one download: the document, its PDF if made, the checklist if any."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(self.docx_name, self.docx)
            if self.pdf is not None:
                archive.writestr(self.pdf_name, self.pdf)
            if self.checklist is not None:
                archive.writestr(self.checklist_name, self.checklist)
        return out.getvalue()


def submission_files(
    document: ExportDocument,
    options: ExportOptions,
    reference: Reference | None,
    cache: PageCountCache | None = None,
    pdf: bool = False,
    stamp: ExportStamp | None = None,
) -> SubmissionFiles:
    """Measure, check, then write; raises ExportBlocked listing the problems unless `options.anyway`.

    `stamp` (the section versions the text was read at) goes into the .docx so that importing it
    back later knows what the co-author started from.
    """
    counts = cached_counts(document, options, reference, cache)
    problems = submission_problems(document, counts)
    if problems and not options.anyway:
        raise ExportBlocked(problems)  # fast: no render when the text is plainly not ready
    counts = measure_pages(document, options, reference, cache)
    problems = submission_problems(document, counts)
    if problems and not options.anyway:
        raise ExportBlocked(problems)
    built = build_docx(document, options, reference, counts)
    data = stamp_export(built.data, stamp) if stamp is not None else built.data
    lines = page_lines(document, counts)
    warnings = built.warnings + ((f"Page counts are estimates: {counts.note}",) if not counts.measured else ())
    return SubmissionFiles(
        stem=document.stem,
        docx=data,
        pdf=docx_to_pdf(data) if pdf else None,
        checklist=checklist_text(document, problems, lines) if problems else None,
        problems=problems,
        warnings=warnings,
        pages=lines,
        counts=counts,
    )
