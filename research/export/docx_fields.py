"""Word fields: the page number in the footer ("Page 3 of 12"), kept live by Word and LibreOffice."""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph


def has_field(element, name: str) -> bool:
    """Whether an element holds a field (PAGE, NUMPAGES ...) in simple or complex form."""
    instructions = [t.text or "" for t in element.iter(qn("w:instrText"))]
    instructions += [f.get(qn("w:instr"), "") for f in element.iter(qn("w:fldSimple"))]
    return any(text.split()[:1] == [name] for text in instructions)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A complex field: begin, instruction, separate, a cached result, end."""

    def run_with(child) -> None:
        run = OxmlElement("w:r")
        run.append(child)
        paragraph._p.append(run)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    result = OxmlElement("w:t")
    result.text = placeholder
    run_with(result)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def ensure_page_numbers(document: Document) -> None:
    """'Page N of M' centred in each section's footer, unless the footer already numbers pages."""
    for section in document.sections:
        footer = section.footer
        if not footer.is_linked_to_previous and has_field(footer._element, "PAGE"):
            continue
        footer.is_linked_to_previous = False
        paragraph = (
            footer.paragraphs[0] if footer.paragraphs and not footer.paragraphs[0].text else footer.add_paragraph()
        )
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run("Page ")
        add_field(paragraph, "PAGE")
        paragraph.add_run(" of ")
        add_field(paragraph, "NUMPAGES")
