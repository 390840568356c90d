"""My applications: the ones I am on, their progress, and starting a new one."""

import pandas as pd
import streamlit as st

from research.domain.application_status import ApplicationStatus
from research.domain.money import format_money
from research.domain.round_values import format_moment
from research.services.drafting.applications import my_applications
from research.ui import deps, state
from research.ui.components.drafting.new_application_form import EDITOR, new_application_form
from research.ui.feedback import attempt
from research.ui.guard import page_actor

actor = page_actor("my_applications_page.py")
st.title("My applications")

rows = attempt(lambda: my_applications(deps.uow(), actor)) or []
with st.expander("Start a new application", expanded=not rows, icon=":material/add:"):
    new_application_form(actor)
if not rows:
    st.info(
        "You are not on any application yet. Start one above, or ask a lead to invite you.", icon=":material/edit_note:"
    )
    st.stop()
st.dataframe(
    pd.DataFrame(
        [
            {
                "title": r.title,
                "role": r.my_role,
                "status": ApplicationStatus(r.status).label,
                "funder and round": " — ".join(x for x in (r.funder, r.round_name) if x) or "—",
                "closes": format_moment(r.closes_at, r.round_timezone or actor.timezone, False),
                "requested": format_money(r.requested, r.currency, code=True),
                "ready": round(100 * r.ready_sections / max(1, r.required_sections)),
            }
            for r in rows
        ]
    ),
    hide_index=True,
    width="stretch",
    column_config={
        "title": st.column_config.TextColumn(width="large"),
        "funder and round": st.column_config.TextColumn(width="medium"),
        "ready": st.column_config.ProgressColumn(
            "sections ready", format="%d%%", min_value=0, max_value=100, width="small"
        ),
    },
)
titles = {r.id: r.title for r in rows}
chosen = st.selectbox("Open an application", list(titles), format_func=titles.__getitem__)
if st.button("Open in the editor", type="primary", icon=":material/edit:"):
    st.session_state[state.EDITOR_APPLICATION] = chosen
    st.switch_page(EDITOR, query_params={"application": str(chosen)})
