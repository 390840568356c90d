"""The preview of a template read from a funder's form: every field editable before saving."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from research.domain.clock import utcnow
from research.domain.form_template import TemplateDraft, draft_template
from research.domain.template_rows import (
    SECTION_COLUMNS,
    SHARED_COLUMNS,
    section_rows,
    shared_rows,
    template_from_rows,
)
from research.domain.template_spec import LIMIT_UNITS
from research.export.docx_form_reader import read_form
from research.services.common.actor import Actor
from research.services.drafting import templates
from research.ui import deps, state
from research.ui.feedback import attempt

TEMPLATE_IMPORT_SECTIONS_KEY = "template_import_sections"
TEMPLATE_IMPORT_SHARED_KEY = "template_import_shared"

UNIT_OPTIONS = ["", *LIMIT_UNITS]


def load_draft(upload) -> TemplateDraft | None:
    """The draft for this upload, read once per file and kept in session state."""
    kept = st.session_state.get(state.TEMPLATE_IMPORT_DRAFT)
    if kept and kept["file_id"] == upload.file_id:
        return kept["draft"]
    draft = attempt(lambda: draft_template(read_form(upload.getvalue(), upload.name), utcnow().date()))
    if draft is not None:
        st.session_state[state.TEMPLATE_IMPORT_DRAFT] = {"file_id": upload.file_id, "draft": draft}
    return draft


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _unit_column(label: str):
    return st.column_config.SelectboxColumn(
        label, options=UNIT_OPTIONS, help="Choose “no limit” for none", format_func=lambda unit: str(unit or "no limit")
    )


def _max_column(label: str):
    return st.column_config.NumberColumn(label, min_value=1, step=1, format="%d")


def template_preview(actor: Actor, draft: TemplateDraft, source_name: str) -> None:
    kept = st.session_state.get(state.TEMPLATE_IMPORT_DRAFT) or {}
    if saved := kept.get("saved"):
        st.success(
            f"Saved the template “{saved.name}” (key {saved.key}) with {saved.sections} sections. "
            "Researchers can now start applications from it. Upload another form to import it.",
            icon=":material/check_circle:",
        )
        return
    data = draft.data
    shared_count = len(data.get("shared_limits", []))
    st.info(
        f"Found **{len(data['sections'])} sections** and **{shared_count} shared limit(s)** in "
        f"{source_name}. Check them below, fill in what is missing, then save.\n\n"
        + "\n".join(f"- {note}" for note in draft.notes),
        icon=":material/info:",
    )
    with st.form("template_import_form"):
        name_col, key_col, version_col = st.columns([3, 2, 1])
        head = {
            "name": name_col.text_input("Name", data["name"]),
            "key": key_col.text_input("Key", data["key"], help="Letters, digits and hyphens; unique."),
            "version": version_col.text_input("Version", data["version"]),
        }
        funder_col, scheme_col = st.columns(2)
        head["funder"] = funder_col.text_input("Funder", data["funder"], placeholder="e.g. Royal Society Te Apārangi")
        head["scheme"] = scheme_col.text_input("Scheme", data["scheme"], placeholder="e.g. Marsden Fund Standard")
        st.markdown(f"**Sections** ({len(data['sections'])} found; add, remove or edit rows)")
        sections = st.data_editor(
            pd.DataFrame(section_rows(data), columns=SECTION_COLUMNS),
            num_rows="dynamic",
            hide_index=True,
            key=TEMPLATE_IMPORT_SECTIONS_KEY,
            width="stretch",
            column_config={
                "title": st.column_config.TextColumn("Title", required=True),
                "key": "Key",
                "limit unit": _unit_column("Limit unit"),
                "limit max": _max_column("Limit"),
                "required": st.column_config.CheckboxColumn("Required", default=True),
                "guidance": st.column_config.TextColumn("Guidance", width="large"),
            },
        )
        st.markdown("**Limits shared by several sections** (section keys, separated by commas)")
        shared = st.data_editor(
            pd.DataFrame(shared_rows(data), columns=SHARED_COLUMNS),
            num_rows="dynamic",
            hide_index=True,
            key=TEMPLATE_IMPORT_SHARED_KEY,
            width="stretch",
            column_config={
                "title": "Title",
                "key": "Key",
                "sections": "Sections",
                "limit unit": _unit_column("Limit unit"),
                "limit max": _max_column("Limit"),
            },
        )
        if st.form_submit_button("Save template", type="primary"):
            extra: dict[str, Any] = {k: data[k] for k in ("page", "sources") if k in data}
            mapping = template_from_rows(head, _records(sections), _records(shared), extra)
            saved = attempt(lambda: templates.add_template(deps.uow(), actor, mapping, source_name))
            if saved:
                kept["saved"] = saved
                st.rerun()
