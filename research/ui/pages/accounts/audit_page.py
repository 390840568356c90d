"""Admin: the audit trail, newest first."""

import pandas as pd
import streamlit as st

from research.services.common.audit import recent_events
from research.ui import deps
from research.ui.guard import page_actor

actor = page_actor("audit_page.py")
st.title("Audit trail")
events = recent_events(deps.uow(), actor)
if not events:
    st.info("Nothing has been recorded yet.")
else:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "when": e.at,
                    "who": e.actor,
                    "what": e.action,
                    "on": f"{e.entity} {e.entity_id or ''}",
                    "detail": ", ".join(f"{k}: {v}" for k, v in e.detail.items()),
                }
                for e in events
            ]
        ),
        hide_index=True,
    )
