"""An application as a submission-ready .docx: title block, sections in template order, page numbers."""

from __future__ import annotations

import io
from pathlib import Path

from docx.document import Document
from docx.shared import Pt, RGBColor

from research.domain.counting import check, format_count
from research.domain.export_document import EMPTY_SECTION_TEXT, ExportDocument, ExportSection
from research.domain.section_rules import is_empty
from research.export.docx_base import reference_docx, start_document
from research.export.docx_fields import ensure_page_numbers
from research.export.docx_markdown import MarkdownWriter
from research.export.docx_text import xml_safe

COUNT_GREY = RGBColor(0x59, 0x59, 0x59)
ESTIMATED_UNITS = ("lines", "pages")


def application_docx(
    document: ExportDocument, templates_dir: Path | None = None, include_counts: bool = False
) -> bytes:
    """The .docx bytes; styles from templates/<key>.reference.docx when the template has one."""
    doc = start_document(reference_docx(templates_dir, document.template_key), document.page)
    _properties(doc, document)
    _title_block(doc, document)
    writer = MarkdownWriter(doc)
    for section in document.sections:
        _section(doc, writer, section, document, include_counts)
    ensure_page_numbers(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _properties(doc: Document, document: ExportDocument) -> None:
    core = doc.core_properties
    core.title = xml_safe(document.title)
    core.subject = xml_safe(" — ".join(p for p in (document.funder, document.scheme) if p))
    core.author = core.last_modified_by = xml_safe(document.team[0].split(" (")[0] if document.team else "")
    core.comments = core.keywords = core.category = ""


def _title_block(doc: Document, document: ExportDocument) -> None:
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
    doc.add_paragraph()


def _section(
    doc: Document, writer: MarkdownWriter, section: ExportSection, document: ExportDocument, include_counts: bool
) -> None:
    writer.add_paragraph("Heading 1", xml_safe(section.title))
    if include_counts:
        _count_line(doc, section, document)
    if not is_empty(section.body):
        writer.write(section.body, heading_offset=1)
    else:
        doc.add_paragraph().add_run(EMPTY_SECTION_TEXT).italic = True


def count_text(section: ExportSection, document: ExportDocument) -> str:
    result = check(section.body, section.limit, document.page)
    if section.limit is None:
        return f"Length: {format_count(result.used)} words (no limit)"
    unit = section.limit.unit
    about = "about " if unit in ESTIMATED_UNITS else ""
    text = f"Length: {about}{format_count(result.used)} of {format_count(section.limit.max)} {unit}"
    if result.over:
        text += f" — over the limit by {format_count(result.used - section.limit.max)}"
    return text


def _count_line(doc: Document, section: ExportSection, document: ExportDocument) -> None:
    run = doc.add_paragraph().add_run(count_text(section, document))
    run.italic = True
    run.font.color.rgb = COUNT_GREY
    run.font.size = Pt(max(8.0, document.page.font_size_pt - 2))
