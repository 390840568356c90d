"""In Chromium: a researcher downloads the demo application as .docx; an admin previews an imported form."""

from __future__ import annotations

import docx
import pytest
from playwright.sync_api import expect

from research.config import ROOT
from research.demo.applications import WHAKAPAPA as DEMO_TITLE
from research.services.drafting.templates import read_template_file
from tests.docx_support import docx_bytes
from tests.e2e.conftest import sign_in, wait_for_app

pytestmark = pytest.mark.e2e


def open_page(page, base_url, username, password, title):
    sign_in(page, base_url, username, password)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    page.get_by_role("heading", name=title).wait_for()
    wait_for_app(page)


def test_a_researcher_downloads_an_application_as_word(live_app, new_page):
    page = new_page()
    open_page(page, live_app, "hana", "demo-researcher-2026", "Export to Word")
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=DEMO_TITLE, exact=False).click()
    wait_for_app(page)
    page.get_by_text("Show each section's length against its limit").click()
    wait_for_app(page)
    page.get_by_role("button", name="Make the Word file").click()
    # The demo draft still has empty sections: the export is refused with the list, until insisted on.
    page.get_by_text("“Background” has no text yet.").wait_for()
    page.get_by_text("Export even if sections are empty or over their limits").first.click()
    wait_for_app(page)
    page.get_by_role("button", name="Make the Word file").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the Word file").click()
    download = info.value
    assert download.suggested_filename == "whakapapa-and-data-sovereignty-in-genomic-research.docx"
    doc = docx.Document(str(download.path()))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    template = read_template_file(ROOT / "templates" / "marsden-full-proposal.toml")
    assert headings == [f"{n}. {section.title}" for n, section in enumerate(template.sections, start=1)]
    assert any(p.text.startswith("Length: ") for p in doc.paragraphs)
    assert not any("no text yet" in p.text for p in doc.paragraphs)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the checklist").click()
    assert "[ ] “Background” has no text yet." in info.value.path().read_text(encoding="utf-8")


def test_an_admin_previews_a_form_before_saving(live_app, new_page, tmp_path):
    form = docx.Document()
    form.add_paragraph("Seed Fund Application", style="Title")
    form.add_heading("1. Summary (max 200 words)", 1)
    form.add_heading("2. Budget (1 page)", 1)
    path = tmp_path / "seed-form.docx"
    path.write_bytes(docx_bytes(form))
    page = new_page()
    open_page(page, live_app, "aroha", "demo-admin-2026", "Import a Word form")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    # Both questions are found, each with the limit its heading states.
    page.get_by_text("Found 2 questions (2 with a limit)").wait_for()
    expect(page.get_by_text("Questions (2 found)")).to_be_visible()
    # The preview fills its fields on the rerun after the upload: wait for the value, don't sample it.
    expect(page.get_by_label("Name")).to_have_value("Seed Fund Application")
