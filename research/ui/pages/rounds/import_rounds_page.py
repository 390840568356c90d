"""Managers and admins: import funding rounds from CSV or Excel; all rows or none."""

from dataclasses import replace

import streamlit as st

from research.domain.import_kinds import ImportKind
from research.domain.round_import import IMPORT_FIELDS
from research.export.rounds_table import CSV_MIME, template_csv
from research.services.common.import_profiles import mapping_for
from research.services.rounds.files import RoundTable
from research.services.rounds.imports import RoundImportOptions, check_import, import_rounds
from research.ui import deps, state
from research.ui.components.common.import_choices import choices_form, fields_caption, save_columns_as_profile
from research.ui.components.common.import_steps import mapping_form, preview, read_upload, report_view
from research.ui.feedback import attempt
from research.ui.guard import page_actor
from research.ui.navigation import page_for

IMPORT_GO_KEY = "import_go"
IMPORT_CREATE_FUNDERS_KEY = "import_create_funders"
IMPORT_GOOD_ONLY_KEY = "import_good_only"
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

fields_caption(IMPORT_FIELDS)
choices = choices_form(actor, ImportKind.ROUNDS)
upload = st.file_uploader("File of rounds", type=["csv", "xlsx"], key=state.IMPORT_FILE)
if upload is None:
    st.stop()
data, filename = upload.getvalue(), upload.name
read = attempt(lambda: read_upload(data, filename, choices.header_row))
if read is None:
    st.stop()
table: RoundTable = read
preview(table)
initial = attempt(
    lambda: mapping_for(deps.uow(), actor, ImportKind.ROUNDS, IMPORT_FIELDS, list(table.headers), choices.profile)
)
mapping, checked = mapping_form(
    table, key=f"{IMPORT_MAP_PREFIX}{upload.file_id}_{choices.profile}", initial=initial[0] if initial else None
)
save_columns_as_profile(actor, ImportKind.ROUNDS, mapping)
create = st.checkbox("Create the funders the file names that are not recorded yet", key=IMPORT_CREATE_FUNDERS_KEY)
options = RoundImportOptions(choices.day_first, choices.skip_duplicates, False, create)
signature = (upload.file_id, tuple(sorted(mapping.items(), key=lambda kv: kv[0])), options)


def progress_bar(text: str):
    bar = st.progress(0.0, text=text)
    return bar, lambda fraction, message: bar.progress(min(1.0, fraction), text=message)


if checked:
    bar, tick = progress_bar("Checking…")
    report = attempt(lambda: check_import(deps.uow(), actor, table, mapping, tick, options))
    bar.empty()
    st.session_state[state.IMPORT_REPORT] = (signature, report)
stored = st.session_state.get(state.IMPORT_REPORT)
report = stored[1] if stored and stored[0] == signature else None
if report is not None:
    report_view(report)
good = report is not None and report.to_create + report.to_update
good_only = bool(
    report is not None
    and not report.ok
    and good
    and report.bad_rows
    and st.checkbox(
        f"Import the {good:,} good rows only, leaving out the {report.bad_rows:,} bad row(s) "
        "(recorded in the audit trail)",
        key=IMPORT_GOOD_ONLY_KEY,
    )
)
if (
    report is not None
    and (report.ok or good_only)
    and st.button(f"Import {good:,} rounds", type="primary", icon=":material/upload:", key=IMPORT_GO_KEY)
):
    bar, tick = progress_bar("Importing…")
    chosen = replace(options, good_rows_only=good_only)
    result = attempt(lambda: import_rounds(deps.uow(), actor, table, mapping, tick, chosen))
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
