"""LibreOffice headless renders a .docx to PDF; poppler's pdftotext says where each word landed.

Each call gets its own LibreOffice user profile (-env:UserInstallation) in a temporary
folder, so concurrent renders never share one profile and clash.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from research.domain.errors import DomainError

TIMEOUT_SECONDS = 120
INSTALL_HINT = "install LibreOffice (scripts/system-deps.sh does) and try again"
_XHTML = "{http://www.w3.org/1999/xhtml}"
# pdftotext writes the XHTML; no entity or network lookups are ever needed to read it.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


class RenderUnavailable(DomainError):
    """LibreOffice or poppler is not installed, or the render failed; the message says which."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None and shutil.which("pdftotext") is not None


def docx_to_pdf(data: bytes, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The PDF LibreOffice makes of a .docx (raises RenderUnavailable with the reason)."""
    program = soffice()
    if program is None:
        raise RenderUnavailable(f"LibreOffice is not installed on this server, so no PDF can be made: {INSTALL_HINT}.")
    with tempfile.TemporaryDirectory(prefix="research-render-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)  # noqa: S603
        except subprocess.TimeoutExpired:
            raise RenderUnavailable(f"LibreOffice took longer than {timeout:g} s to make the PDF; try again.") from None
        except OSError as exc:
            raise RenderUnavailable(f"LibreOffice could not be started ({exc}): {INSTALL_HINT}.") from None
        pdf = work / "document.pdf"
        if not pdf.is_file():
            said = (done.stderr or done.stdout).decode(errors="replace").strip()[-300:]
            raise RenderUnavailable(f"LibreOffice made no PDF (exit {done.returncode}): {said or 'no message'}")
        return pdf.read_bytes()


@dataclass(frozen=True)
class Word:
    text: str
    top: float  # points from the top of the page
    bottom: float


@dataclass(frozen=True)
class PdfPage:
    width: float
    height: float
    words: tuple[Word, ...]


def pdf_pages(pdf: bytes, timeout: float = 60) -> tuple[PdfPage, ...]:
    """Every page's size and words with their vertical positions (pdftotext -bbox)."""
    program = shutil.which("pdftotext")
    if program is None:
        raise RenderUnavailable(f"poppler's pdftotext is not installed, so pages cannot be measured: {INSTALL_HINT}.")
    try:
        done = subprocess.run(  # noqa: S603
            [program, "-bbox", "-", "-"], input=pdf, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise RenderUnavailable("Reading the PDF's layout took too long; try again.") from None
    if done.returncode != 0:
        raise RenderUnavailable(f"pdftotext could not read the PDF: {done.stderr.decode(errors='replace')[-300:]}")
    root = etree.fromstring(done.stdout, PARSER)
    return tuple(
        PdfPage(
            float(page.get("width", 0)),
            float(page.get("height", 0)),
            tuple(
                Word(word.text or "", float(word.get("yMin", 0)), float(word.get("yMax", 0)))
                for word in page.iter(f"{_XHTML}word")
            ),
        )
        for page in root.iter(f"{_XHTML}page")
    )


def page_count(pdf: bytes) -> int:
    return len(pdf_pages(pdf))
