"""Export an application to .docx, open the bytes again with python-docx, and check the structure."""

from __future__ import annotations

from datetime import date

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm

from research.domain.export_document import ExportDocument, ExportOptions, ExportSection
from research.domain.template_spec import Limit, PageFormat
from research.export.docx_application import application_docx
from research.export.docx_fields import has_field
from tests.docx_support import reopen

RICH = """Intro with **bold words**, *italic words*, ***both at once*** and ~~struck~~ text.
A [funder link](https://example.org/guide?a=1&b=2) and `inline code`.

# Top heading

## Sub heading

- first bullet
- second bullet with **bold**
  - nested bullet
    - third level
      - fourth level

1. number one
2. number two
   1. nested number

Between the lists.

3. starts at three
4. then four

| Item | Cost (NZD) |
|:-----|-----------:|
| Travel | 1,000 |
| **Total** | 2,000 |

> A quoted passage.

```
code line 1
code line 2
```

<b>raw html stays text</b>
"""


def make(sections, page=PageFormat(), title="Ngā wai o te awa: river memory", team=("Dr Hana Kim (lead)",)):
    return ExportDocument(
        title=title,
        funder="Ministry of Business, Innovation and Employment",
        scheme="Smart Ideas",
        round_name="Endeavour Fund 2026",
        team=team,
        dated=date(2026, 3, 3),
        text_source="Current text",
        template_key="none",
        page=page,
        sections=tuple(sections),
    )


@pytest.fixture(scope="module")
def rich_doc():
    document = make(
        [
            ExportSection("aims", "Aims", RICH, Limit("words", 500), number=1),
            ExportSection("team", "Team", "Short.", None, number=2),
        ]
    )
    return reopen(application_docx(document, None, include_counts=False))


def paragraphs_with_style(doc, style):
    return [p for p in doc.paragraphs if p.style.name == style]


def num_pr(paragraph):
    pr = paragraph._p.pPr.numPr
    return pr.numId.val, pr.ilvl.val


def test_the_document_has_the_title_but_no_workspace_metadata(rich_doc):
    assert paragraphs_with_style(rich_doc, "Title")[0].text == "Ngā wai o te awa: river memory"
    text = "\n".join(p.text for p in rich_doc.paragraphs)
    for label in ("Funder:", "Scheme:", "Round:", "Team:", "Date:", "Text:", "Current text"):
        assert label not in text


def test_a_cover_sheet_when_asked_names_funder_scheme_round_team_and_date_on_its_own_page():
    document = make([ExportSection("aims", "Aims", "Short.", None, 1)])
    doc = reopen(application_docx(document, options=ExportOptions(cover_sheet=True)))
    text = "\n".join(p.text for p in doc.paragraphs[:8])
    assert any('w:br w:type="page"' in p._p.xml for p in doc.paragraphs[:9])
    for line in (
        "Funder: Ministry of Business, Innovation and Employment",
        "Scheme: Smart Ideas",
        "Round: Endeavour Fund 2026",
        "Team: Dr Hana Kim (lead)",
        "Date: 3 March 2026",
        "Text: Current text",
    ):
        assert line in text


def test_sections_are_heading_1_in_order_and_markdown_headings_sit_below(rich_doc):
    assert [p.text for p in paragraphs_with_style(rich_doc, "Heading 1")] == ["1. Aims", "2. Team"]
    assert [p.text for p in paragraphs_with_style(rich_doc, "Heading 2")] == ["Top heading"]
    assert [p.text for p in paragraphs_with_style(rich_doc, "Heading 3")] == ["Sub heading"]


def test_bold_italic_and_strike_are_runs_not_asterisks(rich_doc):
    intro = next(p for p in rich_doc.paragraphs if p.text.startswith("Intro"))
    runs = {r.text: r for r in intro.runs}
    assert runs["bold words"].bold and not runs["bold words"].italic
    assert runs["italic words"].italic and not runs["italic words"].bold
    assert runs["both at once"].bold and runs["both at once"].italic
    assert runs["struck"].font.strike
    assert "*" not in intro.text and "~" not in intro.text


def test_links_are_real_hyperlinks(rich_doc):
    paragraph = next(p for p in rich_doc.paragraphs if "funder link" in p.text)
    [link] = paragraph.hyperlinks
    assert link.text == "funder link"
    assert link.url == "https://example.org/guide?a=1&b=2"
    assert link.runs[0].style.name == "Hyperlink"
    code = next(r for r in paragraph.runs if r.text == "inline code")
    assert code.font.name == "Courier New"


def test_bullets_are_list_bullet_paragraphs_with_nested_levels(rich_doc):
    styles = {p.text: p.style.name for p in rich_doc.paragraphs}
    assert styles["first bullet"] == "List Bullet"
    assert styles["second bullet with bold"] == "List Bullet"
    assert styles["nested bullet"] == "List Bullet 2"
    assert styles["third level"] == "List Bullet 3"
    assert styles["fourth level"] == "List Bullet 3"  # Word has three levels of list styles; deeper indents more
    fourth = next(p for p in rich_doc.paragraphs if p.text == "fourth level")
    third = next(p for p in rich_doc.paragraphs if p.text == "third level")
    assert fourth.paragraph_format.left_indent > (third.paragraph_format.left_indent or 0)
    first, second = (
        next(p for p in rich_doc.paragraphs if p.text == t) for t in ("first bullet", "second bullet with bold")
    )
    assert num_pr(first) == num_pr(second)


def test_numbered_lists_restart_and_keep_their_start(rich_doc):
    by_text = {p.text: p for p in rich_doc.paragraphs}
    assert by_text["number one"].style.name == "List Number"
    assert by_text["nested number"].style.name == "List Number 2"
    first_list, second_list = num_pr(by_text["number one"])[0], num_pr(by_text["starts at three"])[0]
    assert num_pr(by_text["number two"])[0] == first_list
    assert first_list != second_list  # a new list does not continue the old numbering
    numbering = rich_doc.part.numbering_part.element

    def start(num_id):
        return int(
            numbering.num_having_numId(num_id).find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}").get(qn("w:val"))
        )

    assert start(first_list) == 1 and start(second_list) == 3


def test_tables_are_word_tables_with_a_bold_repeating_header(rich_doc):
    [table] = rich_doc.tables
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells == [["Item", "Cost (NZD)"], ["Travel", "1,000"], ["Total", "2,000"]]
    header = table.rows[0]
    assert all(r.bold for c in header.cells for r in c.paragraphs[0].runs)
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[2].cells[0].paragraphs[0].runs[0].bold
    assert table.style.name == "Table Grid"


def test_quote_code_and_raw_html(rich_doc):
    styles = {p.text: p.style.name for p in rich_doc.paragraphs}
    assert styles["A quoted passage."] == "Quote"
    code = next(p for p in rich_doc.paragraphs if p.text.startswith("code line 1"))
    assert code.text == "code line 1\ncode line 2" and code.runs[0].font.name == "Courier New"
    assert "<b>raw html stays text</b>" in styles


def test_footer_numbers_pages_with_page_and_numpages_fields(rich_doc):
    footer = rich_doc.sections[0].footer
    assert not footer.is_linked_to_previous
    assert has_field(footer._element, "PAGE") and has_field(footer._element, "NUMPAGES")
    assert footer.paragraphs[-1].text.startswith("Page ")


def test_page_format_comes_from_the_template():
    page = PageFormat(paper="Letter", margins_cm=2.5, font="Georgia", font_size_pt=11, line_spacing=1.5)
    doc = reopen(application_docx(make([ExportSection("a", "A", "Text.")], page=page)))
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21.59)) < Cm(0.01) and abs(section.page_height - Cm(27.94)) < Cm(0.01)
    assert abs(section.left_margin - Cm(2.5)) < Cm(0.01) and abs(section.top_margin - Cm(2.5)) < Cm(0.01)
    normal = doc.styles["Normal"]
    assert normal.font.name == "Georgia" and normal.font.size.pt == 11
    assert normal.paragraph_format.line_spacing == 1.5
    assert doc.styles["Heading 1"].font.name == "Georgia"


def test_word_counts_against_limits_when_asked():
    sections = [
        ExportSection("s", "Summary", "one two three four five", Limit("words", 200)),
        ExportSection("t", "Title", "x" * 30, Limit("characters", 20)),
        ExportSection("m", "Methods", "Some words here.", None),
    ]
    doc = reopen(application_docx(make(sections), include_counts=True))
    text = [p.text for p in doc.paragraphs]
    assert "Length: 5 of 200 words" in text
    assert "Length: 30 of 20 characters — over the limit by 10" in text
    assert "Length: 3 words (no limit)" in text
    plain = reopen(application_docx(make(sections), include_counts=False))
    assert not any(p.text.startswith("Length:") for p in plain.paragraphs)


def test_text_word_cannot_hold_is_cleaned_without_loss():
    long_word = "Pneumono" * 1500
    body = (
        "Control\x00char\x01acters\x0b go; tabs\tstay. Emoji 🚀🌏, macrons ā ē ī ō ū Ā, "
        f"and a long word {long_word} end. \ufffe\uffff"
    )
    sections = [
        ExportSection("a", "Te reo Māori 🌿", body),
        ExportSection("b", "Empty", ""),
        ExportSection("c", "Blank", "   \n\n  "),
    ]
    doc = reopen(application_docx(make(sections, title="Kaitiakitanga\x07 🌊")))
    paragraphs = [p.text for p in doc.paragraphs]
    body_text = next(t for t in paragraphs if t.startswith("Control"))
    assert body_text.startswith("Controlcharacters go; tabs\tstay. Emoji 🚀🌏, macrons ā ē ī ō ū Ā")
    assert long_word in body_text
    assert "Te reo Māori 🌿" in paragraphs and "Kaitiakitanga 🌊" in paragraphs
    assert paragraphs[paragraphs.index("Empty") + 1] == "Blank"  # an empty section is its heading only
    assert paragraphs[-1] == "Blank" and "(no text yet)" not in paragraphs


def test_document_properties_name_the_lead_not_the_library():
    doc = reopen(application_docx(make([ExportSection("a", "A", "x")], team=("Dr Hana Kim (lead)", "Tane"))))
    props = doc.core_properties
    assert props.title == "Ngā wai o te awa: river memory"
    assert props.author == "Dr Hana Kim" and props.last_modified_by == "Dr Hana Kim"
    assert "python-docx" not in (props.comments or "")


def test_file_name_is_a_safe_slug_of_the_title():
    assert make([]).file_name == "nga-wai-o-te-awa-river-memory.docx"
    assert make([], title="???").file_name == "application.docx"
