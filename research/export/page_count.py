"""Measured page counts: the page-limited sections laid out by LibreOffice, each from a new page.

One render for the whole application: a section's pages are the full pages it fills plus
the share of its last page down to its last line, so "12.4 of 12 pages" is what a funder's
reader would count. Without LibreOffice the estimate stands, labelled as one.
"""

from __future__ import annotations

import re

from docx.document import Document

from research.adapters.libreoffice import PdfPage, RenderUnavailable, docx_to_pdf, pdf_pages
from research.adapters.render_cache import PageCountCache
from research.domain.export_document import ExportDocument, ExportOptions, counts_fingerprint
from research.domain.page_counts import PageCounts, page_limited_keys, round_up_tenth
from research.export.docx_application import measurement_docx
from research.export.docx_base import Reference

MARKER = re.compile(r"QQM(\d+)QQ")


def counts_key(document: ExportDocument, options: ExportOptions, reference: Reference | None) -> str:
    return counts_fingerprint(document, options.numbered, reference.digest if reference else "")


def cached_counts(
    document: ExportDocument, options: ExportOptions, reference: Reference | None, cache: PageCountCache | None
) -> PageCounts | None:
    if cache is None or not page_limited_keys(document.sized(), document.shared_limits):
        return None
    return cache.get(counts_key(document, options, reference))


def measure_pages(
    document: ExportDocument,
    options: ExportOptions,
    reference: Reference | None,
    cache: PageCountCache | None = None,
) -> PageCounts:
    """Pages of each page-limited section: from the cache, else rendered (else marked unmeasured)."""
    keys = page_limited_keys(document.sized(), document.shared_limits)
    if not keys:
        return PageCounts({}, True)
    key = counts_key(document, options, reference)
    if cache is not None and (hit := cache.get(key)) is not None:
        return hit
    data, doc = measurement_docx(document, options, reference, keys)
    try:
        spans = _spans(pdf_pages(docx_to_pdf(data)), doc, len(keys))
    except RenderUnavailable as exc:
        return PageCounts({}, False, str(exc))
    counts = PageCounts(dict(zip(keys, spans, strict=True)), True)
    if cache is not None:
        cache.put(key, counts)
    return counts


def _spans(pages: tuple[PdfPage, ...], doc: Document, count: int) -> list[float]:
    """Pages each marked section takes: whole pages until the next marker's page, plus the last one's share."""
    section = doc.sections[0]
    top = section.top_margin.pt if section.top_margin is not None else 0.0
    bottom = section.bottom_margin.pt if section.bottom_margin is not None else 0.0
    starts: dict[int, int] = {}
    for number, page in enumerate(pages):
        for word in page.words:
            if (found := MARKER.search(word.text)) is not None:
                starts.setdefault(int(found.group(1)), number)
    if len(starts) != count:
        raise RenderUnavailable("The measured layout lost a section marker; the page counts are estimates.")
    ends = [starts[i + 1] - 1 for i in range(count - 1)] + [len(pages) - 1]
    return [round_up_tenth(ends[i] - starts[i] + _share(pages[ends[i]], top, bottom)) for i in range(count)]


def _share(page: PdfPage, top: float, bottom: float) -> float:
    """How far down the page's text area its last line of body text reaches (0-1)."""
    area = page.height - top - bottom
    lines = [w.bottom for w in page.words if w.top >= top - 2 and w.bottom <= page.height - bottom + 2]
    if not lines or area <= 0:
        return 0.0
    return min(1.0, max(0.0, (max(lines) - top) / area))
