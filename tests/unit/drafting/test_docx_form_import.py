"""Reading funders' forms of different shapes into template drafts; refusing files that are not forms."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt

from research.domain.errors import InvalidInput
from research.domain.form_template import draft_template
from research.domain.template_spec import Limit, parse_template
from research.export.docx_form_reader import OLE_MAGIC, read_form
from tests.docx_support import docx_bytes

TODAY = date(2026, 3, 3)


def draft(document, name="form.docx"):
    return draft_template(read_form(docx_bytes(document), name), TODAY)


def sections(result):
    return {s["key"]: s for s in result.data["sections"]}


def valid(result):
    return parse_template({**result.data, "funder": "Royal Society Te Apārangi", "scheme": "Standard"})


def marsden_form():
    d = docx.Document()
    for section in d.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.0)
    d.styles["Normal"].font.name, d.styles["Normal"].font.size = "Times New Roman", Pt(12)
    d.add_paragraph("Marsden Fund Full Proposal 2026", style="Title")
    d.add_paragraph("Complete every section. A4, 12 pt, single spacing.")
    d.add_heading("1. Summary (max 200 words)", 1)
    d.add_paragraph("A summary for a general reader.")
    d.add_heading("2. Research", 1)
    d.add_paragraph("Sections 2.1 to 2.3 together: no more than 5 pages.")
    d.add_heading("2.1 Background", 2)
    d.add_paragraph("What is known.")
    d.add_heading("2.2 Overall aims", 2)
    d.add_paragraph("List each aim.")
    d.add_paragraph("Aims are numbered", style="List Bullet")
    d.add_heading("2.3 Proposed research", 2)
    d.add_heading("Section 3: Benefit and rationale for the research in New Zealand", 1)
    d.add_paragraph("Explain why this matters here. Up to 400 words.")
    d.add_heading("4. Vision Mātauranga (optional)", 1)
    d.add_paragraph("Maximum of 1.5 pages.")
    d.add_heading("5. References (4 pages)", 1)
    return d


def test_headings_become_sections_with_guidance_limits_and_clean_titles():
    result = draft(marsden_form(), "marsden-full.docx")
    found = sections(result)
    assert list(found) == [
        "summary",
        "background",
        "overall_aims",
        "proposed_research",
        "benefit_and_rationale_for_the",
        "vision_matauranga",
        "references",
    ]
    assert found["summary"]["title"] == "Summary" and found["summary"]["limit"] == {"unit": "words", "max": 200}
    assert found["summary"]["guidance"] == "A summary for a general reader."
    assert found["benefit_and_rationale_for_the"]["title"] == "Benefit and rationale for the research in New Zealand"
    assert found["benefit_and_rationale_for_the"]["limit"] == {"unit": "words", "max": 400}
    assert found["references"]["limit"] == {"unit": "pages", "max": 4}
    assert found["overall_aims"]["guidance"] == "List each aim.\n\n- Aims are numbered"
    assert found["vision_matauranga"]["required"] is False and "limit" not in found["vision_matauranga"]
    assert any("1.5 pages" in note for note in result.notes)


def test_a_heading_over_sub_headings_gives_a_shared_limit_not_a_section():
    result = draft(marsden_form())
    [shared] = result.data["shared_limits"]
    assert shared["sections"] == ["background", "overall_aims", "proposed_research"]
    assert shared["limit"] == {"unit": "pages", "max": 5}
    assert "limit" not in sections(result)["background"]  # the group's limit is not the first child's
    assert "research" not in sections(result)


def test_title_page_format_and_version_are_read_and_the_draft_validates():
    result = draft(marsden_form())
    assert result.data["name"] == "Marsden Fund Full Proposal 2026"
    assert result.data["key"] == "marsden-fund-full-proposal-2026"
    assert result.data["version"] == "2026-03-03" and result.data["sources"] == ["form.docx"]
    # The rules the text states; the file's own Normal style (Times New Roman, 2 cm) is not a rule.
    assert result.data["page"] == {"paper": "A4", "font_size_pt": 12.0, "line_spacing": 1.0}
    spec = valid(result)
    assert spec.section("summary").limit == Limit("words", 200)
    assert spec.shared_limits[0].limit == Limit("pages", 5)
    assert result.data["funder"] == "" and any("funder" in n for n in result.notes)


def test_numbered_bold_lines_in_a_form_without_heading_styles():
    d = docx.Document()
    d.add_paragraph("Seed fund application")
    for title, text in (
        ("1. Project title (no more than 200 characters)", "Short and plain."),
        ("2. Aims", "State your aims in up to 300 words."),
        ("Section 3: Team", "Who does what."),
    ):
        d.add_paragraph().add_run(title).bold = True
        d.add_paragraph(text)
    found = sections(draft(d, "seed.docx"))
    assert [s["title"] for s in found.values()] == ["Project title", "Aims", "Team"]
    assert found["project_title"]["limit"] == {"unit": "characters", "max": 200}
    assert found["aims"]["limit"] == {"unit": "words", "max": 300}
    assert found["team"]["guidance"] == "Who does what."


def question_table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    return table


def test_a_table_of_questions_with_a_header_and_limit_column():
    d = docx.Document()
    d.add_paragraph("NIH-style research plan")
    question_table(
        d,
        [
            ("Question", "Guidance", "Page limit"),
            ("Project Summary/Abstract", "Summarise for a lay reader.", "30 lines"),
            ("", "Avoid jargon.", ""),
            ("Specific Aims", "State the aims.", "1"),
            ("Research Strategy", "Significance, innovation, approach.", "12"),
            ("", "", ""),
        ],
    )
    found = sections(draft(d, "nih.docx"))
    assert [s["title"] for s in found.values()] == ["Project Summary/Abstract", "Specific Aims", "Research Strategy"]
    assert found["project_summary_abstract"]["limit"] == {"unit": "lines", "max": 30}
    assert found["project_summary_abstract"]["guidance"] == "Summarise for a lay reader.\n\nAvoid jargon."
    assert found["specific_aims"]["limit"] == {"unit": "pages", "max": 1}  # unit from the column header
    assert found["research_strategy"]["limit"] == {"unit": "pages", "max": 12}


def test_a_two_column_form_table_with_limits_in_the_questions_under_a_heading():
    d = docx.Document()
    d.add_heading("Part A: Your proposal", 1)
    question_table(
        d,
        [
            ("Describe the problem (max 250 words)", ""),
            ("Describe your approach\nInclude methods and risks. (up to 500 words)", ""),
            ("Budget summary (1 page)", ""),
        ],
    )
    result = draft(d)
    found = sections(result)
    assert [s["title"] for s in found.values()] == ["Describe the problem", "Describe your approach", "Budget summary"]
    assert found["describe_your_approach"]["guidance"] == "Include methods and risks. (up to 500 words)"
    assert found["describe_your_approach"]["limit"] == {"unit": "words", "max": 500}
    assert found["budget_summary"]["limit"] == {"unit": "pages", "max": 1}
    valid(result)


def test_a_table_that_is_not_questions_stays_guidance():
    d = docx.Document()
    d.add_heading("Budget", 1)
    d.add_paragraph("Use the table below.")
    question_table(d, [("Year", "Amount"), ("2026", "$120,000"), ("2027", "$120,000")])
    [budget] = draft(d).data["sections"]
    assert budget["title"] == "Budget"
    assert budget["guidance"] == "Use the table below.\n\nYear | Amount\n\n2026 | $120,000\n\n2027 | $120,000"


def test_paragraphs_inside_content_controls_are_read():
    d = docx.Document()
    d.add_heading("Summary", 1)
    body = d.element.body
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
        "<w:r><w:t>Impact (max 300 words)</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    body.insert(len(body) - 1, sdt)
    found = sections(draft(d))
    assert found["impact"]["limit"] == {"unit": "words", "max": 300}


def test_duplicate_titles_get_distinct_keys():
    d = docx.Document()
    for _ in range(3):
        d.add_heading("Aims", 1)
    assert list(sections(draft(d))) == ["aims", "aims_2", "aims_3"]


def test_a_form_with_no_headings_and_no_questions_is_refused_by_name():
    d = docx.Document()
    d.add_paragraph("Thank you for your interest in our fund.")
    d.add_paragraph("Please write to us.")
    with pytest.raises(
        InvalidInput, match="letter.docx: has no headings, no bold or numbered questions and no table of questions"
    ):
        draft(d, "letter.docx")


def encrypted_container() -> bytes:
    return OLE_MAGIC + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 256


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"%PDF-1.7 a pdf", "form.pdf", "form.pdf: is not a Word .docx file"),
        (b"", "form.docx", "form.docx: is empty"),
        (b"PK\x03\x04 truncated zip", "form.docx", "form.docx: is damaged or not a real .docx"),
        (encrypted_container(), "form.docx", "form.docx: is password-protected"),
        (OLE_MAGIC + b"\x00" * 1024, "form.doc", "form.doc: is an old Word 97-2003 .doc file"),
    ],
)
def test_bad_files_get_a_clear_message(data, name, message):
    with pytest.raises(InvalidInput) as caught:
        read_form(data, name)
    assert str(caught.value).startswith(message)


def test_a_zip_that_is_not_a_word_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("hello.txt", "not word")
    with pytest.raises(InvalidInput, match="form.docx: is damaged and could not be read"):
        read_form(out.getvalue(), "form.docx")
