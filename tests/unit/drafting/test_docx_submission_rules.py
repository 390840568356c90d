"""The exported .docx is what a researcher uploads, read back with python-docx.

The funder's numbered headings, the stated page rules, no workspace metadata, no placeholder;
empty or over-limit sections block the export or, when the user insists, go to a checklist file.
The page rules below are the UK research councils' published "Arial 11 point minimum, margins
at least 2 cm" (shared/reference/funding-facts.md); the limits are made up for the tests.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from research.domain.errors import InvalidInput
from research.domain.export_document import (
    ExportBlocked,
    ExportDocument,
    ExportOptions,
    ExportSection,
    submission_problems,
)
from research.domain.page_counts import PageCounts
from research.domain.template_spec import Limit, PageFormat, SharedLimit
from research.export.docx_application import application_docx, build_docx
from research.export.docx_base import Reference
from research.export.docx_fields import has_field
from research.export.submission import submission_files
from tests.docx_support import docx_bytes, reopen

UKRI_PAGE = PageFormat(
    paper="A4", margins_cm=2.0, font="Arial", font_size_pt=11, stated=("paper", "margins_cm", "font", "font_size_pt")
)
WORDS = "Rivers remember the floods their communities lived through."


def make(sections, page=UKRI_PAGE, shared=()) -> ExportDocument:
    return ExportDocument(
        title="Ngā wai o te awa",
        funder="Economic and Social Research Council",
        scheme="Research Grants",
        round_name="Open call 2026",
        team=("Dr Hana Kim (lead)", "Dr Wiremu Tane"),
        dated=date(2026, 3, 3),
        text_source="Current text",
        template_key="none",
        page=page,
        sections=tuple(sections),
        shared_limits=tuple(shared),
    )


FULL = [
    ExportSection("vision", "Vision", WORDS, Limit("pages", 2), 1),
    ExportSection("approach", "Approach", WORDS + "\n\n- a step\n- another", Limit("words", 500), 2),
    ExportSection("people", "2. Applicants and team capability", WORDS, None, 3),
    ExportSection("ethics", "Ethics", "", None, 4, required=False),
]


def built(sections=FULL, options=ExportOptions(), reference=None, page=UKRI_PAGE):
    return reopen(build_docx(make(sections, page), options, reference).data)


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def test_headings_carry_the_template_numbering_unless_the_title_has_its_own():
    doc = built()
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["1. Vision", "2. Approach", "2. Applicants and team capability", "4. Ethics"]
    unnumbered = built(options=ExportOptions(numbered=False))
    assert [p.text for p in unnumbered.paragraphs if p.style.name == "Heading 1"][0] == "Vision"


def test_the_stated_page_rules_are_the_documents_font_size_margins_and_paper():
    doc = built()
    normal = doc.styles["Normal"]
    assert normal.font.name == "Arial" and normal.font.size == Pt(11)
    assert doc.styles["Heading 1"].font.name == "Arial"
    section = doc.sections[0]
    for margin in (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin):
        assert abs(margin - Cm(2)) < Cm(0.01)
    assert abs(section.page_width - Cm(21)) < Cm(0.01) and abs(section.page_height - Cm(29.7)) < Cm(0.01)


def test_no_workspace_metadata_and_no_placeholder_in_the_document():
    words = " ".join(texts(built()))
    for internal in ("Funder:", "Team:", "Round:", "Text:", "Current text", "Dr Wiremu Tane", "(no text yet)"):
        assert internal not in words
    paragraphs = texts(built())
    assert paragraphs[-1] == "4. Ethics"  # the optional empty section is its heading, nothing under it


def test_a_cover_sheet_only_when_asked_for():
    doc = built(options=ExportOptions(cover_sheet=True))
    assert "Team: Dr Hana Kim (lead), Dr Wiremu Tane" in texts(doc) and "Text: Current text" in texts(doc)


def test_headers_and_footers_only_where_the_funder_allows_them():
    allowed = built()
    assert has_field(allowed.sections[0].footer._element, "PAGE")
    forbidden_page = PageFormat(font="Arial", font_size_pt=11, headers_footers=False, stated=("headers_footers",))
    forbidden = built(page=forbidden_page)
    assert forbidden.sections[0].footer.is_linked_to_previous  # no footer part of its own, so none at all
    assert forbidden.sections[0].header.is_linked_to_previous
    assert not has_field(forbidden.element.body, "PAGE")


def reference_with(tmp_path, *, break_before=True, size=Pt(11), footer="Institution header") -> Reference:
    reference = docx.Document()
    heading = reference.styles["Heading 1"]
    heading.paragraph_format.page_break_before = break_before
    reference.styles["Normal"].font.size = size
    reference.styles["Normal"].font.name = "Calibri"
    reference.sections[0].header.paragraphs[0].text = footer
    reference.add_paragraph("Reference body that must not come through")
    return Reference("institution.docx", docx_bytes(reference))


def test_a_reference_whose_headings_break_pages_does_not_multiply_pages(tmp_path):
    doc = built(reference=reference_with(tmp_path))
    assert not doc.styles["Heading 1"].paragraph_format.page_break_before
    assert not any(p.paragraph_format.page_break_before for p in doc.paragraphs)
    assert "Reference body that must not come through" not in texts(doc)
    asked = built(reference=reference_with(tmp_path), options=ExportOptions(section_breaks=True))
    breaks = [p.paragraph_format.page_break_before for p in asked.paragraphs if p.style.name == "Heading 1"]
    assert breaks == [False, True, True, True]  # a new page per section only when asked


def test_the_reference_styles_win_but_a_stated_rule_it_breaks_is_warned_about(tmp_path):
    result = build_docx(make(FULL), ExportOptions(), reference_with(tmp_path, size=Pt(10)))
    doc = reopen(result.data)
    assert doc.styles["Normal"].font.name == "Calibri" and doc.styles["Normal"].font.size == Pt(10)
    assert "body text is 10 pt; the funder asks for at least 11 pt" in " ".join(result.warnings)
    assert "body font is Calibri; the funder asks for Arial" in " ".join(result.warnings)
    assert doc.sections[0].header.paragraphs[0].text == "Institution header"


def test_an_explicit_reference_wins_over_the_templates_own(tmp_path):
    own = docx.Document()
    own.styles["Normal"].font.name = "Georgia"
    (tmp_path / "none.reference.docx").write_bytes(docx_bytes(own))
    by_convention = reopen(application_docx(make(FULL), tmp_path))
    assert by_convention.styles["Normal"].font.name == "Georgia"
    chosen = reopen(application_docx(make(FULL), tmp_path, reference=reference_with(tmp_path)))
    assert chosen.styles["Normal"].font.name == "Calibri"


def test_a_reference_that_is_not_a_docx_is_refused_by_name():
    with pytest.raises(InvalidInput, match=r"notes.docx: is damaged or not a real .docx"):
        build_docx(make(FULL), ExportOptions(), Reference("notes.docx", b"plain text"))


def test_problems_name_each_empty_required_and_over_limit_section_and_shared_limit():
    sections = [
        ExportSection("summary", "Summary", "", Limit("words", 10), 1),
        ExportSection("aims", "Aims", "word " * 12, Limit("words", 10), 2),
        ExportSection("case", "Case", "x" * 30, Limit("characters", 20), 3),
        ExportSection("a", "Part A", "one two three", None, 4),
        ExportSection("b", "Part B", "four five six", None, 5),
        ExportSection("opt", "Optional", "", None, 6, required=False),
    ]
    shared = [SharedLimit("ab", "Parts A and B", ("a", "b"), Limit("words", 5))]
    assert submission_problems(make(sections, shared=shared)) == (
        "“Summary” has no text yet.",
        "“Aims” is over its limit: 12 of 10 words.",
        "“Case” is over its limit: 30 of 20 characters.",
        "Parts A and B (together): 6 of 5 words is over the shared limit.",
    )


def test_a_measured_page_count_decides_over_the_estimate():
    sections = [ExportSection("case", "Case for support", "Short text.", Limit("pages", 2), 1)]
    measured = PageCounts({"case": 2.3})
    assert submission_problems(make(sections), measured) == (
        "“Case for support” is over its limit: 2.3 of 2 pages (measured).",
    )
    assert submission_problems(make(sections), PageCounts({}, measured=False, note="no LibreOffice")) == ()


def test_an_export_with_problems_is_blocked_with_the_list(monkeypatch):
    sections = [ExportSection("summary", "Summary", "", Limit("words", 10), 1)]
    with pytest.raises(ExportBlocked) as blocked:
        submission_files(make(sections), ExportOptions(), None)
    assert blocked.value.reasons == ("“Summary” has no text yet.",)


def test_exported_anyway_the_problems_go_to_a_checklist_beside_the_document_never_inside():
    sections = [
        ExportSection("summary", "Summary", "", Limit("words", 10), 1),
        ExportSection("aims", "Aims", "word " * 12, Limit("words", 10), 2),
    ]
    files = submission_files(make(sections), ExportOptions(anyway=True), None)
    assert files.checklist_name == "nga-wai-o-te-awa-checklist.txt"
    assert "[ ] “Summary” has no text yet." in files.checklist
    assert "[ ] “Aims” is over its limit: 12 of 10 words." in files.checklist
    inside = " ".join(texts(reopen(files.docx)))
    assert "no text yet" not in inside and "over its limit" not in inside
    with zipfile.ZipFile(io.BytesIO(files.zipped())) as archive:
        assert sorted(archive.namelist()) == ["nga-wai-o-te-awa-checklist.txt", "nga-wai-o-te-awa.docx"]


def test_a_complete_export_has_no_checklist():
    sections = [ExportSection("summary", "Summary", "Done.", Limit("words", 10), 1)]
    files = submission_files(make(sections), ExportOptions(), None)
    assert files.checklist is None and files.problems == ()
    assert "1. Summary" in texts(reopen(files.docx))


def test_heading_styles_keep_no_page_break_before():
    doc = built()
    for name in ("Title", "Heading 1", "Heading 2"):
        ppr = doc.styles[name].element.pPr
        assert ppr is None or ppr.find(qn("w:pageBreakBefore")) is None
