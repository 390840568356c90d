"""The export stamp: which application and section versions a .docx holds, kept as a custom property."""

from __future__ import annotations

import io
import zipfile

import docx

from research.domain.draft_document import ExportStamp
from research.export.docx_draft_reader import read_draft
from research.export.docx_provenance import stamp_export
from tests.draft_docx_support import save


def _plain() -> bytes:
    d = docx.Document()
    d.add_heading("Aims", 1)
    d.add_paragraph("Words.")
    return save(d)


def test_a_stamp_survives_saving_and_a_second_stamp_replaces_the_first():
    first = stamp_export(_plain(), ExportStamp(7, (("aims", 3), ("summary", 1))))
    assert read_draft(first, "a.docx").stamp == ExportStamp(7, (("aims", 3), ("summary", 1)))
    second = stamp_export(first, ExportStamp(7, (("aims", 4),)))
    assert read_draft(second, "a.docx").stamp == ExportStamp(7, (("aims", 4),))
    assert zipfile.ZipFile(io.BytesIO(second)).read("docProps/custom.xml").count(b"ResearchWorkspaceExport") == 1


def test_a_file_without_a_stamp_or_with_a_foreign_property_has_none():
    assert read_draft(_plain(), "a.docx").stamp is None
    assert ExportStamp.from_text("something else") is None
    assert ExportStamp.from_text("application=3;aims=x;team=2") == ExportStamp(3, (("team", 2),))
