"""An import's validation report: every bad row with its place and reason, or a preview of what will be written."""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd
import streamlit as st

from research.domain.ledger_values import format_shares
from research.domain.locale import workspace_locale
from research.ui.components.common.text import md

IMPORT_PREVIEW_PREFIX = "import_preview_"
IMPORT_PROBLEMS_PREFIX = "import_problems_"

PREVIEW_ROWS = 200
# Row fields shown in the preview, with their headings, in reading order.
PREVIEW_COLUMNS = {
    "identifier": "identifier",
    "reference": "reference",
    "title": "title",
    "cluster": "cluster",
    "awarded_on": "award date",
    "granted_on": "date",
    "financial_year": "financial year",
    "amount": "amount",
    "currency": "currency",
    "amount_nzd": "amount ({currency})",
    "shares": "clusters",
    "funder_name": "funder",
    "scheme": "scheme",
    "purpose": "purpose",
    "where": "from",
}


def show_report(report, noun: str, worth: str) -> bool:
    """Show the report; True when the file is good to import."""
    if report.problems:
        st.error(
            f"**{report.file}** has {len(report.problems)} problem(s). Nothing will be imported until "
            "every row is right.",
            icon=":material/error:",
        )
        st.dataframe(
            pd.DataFrame(
                [{"where": p.where.removeprefix(f"{report.file}, "), "problem": p.reason} for p in report.problems]
            ),
            hide_index=True,
            key=f"{IMPORT_PROBLEMS_PREFIX}{noun}",
        )
        return False
    count = len(report.rows)
    st.success(
        md(
            f"**{report.file}**: {count} {noun}{'s' if count != 1 else ''} {worth}, all good — "
            f"{report.to_create} new, {report.to_update} to update."
        ),
        icon=":material/task_alt:",
    )
    st.dataframe(_preview(report.rows), hide_index=True, key=f"{IMPORT_PREVIEW_PREFIX}{noun}")
    if count > PREVIEW_ROWS:
        st.caption(f"The first {PREVIEW_ROWS} rows are shown.")
    return True


def _preview(rows) -> pd.DataFrame:
    records, currency = [], workspace_locale().currency
    headings = {field: heading.format(currency=currency) for field, heading in PREVIEW_COLUMNS.items()}
    for row in rows[:PREVIEW_ROWS]:
        record = asdict(row)
        if "shares" in record:
            record["shares"] = format_shares(row.shares) or "—"
        records.append({heading: record[field] for field, heading in headings.items() if field in record})
    return pd.DataFrame(records)


def upload_key(base: str) -> str:
    """The uploader's key; bumping its counter after an import empties the uploader."""
    return f"{base}_{st.session_state.get(base + '_n', 0)}"


def reset_upload(base: str) -> None:
    st.session_state[base + "_n"] = st.session_state.get(base + "_n", 0) + 1
