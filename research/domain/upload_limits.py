"""The one size limit for every uploaded file, and a guard against zip bombs (.docx and .xlsx are zips).

Streamlit's server.maxUploadSize (.streamlit/config.toml) stops larger uploads in the browser;
these checks repeat it in the services, so files from the command line, or a server run with
another config, are refused the same way, before anything parses them.
"""

from __future__ import annotations

import io
import zipfile

from research.domain.errors import InvalidInput, Problem

MEGABYTE = 1024 * 1024
# 20 MB: a Word form with pictures, or 50,000 rounds in a CSV (bench/rounds_import.py: 10.4 MB).
MAX_UPLOAD_MB = 20
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * MEGABYTE
# Office XML compresses about 10:1, and python-docx holds all of it in memory: 200 MB is far above
# any real form or sheet.
MAX_UNPACKED_BYTES = 200 * MEGABYTE
# Paragraphs in a Word form (table cells included): a 20-page form has about 600, a 150-page one 5,000;
# reading takes about 0.15 ms each (bench/form_import.py), so a form at the limit reads in about 3 s.
MAX_FORM_PARAGRAPHS = 20_000
# Rows in any imported table (rounds, awards, grants): far above a real file, far below what exhausts memory.
MAX_ROWS = 200_000


def upload_limits_note(*, rows: bool = False, paragraphs: bool = False) -> str:
    """The limits an upload is held to, said where the file is chosen (before any is hit)."""
    parts = [f"files up to {MAX_UPLOAD_MB} MB"]
    if rows:
        parts.append(f"at most {MAX_ROWS:,} rows")
    if paragraphs:
        parts.append(f"at most {MAX_FORM_PARAGRAPHS:,} paragraphs (table cells included)")
    return "Limits: " + ", ".join(parts) + "."


def megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.1f} MB"


def check_upload_size(data: bytes, name: str) -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidInput(
            Problem(
                name,
                f"is {megabytes(len(data))}; files up to {MAX_UPLOAD_MB} MB are accepted. "
                "Split it into smaller files, or remove pictures from it",
            )
        )


def check_zip_package(data: bytes, name: str) -> None:
    """Refuse a package whose members unpack to more than MAX_UNPACKED_BYTES, without unpacking them.

    The sizes come from the zip's directory; Python's zipfile (used by openpyxl and python-docx)
    never inflates a member past its declared size, so a directory that lies cannot get around this.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: the reader that follows says so in its own words
    if unpacked > MAX_UNPACKED_BYTES:
        raise InvalidInput(
            Problem(
                name, f"unpacks to {megabytes(unpacked)}, more than {megabytes(MAX_UNPACKED_BYTES)}; it was not opened"
            )
        )


def check_row_count(rows: int, name: str) -> None:
    """Called as rows are read, so reading stops at the first row over the limit."""
    if rows > MAX_ROWS:
        raise InvalidInput(Problem(name, f"has more than {MAX_ROWS:,} rows: split it into smaller files"))


def check_form_paragraphs(paragraphs: int, name: str) -> None:
    if paragraphs > MAX_FORM_PARAGRAPHS:
        raise InvalidInput(
            Problem(
                name,
                f"has {paragraphs:,} paragraphs; forms of up to {MAX_FORM_PARAGRAPHS:,} are read. "
                "Upload only the application form itself, without appendices",
            )
        )


def check_upload(data: bytes, name: str) -> None:
    """Size first, then, for Office files, what they would unpack to."""
    check_upload_size(data, name)
    if name.lower().endswith((".docx", ".xlsx")):
        check_zip_package(data, name)
