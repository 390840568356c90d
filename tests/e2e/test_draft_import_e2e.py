"""In Chromium: a Word round trip. Export an application, a co-author edits it with Track Changes on,
the file comes back in Import from Word, only the edited section shows as changed, and accepting it saves it."""

from __future__ import annotations

import docx
import pytest

from tests.draft_docx_support import save, set_tracked
from tests.e2e.conftest import sign_in, wait_for_app

pytestmark = pytest.mark.e2e

TITLE = "Tides of memory"  # hana's application in revision; no other browser test writes to it


def _go(page, base_url, title):
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    page.get_by_role("heading", name=title).wait_for()
    wait_for_app(page)


def _choose_application(page):
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=TITLE, exact=False).click()
    wait_for_app(page)


def _coauthor_edits(path) -> bytes:
    """Track Changes on: in the first section's first paragraph, its first word is replaced."""
    d = docx.Document(str(path))
    paragraphs = d.paragraphs
    first = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1")
    words = paragraphs[first + 1].text.split()
    set_tracked(paragraphs[first + 1], [("del", words[0] + " "), ("ins", "Edited "), ("keep", " ".join(words[1:]))])
    return save(d)


def test_a_word_round_trip_with_track_changes(live_app, new_page, tmp_path):
    page = new_page()
    sign_in(page, live_app, "hana", "demo-researcher-2026")
    _go(page, live_app, "Export to Word")
    _choose_application(page)
    # Empty or over-limit sections would block the export; insisting puts them in a checklist file instead.
    page.get_by_text("Export even if sections are empty or over their limits").first.click()
    wait_for_app(page)
    page.get_by_role("button", name="Make the Word file").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the Word file").click()
    assert info.value.suggested_filename == "tides-of-memory-oral-histories-of-the-estuary.docx"
    edited = _coauthor_edits(info.value.path())
    path = tmp_path / "tides-edited.docx"
    path.write_bytes(edited)

    _go(page, live_app, "Import from Word")
    _choose_application(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    page.get_by_text("1 changed").wait_for()
    page.get_by_text("Track Changes accepted: 1 insertion(s) taken, 1 deletion(s) dropped").wait_for()
    page.get_by_role("button", name="Accept this section").click()
    page.get_by_text("as revision").wait_for()  # the toast: saved
    page.get_by_text("0 changed").wait_for()  # the saved text is now the file's: nothing left to accept
