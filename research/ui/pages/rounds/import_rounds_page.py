"""Managers and admins: import funding rounds from CSV or Excel; all rows or none."""

import streamlit as st

from research.domain.upload_limits import upload_limits_note
from research.export.rounds_table import CSV_MIME, template_csv
from research.services.rounds.files import RoundTable
from research.services.rounds.imports import check_import, import_rounds
from research.ui import deps, state
from research.ui.components.common.import_steps import mapping_form, preview, read_upload, report_view
from research.ui.feedback import attempt
from research.ui.guard import page_actor
from research.ui.navigation import page_for

IMPORT_GO_KEY = "import_go"
IMPORT_MAP_PREFIX = "import_map_"
IMPORT_TEMPLATE_KEY = "import_template"

actor = page_actor("import_rounds_page.py")
st.title("Import rounds")
st.caption(
    "A .csv or .xlsx file with one round per row. Every row is checked first; nothing is written "
    "unless all of them are valid. A row whose funder, scheme and closing date match a listed round "
    "updates it."
)
st.download_button(
    "Blank file with the columns",
    template_csv(),
    file_name="funding-rounds-template.csv",
    mime=CSV_MIME,
    icon=":material/download:",
    on_click="ignore",
    key=IMPORT_TEMPLATE_KEY,
)

done = st.session_state.pop(state.IMPORT_DONE, None)
if done:
    st.success(f"Imported {done}.", icon=":material/check_circle:")
    st.page_link(page_for("rounds_page.py").path, label="See the funding rounds", icon=":material/event:")

upload = st.file_uploader(
    "File of rounds", type=["csv", "xlsx"], key=state.IMPORT_FILE, help=upload_limits_note(rows=True)
)
if upload is None:
    st.stop()
data, filename = upload.getvalue(), upload.name
read = attempt(lambda: read_upload(data, filename))
if read is None:
    st.stop()
table: RoundTable = read
preview(table)
mapping, checked = mapping_form(table, key=f"{IMPORT_MAP_PREFIX}{upload.file_id}")
signature = (upload.file_id, tuple(sorted(mapping.items(), key=lambda kv: kv[0])))


def progress_bar(text: str):
    bar = st.progress(0.0, text=text)
    return bar, lambda fraction, message: bar.progress(min(1.0, fraction), text=message)


if checked:
    bar, tick = progress_bar("Checking…")
    report = attempt(lambda: check_import(deps.uow(), actor, table, mapping, tick))
    bar.empty()
    st.session_state[state.IMPORT_REPORT] = (signature, report)
stored = st.session_state.get(state.IMPORT_REPORT)
report = stored[1] if stored and stored[0] == signature else None
if report is not None:
    report_view(report)
if (
    report is not None
    and report.ok
    and st.button(f"Import {report.rows:,} rounds", type="primary", icon=":material/upload:", key=IMPORT_GO_KEY)
):
    bar, tick = progress_bar("Importing…")
    result = attempt(lambda: import_rounds(deps.uow(), actor, table, mapping, tick))
    bar.empty()
    if result is not None and result.written:
        st.session_state.pop(state.IMPORT_REPORT, None)
        st.session_state[state.IMPORT_DONE] = (
            f"{result.to_create:,} new rounds and {result.to_update:,} updates from {result.filename}"
        )
        st.rerun()
    elif result is not None:
        st.session_state[state.IMPORT_REPORT] = (signature, result)
        st.rerun()
