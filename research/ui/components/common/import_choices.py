"""The choices every import page offers: a profile, the date order, duplicates, the header row, and the
column mapping (shown, editable, saveable as a profile); then the bad rows to download."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from research.domain.column_mapping import ImportField, fields_help
from research.domain.import_kinds import ImportKind
from research.services.common import import_profiles
from research.services.common.actor import Actor
from research.services.common.import_choices import ImportChoices
from research.ui import deps
from research.ui.components.common.text import md
from research.ui.feedback import attempt, succeeded

CHOICES_PREFIX = "import_choices_"
MAPPING_PREFIX = "import_mapping_"
BAD_ROWS_PREFIX = "import_bad_rows_"
NO_PROFILE = "— guess from the titles —"
NOT_IN_FILE = ""
DATE_ORDERS = {"Day first (26/03/2019)": True, "Month first (03/26/2019)": False}


def fields_caption(fields: Sequence[ImportField]) -> None:
    """Every field and the column titles recognised for it."""
    with st.expander("Fields and the column titles recognised"):
        st.markdown("\n".join(f"- {md(line)}" for line in fields_help(fields)))


def choices_form(actor: Actor, kind: ImportKind) -> ImportChoices:
    """Profile, date order, duplicates and header row, as chosen above the upload."""
    key = f"{CHOICES_PREFIX}{kind.value}"
    names = attempt(lambda: import_profiles.profile_names(deps.uow(), actor, kind)) or []
    left, middle, right = st.columns(3)
    profile = left.selectbox("Column profile", [NO_PROFILE, *names], key=f"{key}_profile")
    order = middle.radio("Dates like 04/05/2020 are", list(DATE_ORDERS), key=f"{key}_order", horizontal=True)
    header = right.number_input(
        "Header row (0: find it)", min_value=0, max_value=30, value=0, step=1, key=f"{key}_header"
    )
    skip = st.checkbox("Skip rows that exactly repeat an earlier row", key=f"{key}_skip")
    return ImportChoices(
        profile=None if profile == NO_PROFILE else profile,
        day_first=DATE_ORDERS[order],
        skip_duplicates=skip,
        header_row=int(header) or None,
        mapping=st.session_state.get(_chosen_key(kind)),
    )


def _chosen_key(kind: ImportKind) -> str:
    return f"{MAPPING_PREFIX}{kind.value}_chosen"


def forget_mapping(kind: ImportKind) -> None:
    st.session_state.pop(_chosen_key(kind), None)


def mapping_editor(actor: Actor, kind: ImportKind, fields: Sequence[ImportField], report, file_id: str) -> None:
    """The columns the file is read with: change them, check again, or save them as a profile."""
    titles = list(report.titles)
    if not titles:
        return
    options = [NOT_IN_FILE, *titles]
    key = f"{MAPPING_PREFIX}{kind.value}_{file_id}"
    with st.expander("Columns: which column holds each field", expanded=bool(report.problems)):
        with st.form(key):
            columns = st.columns(3)
            chosen: dict[str, str | None] = {}
            for index, field in enumerate(fields):
                current = report.mapping.get(field.key) or NOT_IN_FILE
                chosen[field.key] = (
                    columns[index % 3].selectbox(
                        f"{field.header}{' *' if field.required else ''} ({field.key})",
                        options,
                        index=options.index(current) if current in options else 0,
                        key=f"{key}_{field.key}",
                        format_func=lambda c: c or "— not in the file —",
                    )
                    or None
                )
            name = st.text_input("Save these columns as a profile named", key=f"{key}_name", placeholder="NIH RePORTER")
            left, right = st.columns(2)
            check = left.form_submit_button("Check with these columns", icon=":material/rule:")
            save = right.form_submit_button("Save as profile", icon=":material/bookmark_add:")
        if check:
            st.session_state[_chosen_key(kind)] = chosen
            st.rerun()
        if save and succeeded(
            lambda: import_profiles.save_profile(deps.uow(), actor, kind, name, chosen),
            f"Saved the columns as the profile {name.strip()!r}: choose it for the next file.",
        ):
            st.session_state[_chosen_key(kind)] = chosen
            st.rerun()


def notes_and_problems(report, noun: str) -> None:
    """What the reader decided (date order, header row, delimiter), then each problem once with its row count."""
    for note in report.notes:
        st.text(note)  # names cells of the file: plain text, never Markdown
    if not report.problems:
        return
    lines = report.summary
    st.error(
        md(
            f"**{report.file}**: {len(lines)} problem(s) on {report.bad_rows:,} row(s)."
            if report.bad_rows
            else f"**{report.file}**: {len(lines)} problem(s)."
        ),
        icon=":material/error:",
    )
    st.dataframe(pd.DataFrame({"problem": lines}), hide_index=True, key=f"{BAD_ROWS_PREFIX}{noun}_list")
    if report.bad_file is not None:
        st.download_button(
            f"Download the {report.bad_rows:,} bad row(s) with a reason column (CSV)",
            report.bad_file,
            file_name=f"bad-rows-{report.file.rsplit('.', 1)[0]}.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
            key=f"{BAD_ROWS_PREFIX}{noun}_download",
        )


def save_columns_as_profile(actor: Actor, kind: ImportKind, mapping: dict[str, str | None]) -> None:
    """The columns chosen above, saved under a name for the next file."""
    key = f"{MAPPING_PREFIX}{kind.value}_save"
    with st.popover("Save these columns as a profile", icon=":material/bookmark_add:"):
        name = st.text_input("Profile name", key=f"{key}_name", placeholder="Our funder spreadsheet")
        if st.button("Save profile", key=f"{key}_go") and succeeded(
            lambda: import_profiles.save_profile(deps.uow(), actor, kind, name, mapping),
            f"Saved the columns as the profile {name.strip()!r}: choose it for the next file.",
        ):
            st.rerun()
