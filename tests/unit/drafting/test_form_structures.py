"""Funders' forms of each structure: questions, limits, shared limits and page rules land where they belong."""

from __future__ import annotations

from datetime import date

import docx
import pytest

from research.domain.form_template import draft_template
from research.domain.template_spec import Limit, parse_template
from research.export.docx_form_reader import read_form
from tests import form_fixtures
from tests.docx_support import docx_bytes

TODAY = date(2026, 3, 3)


def draft(data: bytes, name: str = "form.docx", taken=()):
    return draft_template(read_form(data, name), TODAY, taken)


def limits(result) -> dict[str, tuple[str, int] | None]:
    return {
        s["title"]: ((s["limit"]["unit"], s["limit"]["max"]) if "limit" in s else None) for s in result.data["sections"]
    }


def spec(result):
    return parse_template({**result.data, "funder": "A research council", "scheme": "Standard"})


def test_uk_case_for_support_gives_six_questions_eight_limits_and_its_font_rule():
    result = draft(form_fixtures.uk_case_for_support(), "case-for-support.docx")
    assert limits(result) == {
        "Project title": ("characters", 150),
        "Summary": ("pages", 1),  # "One A4 page maximum"
        "Vision": ("pages", 2),  # "[2 sides]"
        "Approach": ("pages", 2),
        "Applicant capability": ("pages", 1),  # "[Maximum 1 A4 page]"
        "Impact": ("pages", 2),  # "Up to 2 sides of A4"
    }
    shared = {tuple(g["sections"]): (g["limit"]["unit"], g["limit"]["max"]) for g in result.data["shared_limits"]}
    assert shared == {("vision", "approach"): ("pages", 3), ("applicant_capability", "impact"): ("pages", 2)}
    assert result.data["page"] == {"paper": "A4", "margins_cm": 2.0, "font": "Arial", "font_size_pt": 11.0}
    page = spec(result).page
    assert (page.font, page.font_size_pt, page.margins_cm) == ("Arial", 11.0, 2.0)
    assert not page.is_stated("line_spacing") and page.headers_footers is None
    assert result.unplaced == ()


def test_each_question_says_where_it_came_from():
    result = draft(form_fixtures.uk_case_for_support())
    first, *_, last = result.questions
    assert first.where == "paragraph 4, style List Number, number 1, bold" and first.phrase == "150 characters"
    assert last.where.startswith("paragraph 15, style List Number, number 6") and last.phrase == "Up to 2 sides of A4"
    assert [s.where for s in result.shared] == ["paragraph 11, style Normal", "paragraph 16, style Normal"]
    assert {r.rule: r.where for r in result.rules}["font"] == "paragraph 2, style Normal"


def test_the_forms_own_style_is_not_taken_for_a_rule():
    result = draft(form_fixtures.no_rules_form())
    assert "page" not in result.data  # typed in Times New Roman 12 with 2.5 cm margins: that is no rule
    page = spec(result).page
    assert page.stated == ()
    assert any("not stated" in note for note in result.notes)


def test_phrases_that_could_not_be_placed_are_listed_not_dropped():
    result = draft(form_fixtures.no_rules_form())
    [item] = result.unplaced
    assert item.where == "paragraph 3, style Normal"
    assert "'3 pages'" in item.reason and "page rule that could not be read" in item.reason


def test_nih_project_summary_is_not_lost_to_its_sub_headings():
    result = draft(form_fixtures.nih_like(), "nih-a.docx")
    assert limits(result) == {
        "Project Summary/Abstract": ("lines", 30),
        "Specific Aims": ("pages", 1),
        "Research Strategy": ("pages", 12),
        "Biographical Sketch": ("pages", 5),
    }
    summary = result.data["sections"][0]["guidance"]
    assert "Objectives" in summary and "Describe the design and methods." in summary
    assert "Significance" in result.data["sections"][2]["guidance"]


def test_a_file_of_only_the_summary_keeps_it_as_a_question_not_the_template_name():
    result = draft(form_fixtures.nih_summary_only(), "nih-summary.docx")
    assert limits(result) == {"Project Summary/Abstract": ("lines", 30)}
    assert result.data["name"] == "nih-summary"


def test_two_different_files_never_get_the_same_key():
    first = draft(form_fixtures.nih_like(), "nih-a.docx")
    second = draft(form_fixtures.nih_like(), "nih-b.docx", taken={first.data["key"], "nih-r01"})
    assert first.data["key"] == "research-plan" and second.data["key"] == "research-plan-2"
    third = draft(form_fixtures.nih_like(), "nih-c.docx", taken={"research-plan", "research-plan-2"})
    assert third.data["key"] == "research-plan-3"


def test_a_table_of_questions_with_answer_boxes_and_rules_below():
    result = draft(form_fixtures.question_and_answer_table())
    assert limits(result) == {
        "Project title": ("characters", 200),
        "Lay summary": ("words", 200),
        "Budget justification": ("pages", 1),
    }
    assert [q.where for q in result.questions] == ["table 1, row 1", "table 1, row 2", "table 1, row 3"]
    assert result.data["page"] == {"line_spacing": 1.0, "headers_footers": False}
    assert spec(result).page.headers_footers is False


def test_questions_in_content_controls():
    result = draft(form_fixtures.content_controls())
    assert limits(result) == {"Aims": ("words", 300), "Team": ("words", 150)}
    assert result.questions[0].where.endswith("in content control “Aims”")
    assert result.data["name"] == "Expression of interest"


def test_numbered_list_questions_that_are_not_bold_but_carry_a_limit():
    d = docx.Document()
    d.add_heading("Application", 1)
    d.add_paragraph("Aims [300 words]", style="List Number")
    d.add_paragraph("What you will do.")
    d.add_paragraph("Budget (1 page)", style="List Number")
    d.add_paragraph("a point of guidance", style="List Bullet")
    found = limits(draft(docx_bytes(d)))
    assert found == {"Aims": ("words", 300), "Budget": ("pages", 1)}


def test_bold_emphasis_in_guidance_under_styled_headings_stays_guidance():
    d = docx.Document()
    d.add_heading("Summary (max 200 words)", 1)
    d.add_paragraph().add_run("Important: write for a general reader").bold = True
    [summary] = draft(docx_bytes(d)).data["sections"]
    assert summary["guidance"] == "Important: write for a general reader"


def test_a_shared_limit_naming_questions_by_typed_numbers():
    d = docx.Document()
    for title in ("1. Background", "2. Aims", "3. Methods"):
        d.add_heading(title, 1)
    d.add_paragraph("Sections 2 and 3 together: 4 pages.")
    result = draft(docx_bytes(d))
    [shared] = result.data["shared_limits"]
    assert shared["sections"] == ["aims", "methods"] and shared["limit"] == {"unit": "pages", "max": 4}
    assert "limit" not in result.data["sections"][2]  # the shared phrase is not Methods' own limit
    assert spec(result).shared_limits[0].limit == Limit("pages", 4)


def test_a_shared_limit_naming_questions_that_do_not_exist_is_listed():
    d = docx.Document()
    d.add_heading("1. Background", 1)
    d.add_heading("2. Aims", 1)
    d.add_paragraph("Sections 7 and 8 together: 4 pages.")
    result = draft(docx_bytes(d))
    assert "shared_limits" not in result.data
    [item] = result.unplaced
    assert "'4 pages'" in item.reason


@pytest.mark.parametrize(
    "rule_text, expected",
    [
        ("Arial 11 point minimum, margins at least 2 cm", {"font": "Arial", "font_size_pt": 11.0, "margins_cm": 2.0}),
        ("Use single spacing on A4 paper.", {"paper": "A4", "line_spacing": 1.0}),
        ("No headers or footers.", {"headers_footers": False}),
        ("Margins of at least 0.5 inch; font size of at least 11 points.", {"margins_cm": 1.27, "font_size_pt": 11.0}),
        (
            "Double spaced, Times New Roman 12 pt.",
            {"font": "Times New Roman", "font_size_pt": 12.0, "line_spacing": 2.0},
        ),
    ],
)
def test_page_rules_stated_in_the_text(rule_text, expected):
    d = docx.Document()
    d.add_paragraph(rule_text)
    d.add_heading("Summary", 1)
    assert draft(docx_bytes(d)).data["page"] == expected


def test_a_shared_limit_naming_questions_by_title():
    d = docx.Document()
    d.add_paragraph("A4, 2 cm margins, 12 pt, single spacing.")
    for title in ("Summary (200 words)", "Background", "Overall aims", "Proposed research", "References (4 pages)"):
        d.add_heading(title, 1)
    d.add_paragraph("Background + Overall aims + Proposed research together 5 pages.")
    result = draft(docx_bytes(d), "marsden-like.docx")
    [shared] = result.data["shared_limits"]
    assert shared["sections"] == ["background", "overall_aims", "proposed_research"]
    assert shared["limit"] == {"unit": "pages", "max": 5}
    assert limits(result)["Summary"] == ("words", 200) and limits(result)["References"] == ("pages", 4)
    assert result.data["page"] == {"paper": "A4", "margins_cm": 2.0, "font_size_pt": 12.0, "line_spacing": 1.0}
    assert result.unplaced == ()


def test_a_bold_line_that_is_only_a_limit_is_the_limit_of_the_question_above():
    d = docx.Document()
    for title, limit in (("Summary", "[1 side]"), ("Methods", "Maximum 3 pages")):
        d.add_heading(title, 1)
        d.add_paragraph().add_run(limit).bold = True
        d.add_paragraph("Guidance text.")
    assert limits(draft(docx_bytes(d))) == {"Summary": ("pages", 1), "Methods": ("pages", 3)}


def test_table_rows_and_cell_text_inside_content_controls_are_read():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    d.add_heading("Proposal", 1)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 0).text = "Aims (max 300 words)", "Team (max 150 words)"
    row = table._tbl.tr_lst[1]
    wrapper = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtContent/></w:sdt>")
    row.addprevious(wrapper)
    wrapper[0].append(row)  # the second row sits in a content control
    cell = table._tbl.tr_lst[0].tc_lst[0]
    paragraph = cell.p_lst[0]
    control = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtContent/></w:sdt>")
    paragraph.addprevious(control)
    control[0].append(paragraph)  # the first question's text sits in a content control
    cell.append(parse_xml(f"<w:p {nsdecls('w')}/>"))  # a cell must end with a paragraph
    assert limits(draft(docx_bytes(d))) == {"Aims": ("words", 300), "Team": ("words", 150)}
