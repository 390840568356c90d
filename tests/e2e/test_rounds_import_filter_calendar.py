"""In Chromium: a manager imports a file of rounds, filters the list to them, and downloads the calendar."""

import icalendar
import pytest

from tests.e2e.conftest import sign_in, wait_for_app

pytestmark = pytest.mark.e2e

FUNDER = "Health Research Council of New Zealand"
ROUNDS_CSV = (
    "Funder,Scheme,Round,Closes,Pool,Clusters\n"
    f"{FUNDER},Kaupapa Explorer,Kaupapa Explorer 2031 (first call),2031-03-03 12:00,2m,Research\n"
    f"{FUNDER},Kaupapa Explorer,Kaupapa Explorer 2031 (second call),07/04/2031 12:00,2m,Research\n"
).encode()


def test_import_filter_and_download_the_calendar(live_app, new_page, tmp_path):
    page = new_page()
    sign_in(page, live_app, "tama", "demo-manager-2026")

    page.goto(f"{live_app}/import_rounds_page")
    page.get_by_role("heading", name="Import rounds").wait_for()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "explorer.csv", "mimeType": "text/csv", "buffer": ROUNDS_CSV}]
    )
    page.get_by_text("2 rows in explorer.csv").wait_for()
    page.get_by_role("button", name="Check the file").click()
    page.get_by_text("All 2 rows are valid: 2 new rounds").wait_for()
    page.get_by_role("button", name="Import 2 rounds").click()
    page.get_by_text("Imported 2 new rounds and 0 updates from explorer.csv").wait_for()

    page.goto(f"{live_app}/rounds_page")
    page.get_by_role("heading", name="Funding rounds").wait_for()
    search = page.get_by_role("textbox", name="Search")
    search.fill("Kaupapa Explorer")
    search.press("Enter")
    page.get_by_role("tab", name="Table (2)").wait_for()
    wait_for_app(page)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Calendar (.ics)").click()
    path = tmp_path / "rounds.ics"
    download_info.value.save_as(path)
    assert download_info.value.suggested_filename == "funding-rounds.ics"

    events = list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    summaries = sorted(str(e["summary"]) for e in events)
    assert len(events) == 8  # each round's close and its three internal deadlines
    for name in ("Kaupapa Explorer 2031 (first call)", "Kaupapa Explorer 2031 (second call)"):
        for what in ("Closes", "Intent to apply", "Full draft for review", "Final sign-off"):
            assert f"{what}: {name} ({FUNDER})" in summaries
    first_close = next(e for e in events if str(e["summary"]).startswith("Closes: Kaupapa Explorer 2031 (first"))
    assert first_close.decoded("dtstart").isoformat() == "2031-03-03T12:00:00+13:00"
