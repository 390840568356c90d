"""AppTest: an unready export is refused with its list, insisting gives a checklist beside the file;
the readiness gate measures page counts on demand."""

from __future__ import annotations

import io
import zipfile

from research.domain.roles import Role
from research.services.drafting import sections
from research.ui import state
from tests.docx_support import build_application, reopen

EXPORT = "research/ui/pages/drafting/docx_export_page.py"
READINESS = "research/ui/pages/review/review_readiness_page.py"


def open_page(at, page):
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def emptied(ui_uow, lead, built, key="methods"):
    """The lead clears a section's text and saves, on top of its second save."""
    assert sections.save_section(ui_uow, lead, built.section_ids[key], "", 2).saved


def test_an_export_with_an_empty_section_is_refused_then_made_with_a_checklist(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    emptied(ui_uow, actor, build_application(ui_uow, actor))
    open_page(at, EXPORT)
    at.button(key="docx_make").click().run()
    assert "Not exported" in at.error[0].value and "“Methods” has no text yet." in at.error[0].value
    assert not at.download_button

    at.checkbox(key="docx_anyway").check().run()
    at.button(key="docx_make").click().run()
    made = at.session_state[state.DOCX_PREPARED + "docx"]
    assert "“Methods” has no text yet." in made["checklist"]
    assert "no text yet" not in " ".join(p.text for p in reopen(made["data"]).paragraphs)
    labels = [b.label for b in at.download_button]
    assert labels == ["Download the Word file", "Download the checklist", "Download all (.zip)"]
    names = zipfile.ZipFile(io.BytesIO(made["zip"])).namelist()
    assert sorted(names) == [
        "hearing-screening-in-primary-schools-checklist.txt",
        "hearing-screening-in-primary-schools.docx",
    ]


def test_a_pdf_is_offered_when_asked_for(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    build_application(ui_uow, actor)
    open_page(at, EXPORT)
    at.checkbox(key="docx_pdf").check().run()
    at.button(key="docx_make").click().run()
    made = at.session_state[state.DOCX_PREPARED + "docx"]
    assert made["pdf"].startswith(b"%PDF") and made["checklist"] is None
    assert [b.label for b in at.download_button] == ["Download the Word file", "Download the PDF"]
    assert any("2. Aims: " in t.value and "(measured)" in t.value for t in at.text)


def test_the_readiness_gate_measures_page_counts_on_demand(signed_in, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    built = build_application(ui_uow, actor)
    open_page(at, READINESS)
    assert any(t.value == "2. Aims: 0.1 of 1 page (estimate)" for t in at.text)
    at.button(key=f"page_measure_{built.id}").click().run()
    assert not at.exception and not at.error
    assert any(t.value.startswith("2. Aims: ") and t.value.endswith("of 1 page (measured)") for t in at.text)
