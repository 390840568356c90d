"""Reading a Word draft as editor Markdown: structure, formatting, Track Changes, refusals."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from research.domain.draft_document import BlockKind
from research.domain.draft_matching import TemplateSlot, match_draft, same_text
from research.domain.errors import InvalidInput
from research.domain.export_document import ExportDocument, ExportSection
from research.domain.template_spec import PageFormat
from research.export.docx_application import application_docx
from research.export.docx_draft_reader import read_draft
from tests.docx_support import TEMPLATE
from tests.draft_docx_support import delete_paragraph_mark, filled_application, save, set_tracked


def _kinds(data: bytes) -> list[tuple[str, str]]:
    return [(b.kind.value, b.markdown) for b in read_draft(data, "draft.docx").blocks]


def test_headings_lists_tables_bold_and_italic_come_through_as_markdown():
    blocks = _kinds(filled_application())
    assert ("heading", "1. Summary") in blocks
    assert ("paragraph", "We trace how **river communities** remember floods, and *why* it matters.") in blocks
    assert ("list_item", "- Local knowledge guides recovery.") in blocks
    assert ("list_item", "1. Record oral histories.") in blocks and (
        "list_item",
        "2. Map remembered flood lines.",
    ) in blocks
    assert ("table", "| Year | Work |\n| --- | --- |\n| 2027 | Interviews |\n| 2028 | Mapping |") in blocks
    assert ("paragraph", "**Background**") in blocks


def test_a_short_all_bold_paragraph_may_start_a_section_and_a_heading_keeps_its_level():
    blocks = read_draft(filled_application(), "draft.docx").blocks
    background = next(b for b in blocks if b.text == "Background")
    assert background.bold_line and background.may_start_section
    methods = next(b for b in blocks if b.text == "Methods")
    assert methods.kind is BlockKind.HEADING and methods.level == 2
    title = next(b for b in blocks if b.text == "Rivers and memory")
    assert title.level == 0


def test_bold_numbered_list_questions_start_sections_and_keep_words_numbers():
    d = docx.Document()
    for question, answer in [("Summary", "Our summary."), ("Overall aims", "Our aims."), ("Timetable", "Two years.")]:
        d.add_paragraph(style="List Number").add_run(question).bold = True
        d.add_paragraph(answer)
    draft = read_draft(save(d), "questions.docx")
    assert [b.markdown for b in draft.blocks if b.bold_line] == [
        "1. **Summary**",
        "2. **Overall aims**",
        "3. **Timetable**",
    ]
    slots = [
        TemplateSlot("summary", "Summary", 1),
        TemplateSlot("aims", "Overall aims", 2),
        TemplateSlot("t", "Timetable", 3),
    ]
    matching = match_draft(draft, slots)
    assert [(p.key, p.markdown) for p in matching.placed] == [
        ("summary", "Our summary."),
        ("aims", "Our aims."),
        ("t", "Two years."),
    ]


def test_text_that_looks_like_markdown_is_escaped_so_it_reads_the_same():
    d = docx.Document()
    d.add_paragraph("1. Not a list, just a number")
    d.add_paragraph("5 * 3 = 15 and snake_case stays; _emphasis_ does not")
    blocks = [b.markdown for b in read_draft(save(d), "x.docx").blocks]
    assert blocks[0] == "1\\. Not a list, just a number"
    assert same_text(blocks[1], "5 \\* 3 = 15 and snake_case stays; \\_emphasis\\_ does not")


def test_tracked_insertions_are_taken_and_deletions_dropped():
    d = docx.Document()
    paragraph = d.add_paragraph("placeholder")
    set_tracked(paragraph, [("keep", "We will survey "), ("del", "two"), ("ins", "three"), ("keep", " towns.")])
    draft = read_draft(save(d), "tracked.docx")
    assert [b.markdown for b in draft.blocks] == ["We will survey three towns."]
    assert (draft.insertions, draft.deletions) == (1, 1)


def test_a_deleted_paragraph_mark_joins_the_paragraph_to_the_next():
    d = docx.Document()
    first = d.add_paragraph("The first half")
    d.add_paragraph(" and the second half.")
    delete_paragraph_mark(first)
    assert [b.markdown for b in read_draft(save(d), "joined.docx").blocks] == ["The first half and the second half."]


def test_a_one_column_table_is_an_answer_box_read_as_text():
    d = docx.Document()
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "My answer in the box."
    cell.add_paragraph("A point.", style="List Bullet")
    assert _kinds(save(d)) == [("paragraph", "My answer in the box."), ("list_item", "- A point.")]


def test_the_apps_own_export_reads_back_as_the_same_text():
    bodies = {
        "summary": "A **better** summary of the *project*, with `code` and a [link](https://example.org/a).",
        "aims": "1. Aim one\n2. Aim two\n   - a detail\n3. Aim three",
        "methods": "We will *measure*.\n\n## Design\n\n| Step | When |\n| --- | --- |\n| Survey | 2026 |\n\n> A quote",
        "team": "",
    }
    sections = tuple(ExportSection(s["key"], s["title"], bodies[s["key"]]) for s in TEMPLATE["sections"])
    export = ExportDocument(
        "Rivers", "HRC", "Projects", "", (), datetime.date(2026, 1, 1), "", "x", PageFormat(), sections
    )
    draft = read_draft(application_docx(export), "export.docx")
    slots = [TemplateSlot(s["key"], s["title"], n) for n, s in enumerate(TEMPLATE["sections"], start=1)]
    matching = match_draft(draft, slots)
    for key, body in bodies.items():
        placed = matching.for_key(key)
        assert placed is not None and same_text(placed.markdown, body), key
    assert matching.words_in == matching.words_placed + matching.words_unplaced


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"plain text, not Word", "notes.docx", "not a real .docx"),
        (b"PK\x03\x04broken zip", "broken.docx", "damaged"),
        (b"", "empty.docx", "empty"),
        (b"whatever", "draft.pdf", "not a Word .docx"),
    ],
)
def test_files_that_are_not_a_readable_docx_are_refused_with_a_reason(data, name, reason):
    with pytest.raises(InvalidInput) as refused:
        read_draft(data, name)
    assert name in str(refused.value.problems[0]) and reason in str(refused.value.problems[0])


def test_a_damaged_package_inside_a_zip_is_refused():
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<not xml")
    with pytest.raises(InvalidInput) as refused:
        read_draft(buffer.getvalue(), "odd.docx")
    assert "odd.docx" in str(refused.value)


def test_a_tracked_row_deletion_drops_the_row_and_tracked_cell_edits_are_accepted():
    d = docx.Document()
    table = d.add_table(rows=3, cols=2)
    for row, (left, right) in zip(table.rows, [("Year", "Work"), ("2027", "Pilot"), ("2028", "Trial")], strict=True):
        row.cells[0].text, row.cells[1].text = left, right
    table.rows[1]._tr.get_or_add_trPr().append(
        parse_xml(f'<w:del {nsdecls("w")} w:id="5" w:author="A" w:date="2026-03-01T10:00:00Z"/>')
    )
    set_tracked(table.rows[2].cells[1].paragraphs[0], [("del", "Trial"), ("ins", "Full trial")])
    draft = read_draft(save(d), "table.docx")
    assert [b.markdown for b in draft.blocks] == ["| Year | Work |\n| --- | --- |\n| 2028 | Full trial |"]


def test_text_in_a_text_box_is_read_once_after_its_paragraph():
    d = docx.Document()
    anchor = d.add_paragraph("Before the box.")
    box = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Boxed words.</w:t></w:r></w:p>'
        "</w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Boxed words.</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    anchor._p.append(parse_xml(box))
    d.add_paragraph("After it.")
    assert [b.markdown for b in read_draft(save(d), "box.docx").blocks] == [
        "Before the box.",
        "Boxed words.",
        "After it.",
    ]


def test_every_demo_draft_text_survives_a_word_round_trip_unchanged():
    from research.demo.data_files import data_toml

    texts = [r["text"] for a in data_toml("drafts.toml")["application"] for r in a.get("revision", [])]
    assert len(texts) > 10
    sections = tuple(ExportSection(f"s{n}", f"Section number {n}", t) for n, t in enumerate(texts))
    export = ExportDocument("Demo", "", "", "", (), datetime.date(2026, 1, 1), "", "x", PageFormat(), sections)
    slots = [TemplateSlot(s.key, s.title, n) for n, s in enumerate(sections, start=1)]
    matching = match_draft(read_draft(application_docx(export), "demo.docx"), slots)
    changed = [s.key for s in sections if not same_text(matching.for_key(s.key).markdown, s.body)]
    assert changed == []
