"""The preview of a template read from a funder's form: what was found and where, what could not be
placed, and every field editable before saving."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from research.domain.clock import utcnow
from research.domain.form_template import TemplateDraft, draft_template
from research.domain.page_rules import page_summary, rules_from_rows
from research.domain.template_rows import (
    SECTION_COLUMNS,
    SHARED_COLUMNS,
    section_rows,
    shared_rows,
    template_from_rows,
)
from research.domain.template_spec import LIMIT_UNITS, PAGE_RULES
from research.export.docx_form_reader import read_form
from research.services.common.actor import Actor
from research.services.drafting import templates
from research.ui import deps, state
from research.ui.feedback import attempt

TEMPLATE_IMPORT_SECTIONS_KEY = "template_import_sections"
TEMPLATE_IMPORT_SHARED_KEY = "template_import_shared"
TEMPLATE_IMPORT_PAGE_KEY = "template_import_page_rules"

UNIT_OPTIONS = ["", *LIMIT_UNITS]


def load_draft(upload) -> TemplateDraft | None:
    """The draft for this upload, read once per file and kept in session state."""
    kept = st.session_state.get(state.TEMPLATE_IMPORT_DRAFT)
    if kept and kept["file_id"] == upload.file_id:
        return kept["draft"]
    draft = attempt(
        lambda: draft_template(
            read_form(upload.getvalue(), upload.name), utcnow().date(), templates.template_keys(deps.uow())
        )
    )
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


def _page_rules(draft: TemplateDraft):
    """The page rules as an editor: a value the form did not state reads “not stated”."""
    origins = {rule.rule: rule for rule in draft.rules}
    rows = [
        {
            "rule": label,
            "template says": value,
            "as the form wrote it": origins[rule].phrase if rule in origins else "",
            "found in": origins[rule].where if rule in origins else "",
        }
        for rule, (label, value) in zip(PAGE_RULES, page_summary(draft.data.get("page", {})), strict=True)
    ]
    st.markdown(
        "**Page rules** (only what the form's text states; the rest is “not stated”. Type a rule the form "
        "states in words this did not read, e.g. “2 cm”, “11 pt”, “single”, “not allowed”)"
    )
    return st.data_editor(
        pd.DataFrame(rows),
        hide_index=True,
        key=TEMPLATE_IMPORT_PAGE_KEY,
        width="stretch",
        disabled=["rule", "as the form wrote it", "found in"],
    )


def _unplaced(draft: TemplateDraft) -> None:
    if not draft.unplaced:
        st.success("Every limit and page rule the form states was placed.", icon=":material/check:")
        return
    st.warning(
        f"**{len(draft.unplaced)} phrase(s) look like a limit or a page rule but were not placed.** "
        "Check each one; if it is a limit or a page rule, set it by hand in the tables below.",
        icon=":material/warning:",
    )
    st.table(
        pd.DataFrame(
            [{"found in": u.where, "text": u.text, "why": u.reason} for u in draft.unplaced],
            columns=["found in", "text", "why"],
        ).set_index("found in")
    )


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
    with_limits = sum(1 for s in data["sections"] if s.get("limit"))
    st.info(
        f"Found **{len(data['sections'])} questions** ({with_limits} with a limit) and **{shared_count} shared "
        f"limit(s)** in {source_name}. Check them below, fill in the funder and scheme, then save.\n\n"
        + "\n".join(f"- {note}" for note in draft.notes),
        icon=":material/info:",
    )
    _unplaced(draft)
    where = {q.key: q.where for q in (*draft.questions, *draft.shared)}
    phrases = {q.key: q.phrase for q in (*draft.questions, *draft.shared)}
    with st.form("template_import_form"):
        name_col, key_col, version_col = st.columns([3, 2, 1])
        head = {
            "name": name_col.text_input("Name", data["name"]),
            "key": key_col.text_input(
                "Key", data["key"], help="Letters, digits and hyphens; not used by any other template."
            ),
            "version": version_col.text_input("Version", data["version"]),
        }
        funder_col, scheme_col = st.columns(2)
        head["funder"] = funder_col.text_input(
            "Funder (required)", data["funder"], placeholder="e.g. Royal Society Te Apārangi"
        )
        head["scheme"] = scheme_col.text_input(
            "Scheme (required)", data["scheme"], placeholder="e.g. Marsden Fund Standard"
        )
        page_rules = _page_rules(draft)
        st.markdown(
            f"**Questions** ({len(data['sections'])} found): fix titles and limits, change the order "
            "number to move a row, add or remove rows"
        )
        sections = st.data_editor(
            pd.DataFrame(section_rows(data, where, phrases), columns=SECTION_COLUMNS),
            num_rows="dynamic",
            hide_index=True,
            key=TEMPLATE_IMPORT_SECTIONS_KEY,
            width="stretch",
            column_config={
                "order": st.column_config.NumberColumn("Order", min_value=1, step=1, format="%d"),
                "title": st.column_config.TextColumn("Title", required=True),
                "key": "Key",
                "limit unit": _unit_column("Limit unit"),
                "limit max": _max_column("Limit"),
                "required": st.column_config.CheckboxColumn("Required", default=True),
                "as written": st.column_config.TextColumn("Limit as the form wrote it", disabled=True),
                "found in": st.column_config.TextColumn("Found in the form", disabled=True, width="large"),
                "guidance": st.column_config.TextColumn("Guidance", width="large"),
            },
        )
        st.markdown(
            "**Limits shared by several questions** (list the questions' keys, separated by commas; "
            "a question's key is in the last columns above)"
        )
        shared = st.data_editor(
            pd.DataFrame(shared_rows(data, where, phrases), columns=SHARED_COLUMNS),
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
                "as written": st.column_config.TextColumn("Limit as the form wrote it", disabled=True),
                "found in": st.column_config.TextColumn("Found in the form", disabled=True, width="large"),
            },
        )
        if st.form_submit_button("Save template", type="primary"):
            typed = {row["rule"]: str(row["template says"] or "") for row in _records(page_rules)}
            saved = attempt(
                lambda: templates.add_template(
                    deps.uow(),
                    actor,
                    template_from_rows(
                        head,
                        _records(sections),
                        _records(shared),
                        {"page": rules_from_rows(typed), "sources": data.get("sources", [])},
                    ),
                    source_name,
                )
            )
            if saved:
                kept["saved"] = saved
                st.rerun()
