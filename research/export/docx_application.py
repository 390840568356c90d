"""An application as the .docx a researcher uploads: the funder's headings in order, the page rules.

No workspace metadata (team, round, which text) unless a cover sheet is asked for, no
placeholder for an empty section: what still needs doing goes to a separate checklist.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt, RGBColor

from research.domain.counting import format_count
from research.domain.export_document import ExportDocument, ExportOptions, ExportSection
from research.domain.page_counts import PageCounts, section_check
from research.export.docx_base import Reference, choose_reference, reference_warnings, start_document
from research.export.docx_fields import ensure_page_numbers
from research.export.docx_markdown import MarkdownWriter
from research.export.docx_text import xml_safe

COUNT_GREY = RGBColor(0x59, 0x59, 0x59)
MARKER_GREY = RGBColor(0xFF, 0xFF, 0xFF)
MARKER_PT = 1


@dataclass(frozen=True)
class BuiltDocx:
    data: bytes
    warnings: tuple[str, ...] = ()


def application_docx(
    document: ExportDocument,
    templates_dir: Path | None = None,
    include_counts: bool = False,
    *,
    options: ExportOptions | None = None,
    reference: Reference | Path | None = None,
    counts: PageCounts | None = None,
) -> bytes:
    """The .docx bytes; styles from the chosen reference, else templates/<key>.reference.docx."""
    options = options or ExportOptions(counts=include_counts)
    return build_docx(document, options, choose_reference(templates_dir, document.template_key, reference), counts).data


def build_docx(
    document: ExportDocument,
    options: ExportOptions,
    reference: Reference | None,
    counts: PageCounts | None = None,
) -> BuiltDocx:
    doc = start_document(reference, document.page, options.section_breaks)
    warnings = reference_warnings(doc, document.page) if reference is not None else ()
    _properties(doc, document)
    if options.cover_sheet:
        _cover_sheet(doc, document)
    elif len(document.sections) > 1:
        doc.add_paragraph(xml_safe(document.title), style="Title")
    writer = MarkdownWriter(doc)
    for index, section in enumerate(document.sections):
        heading = writer.add_paragraph("Heading 1", xml_safe(section.heading(options.numbered)))
        if options.section_breaks:
            heading.paragraph_format.page_break_before = bool(index)  # the first follows the title
        if options.counts:
            _count_line(doc, section, document, counts)
        if not section.empty:
            writer.write(section.body, heading_offset=1)
    if document.page.headers_footers is not False:
        ensure_page_numbers(doc)
    return BuiltDocx(_bytes(doc), warnings)


def measurement_docx(
    document: ExportDocument, options: ExportOptions, reference: Reference | None, keys: tuple[str, ...]
) -> tuple[bytes, Document]:
    """The sections to measure, each from the top of a new page under a tiny invisible marker."""
    doc = start_document(reference, document.page, section_breaks=False)
    writer = MarkdownWriter(doc)
    for index, section in enumerate(s for s in document.sections if s.key in keys):
        heading = writer.add_paragraph("Heading 1")
        marker = heading.add_run(f"QQM{index}QQ ")
        marker.font.size = Pt(MARKER_PT)
        marker.font.color.rgb = MARKER_GREY
        heading.add_run(xml_safe(section.heading(options.numbered)))
        heading.paragraph_format.page_break_before = bool(index)
        if not section.empty:
            writer.write(section.body, heading_offset=1)
    return _bytes(doc), doc


def _bytes(doc: Document) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _properties(doc: Document, document: ExportDocument) -> None:
    core = doc.core_properties
    core.title = xml_safe(document.title)
    core.subject = xml_safe(" — ".join(p for p in (document.funder, document.scheme) if p))
    core.author = core.last_modified_by = xml_safe(document.team[0].split(" (")[0] if document.team else "")
    core.comments = core.keywords = core.category = ""


def _cover_sheet(doc: Document, document: ExportDocument) -> None:
    """Asked for: the application's title and the workspace's facts about it, on a page of its own."""
    doc.add_paragraph(xml_safe(document.title), style="Title")
    lines = (
        ("Funder", document.funder),
        ("Scheme", document.scheme),
        ("Round", document.round_name),
        ("Team", ", ".join(document.team)),
        ("Date", f"{document.dated.day} {document.dated:%B %Y}"),
        ("Text", document.text_source),
    )
    for label, value in lines:
        if value:
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(xml_safe(value))
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def count_text(section: ExportSection, document: ExportDocument, counts: PageCounts | None = None) -> str:
    result, measured = section_check(section.key, section.body, section.limit, document.page, counts)
    if section.limit is None:
        return f"Length: {format_count(result.used)} words (no limit)"
    unit = section.limit.unit
    about = "" if measured or unit not in ("lines", "pages") else "about "
    named = unit.removesuffix("s") if section.limit.max == 1 else unit
    text = f"Length: {about}{format_count(result.used)} of {format_count(section.limit.max)} {named}"
    if measured:
        text += " (measured)"
    if result.over:
        text += f" — over the limit by {format_count(result.used - section.limit.max)}"
    return text


def _count_line(doc: Document, section: ExportSection, document: ExportDocument, counts: PageCounts | None) -> None:
    run = doc.add_paragraph().add_run(count_text(section, document, counts))
    run.italic = True
    run.font.color.rgb = COUNT_GREY
    run.font.size = Pt(max(8.0, document.page.font_size_pt - 2))
