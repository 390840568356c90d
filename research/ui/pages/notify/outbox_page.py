"""Outbox (admins): every email the workspace wrote, its status, attempts and last error."""

import pandas as pd
import streamlit as st

from research.services.notify.outbox import outbox_counts, outbox_rows
from research.ui import deps, state
from research.ui.guard import page_actor

STATUSES = ["pending", "sent", "failed"]

actor = page_actor("outbox_page.py")
st.title("Outbox")
counts = outbox_counts(deps.uow(), actor)
columns = st.columns(len(STATUSES))
for column, status in zip(columns, STATUSES, strict=True):
    column.metric(status.title(), counts.get(status, 0))
if not deps.settings().mail.enabled:
    st.info("No SMTP_HOST is set, so nothing is sent; notices still appear in the app.", icon=":material/info:")
shown: str | None = st.segmented_control("Show", STATUSES, key=state.OUTBOX_STATUS)
rows = outbox_rows(deps.uow(), actor, shown)
if not rows:
    st.caption("No messages.")
    st.stop()
st.dataframe(
    pd.DataFrame(
        [
            {
                "written": r.created_at,
                "to": r.to,
                "recipient": r.recipient,
                "kind": r.kind,
                "subject": r.subject,
                "status": r.status,
                "attempts": r.attempts,
                "next try": r.next_attempt_at if r.status == "pending" else None,
                "sent": r.sent_at,
                "last error": r.last_error,
            }
            for r in rows
        ]
    ),
    hide_index=True,
    width="stretch",
)
