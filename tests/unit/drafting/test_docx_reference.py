"""A template's reference .docx lends the export its styles, page set-up and footer; its body is dropped."""

from __future__ import annotations

from datetime import date

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from research.domain.errors import InvalidInput
from research.domain.export_document import ExportDocument, ExportSection
from research.domain.template_spec import PageFormat
from research.export.docx_application import application_docx
from research.export.docx_base import reference_docx
from research.export.docx_fields import add_field, has_field
from tests.docx_support import reopen

KEY = "marsden-test"
BODY = "Intro.\n\n- a bullet\n\n1. a number\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n[link](https://example.org)"


def export(templates_dir, key=KEY, page=PageFormat()):
    document = ExportDocument(
        "Title",
        "Funder",
        "Scheme",
        "",
        ("Lead (lead)",),
        date(2026, 3, 3),
        "Current text",
        key,
        page,
        (ExportSection("s", "Summary", BODY),),
    )
    return reopen(application_docx(document, templates_dir))


def make_reference(path, *, footer_page_field=False, drop_styles=()):
    reference = docx.Document()
    section = reference.sections[0]
    section.left_margin = section.right_margin = Cm(3.3)
    normal = reference.styles["Normal"]
    normal.font.name, normal.font.size = "Georgia", Pt(11)
    reference.styles["Heading 1"].font.color.rgb = RGBColor(0x1F, 0x6F, 0x8B)
    reference.add_paragraph("SAMPLE BODY TEXT that must not reach the export")
    reference.add_table(rows=1, cols=1).cell(0, 0).text = "SAMPLE TABLE"
    footer = section.footer.paragraphs[0]
    footer.text = "Funder form v3 "
    if footer_page_field:
        add_field(footer, "PAGE")
    for name in drop_styles:
        element = reference.styles[name].element
        element.getparent().remove(element)
    reference.save(path)


def test_export_uses_the_reference_styles_margins_and_footer_without_its_body(tmp_path):
    make_reference(tmp_path / f"{KEY}.reference.docx")
    doc = export(tmp_path, page=PageFormat(margins_cm=1.0, font="Arial"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "SAMPLE BODY" not in text and not any("SAMPLE TABLE" in c.text for t in doc.tables for c in t._cells)
    assert doc.styles["Normal"].font.name == "Georgia"  # the reference wins over the template's page
    assert doc.styles["Heading 1"].font.color.rgb == RGBColor(0x1F, 0x6F, 0x8B)
    assert abs(doc.sections[0].left_margin - Cm(3.3)) < Cm(0.01)
    footer = doc.sections[0].footer
    assert "Funder form v3" in footer.paragraphs[0].text
    assert has_field(footer._element, "PAGE")  # page numbers added to the reference's own footer


def test_a_reference_footer_that_numbers_pages_is_kept_as_it_is(tmp_path):
    make_reference(tmp_path / f"{KEY}.reference.docx", footer_page_field=True)
    footer = export(tmp_path).sections[0].footer._element
    assert len([t for t in footer.iter(qn("w:instrText")) if t.text.strip() == "PAGE"]) == 1
    assert not has_field(footer, "NUMPAGES")


def test_styles_missing_from_the_reference_are_supplied(tmp_path):
    make_reference(
        tmp_path / f"{KEY}.reference.docx", drop_styles=("List Bullet", "List Number", "Table Grid", "Title")
    )
    doc = export(tmp_path)
    styles = {p.text: p.style.name for p in doc.paragraphs}
    assert styles["a bullet"] == "List Bullet" and styles["a number"] == "List Number"
    assert "Title" in {style.name for style in doc.styles}  # a cover sheet or a whole application uses it
    assert doc.tables[0].style.name == "Table Grid"
    bullet = next(p for p in doc.paragraphs if p.text == "a bullet")
    assert bullet._p.pPr.numPr.numId.val >= 1


def test_no_reference_file_means_the_default_look(tmp_path):
    doc = export(tmp_path)
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert abs(doc.sections[0].left_margin - Cm(2.0)) < Cm(0.01)


def test_a_damaged_reference_is_reported_by_name(tmp_path):
    (tmp_path / f"{KEY}.reference.docx").write_bytes(b"not a zip at all")
    with pytest.raises(InvalidInput, match=f"{KEY}.reference.docx"):
        export(tmp_path)


@pytest.mark.parametrize("key", ["../secrets", "a/b", ".hidden", ""])
def test_template_keys_with_path_parts_never_find_a_reference(tmp_path, key):
    (tmp_path / "secrets.reference.docx").write_bytes(b"x")
    assert reference_docx(tmp_path / "templates", key) is None
