"""The text of a call's guidance document (.docx, .pdf or plain text), line by line.

List paragraphs keep a bullet ("- ") and headings become Markdown's ("## Impact", by their
level) so that the criteria reader can tell a listed or headed criterion from prose; table
rows become one line each, their cells joined by " - ".
"""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from research.domain.errors import InvalidInput, Problem
from research.domain.form_outline import FormHeading, FormTable
from research.domain.upload_limits import check_upload_size
from research.export.docx_form_reader import read_form

MAX_PDF_PAGES = 200
KINDS = ".docx, .pdf, .txt or .md"


def guidance_text(data: bytes, name: str) -> str:
    lower = name.lower()
    if lower.endswith(".docx"):
        return _docx_text(data, name)
    if lower.endswith(".pdf"):
        return _pdf_text(data, name)
    if lower.endswith((".txt", ".md")):
        check_upload_size(data, name)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput(Problem(name, "is not UTF-8 text; save it as UTF-8 and try again")) from None
    raise InvalidInput(Problem(name, f"is not a guidance document this reads ({KINDS})"))


def _docx_text(data: bytes, name: str) -> str:
    """The form reader's blocks as lines: list paragraphs keep its "- ", headings (not the title) get
    "#" for each level, table rows join their cells."""
    lines: list[str] = []
    for block in read_form(data, name).blocks:
        if isinstance(block, FormTable):
            lines.extend(" - ".join(dict.fromkeys(c for c in row if c)) for row in block.rows)
        elif isinstance(block, FormHeading) and block.level > 0:
            lines.append(f"{'#' * min(block.level, 6)} {block.text}")
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _pdf_text(data: bytes, name: str) -> str:
    check_upload_size(data, name)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InvalidInput(Problem(name, "is password-protected; save an unprotected copy and try again"))
        if len(reader.pages) > MAX_PDF_PAGES:
            raise InvalidInput(Problem(name, f"has {len(reader.pages)} pages; at most {MAX_PDF_PAGES} are read"))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InvalidInput(Problem(name, f"is damaged or not a PDF ({type(exc).__name__})")) from None
