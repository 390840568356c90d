"""Export to Word: choose one of your applications and download it as a .docx (and PDF)."""

import streamlit as st

from research.domain.application_status import ApplicationStatus
from research.services.drafting import docx_export
from research.ui import deps, state
from research.ui.components.drafting.docx_download import docx_download
from research.ui.guard import page_actor

actor = page_actor("docx_export_page.py")
st.title("Export to Word")
st.caption(
    "The file you upload to the funder: every section under the funder's numbered heading in the template's "
    "order, the template's page rules (or a reference document's styles), nothing of the workspace's own. "
    "Empty or over-limit sections stop the export unless you insist; then they go to a separate checklist."
)

applications = docx_export.my_applications(deps.uow(), actor)
if not applications:
    st.info(
        "You are not on the team of any application yet. Once you lead or co-author one, you can export it here.",
        icon=":material/info:",
    )
    st.stop()

labels = {a.id: f"{a.title} · {ApplicationStatus(a.status).label}" for a in applications}
if st.session_state.get(state.EXPORT_APPLICATION) not in labels:
    st.session_state.pop(state.EXPORT_APPLICATION, None)
chosen = st.selectbox("Application", list(labels), format_func=labels.__getitem__, key=state.EXPORT_APPLICATION)
docx_download(actor, chosen, title=None)
