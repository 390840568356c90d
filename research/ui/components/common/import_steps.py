"""The steps of importing rounds: preview the file, map its columns, read the validation report."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from research.domain.round_import import IMPORT_FIELDS, guess_mapping
from research.export.safe_cells import csv_bytes
from research.services.rounds.files import RoundTable, read_round_file
from research.services.rounds.imports import ImportReport

IMPORT_ISSUES_CSV_KEY = "import_issues_csv"
IMPORT_ISSUES_KEY = "import_issues"
IMPORT_PREVIEW_KEY = "import_preview"
IMPORT_BAD_ROWS_KEY = "import_bad_rows"

PREVIEW_ROWS = 10
NOT_IN_FILE = ""


@st.cache_data(max_entries=2, show_spinner="Reading the file…")
def read_upload(data: bytes, filename: str, header_row: int | None = None) -> RoundTable:
    """The uploaded file's cells; kept while the same file is being mapped and checked."""
    return read_round_file(data, filename, header_row)


def preview(table: RoundTable) -> None:
    st.markdown(f"**{table.rows:,} rows** in {table.filename} (the first {min(PREVIEW_ROWS, table.rows)} below).")
    st.container(key=IMPORT_PREVIEW_KEY).dataframe(table.frame.head(PREVIEW_ROWS), hide_index=True)


def mapping_form(
    table: RoundTable, key: str, initial: dict[str, str | None] | None = None
) -> tuple[dict[str, str | None], bool]:
    """Which column holds each field (guessed from the headers, or a profile's); and whether 'Check' was pressed."""
    guessed = initial or guess_mapping(list(table.headers))
    options = [NOT_IN_FILE, *table.headers]
    mapping: dict[str, str | None] = {}
    with st.form(key):
        st.markdown("**Columns.** Each field below is read from the column chosen. Fields marked * are required.")
        columns = st.columns(3)
        for index, field in enumerate(IMPORT_FIELDS):
            chosen = columns[index % 3].selectbox(
                f"{field.header}{' *' if field.required else ''}",
                options,
                key=f"{key}_{field.key}",
                index=options.index(guessed[field.key] or "") if guessed.get(field.key) in options else 0,
                help=field.help or None,
                format_func=lambda c: c or "— not in the file —",
            )
            mapping[field.key] = chosen or None
        checked = st.form_submit_button("Check the file", type="primary", icon=":material/rule:")
    return mapping, checked


def report_view(report: ImportReport) -> None:
    for note in report.notes:
        st.text(note)  # plain text: it may quote the file
    if report.created_funders:
        st.info(
            f"{len(report.created_funders)} funder(s) will be created: " + ", ".join(report.created_funders),
            icon=":material/add_business:",
        )
    if report.ok:
        st.success(
            f"All {report.rows:,} rows are valid: {report.to_create:,} new rounds and "
            f"{report.to_update:,} updates to rounds already listed (same funder, scheme and closing date).",
            icon=":material/check_circle:",
        )
        return
    rows_with = (
        f"{report.bad_rows:,} of {report.rows:,} rows have problems"
        if report.bad_rows
        else "The columns are not set up yet"
    )
    st.error(
        f"{rows_with}, so nothing can be imported as it is. Fix the file and upload it again "
        "(or change the columns above, or import the good rows only). Every problem is listed here.",
        icon=":material/error:",
    )
    if report.unknown_funders:
        st.warning(
            "Funders the file names that are not recorded: "
            + "; ".join(
                f"{name}" + (f" (did you mean {close}?)" if close else "") for name, close in report.unknown_funders
            )
            + ". Add them (or the name as another name of a funder) on Manage rounds, or create them below.",
            icon=":material/domain_add:",
        )
    issues = pd.DataFrame([{"Line": i.line, "Column": i.column, "Problem": i.reason} for i in report.issues])
    word = report.issues[0].line_word.capitalize() if report.issues else "Line"
    st.container(key=IMPORT_ISSUES_KEY).dataframe(
        issues.rename(columns={"Line": word}),
        hide_index=True,
        column_config={word: st.column_config.NumberColumn(word, format="%d")},
    )
    st.download_button(
        "Download this report (CSV)",
        csv_bytes(issues),
        file_name=f"problems-in-{report.filename}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key=IMPORT_ISSUES_CSV_KEY,
    )
    if report.bad_file is not None:
        st.download_button(
            f"Download the {report.bad_rows:,} bad row(s) with a reason column (CSV)",
            report.bad_file,
            file_name=f"bad-rows-{report.filename.rsplit('.', 1)[0]}.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
            key=IMPORT_BAD_ROWS_KEY,
        )
