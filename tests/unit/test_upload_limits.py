"""Every reader of uploaded files refuses one over the size limit, and a zip bomb, before parsing it."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from research.adapters import table_files
from research.adapters.table_files import read_table
from research.domain.errors import InvalidInput
from research.domain.export_document import ExportDocument, ExportOptions
from research.domain.roles import Role
from research.domain.template_spec import PageFormat
from research.domain.upload_limits import MAX_UNPACKED_BYTES, MAX_UPLOAD_BYTES, check_upload
from research.export import docx_form_reader
from research.export.docx_application import build_docx
from research.export.docx_base import Reference
from research.export.docx_form_reader import read_form
from research.services.common.actor import Actor
from research.services.drafting.templates import add_template_toml
from research.services.rounds.files import read_round_file

ADMIN = Actor(1, "ada", "Ada", Role.ADMIN)
TOO_BIG = b"a,b\n" * (MAX_UPLOAD_BYTES // 4 + 1)


def _add_toml(data: bytes, name: str):
    # The unit of work is never reached: the check comes before any parsing or writing.
    return add_template_toml(None, ADMIN, data, name)


def _reference(data: bytes, name: str):
    document = ExportDocument("T", "", "", "", (), date(2026, 3, 3), "", "", PageFormat(), ())
    return build_docx(document, ExportOptions(), Reference(name, data))


READERS = {
    "rounds": lambda data, name: read_round_file(data, name),
    "reference document": _reference,
    "awards and grants": lambda data, name: read_table(name, data),
    "Word form": lambda data, name: read_form(data, name),
    "template": _add_toml,
}
SUFFIX = {
    "reference document": ".docx",
    "rounds": ".csv",
    "awards and grants": ".csv",
    "Word form": ".docx",
    "template": ".toml",
}


@pytest.mark.parametrize("reader", READERS)
def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit(reader):
    name = f"big{SUFFIX[reader]}"
    with pytest.raises(InvalidInput) as caught:
        READERS[reader](TOO_BIG, name)
    assert str(caught.value) == (
        f"{name}: is 20.0 MB; files up to 20 MB are accepted. Split it into smaller files, or remove pictures from it"
    )


def test_the_limit_itself_is_accepted():
    check_upload(b"x" * MAX_UPLOAD_BYTES, "exactly.csv")
    with pytest.raises(InvalidInput):
        check_upload(b"x" * (MAX_UPLOAD_BYTES + 1), "one-more.csv")


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """A small zip (well under the upload limit) whose one member inflates past MAX_UNPACKED_BYTES."""
    out = io.BytesIO()
    chunk = b"\0" * (8 * 1024 * 1024)
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package,
        package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(MAX_UNPACKED_BYTES // len(chunk) + 1):
            member.write(chunk)
    assert len(out.getvalue()) < MAX_UPLOAD_BYTES
    return out.getvalue()


def _never_open(*args, **kwargs):
    raise AssertionError("the file was opened")


@pytest.mark.parametrize(
    ("reader", "name"),
    [
        ("rounds", "bomb.xlsx"),
        ("awards and grants", "bomb.xlsx"),
        ("Word form", "bomb.docx"),
        ("reference document", "bomb.docx"),
    ],
)
def test_a_zip_bomb_is_refused_without_being_opened(reader, name, zip_bomb, monkeypatch):
    import openpyxl  # the rounds reader imports it when needed, so patching the module covers it

    monkeypatch.setattr(openpyxl, "load_workbook", _never_open)
    monkeypatch.setattr(table_files, "load_workbook", _never_open)
    monkeypatch.setattr(docx_form_reader.docx, "Document", _never_open)
    refusal = rf"^{name}: unpacks to 2\d\d\.\d MB, more than 200\.0 MB; it was not opened"
    with pytest.raises(InvalidInput, match=refusal):
        READERS[reader](zip_bomb, name)
