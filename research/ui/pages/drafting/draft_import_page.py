"""Import from Word: a filled application or a co-author's edits, previewed, then accepted section by section."""

import streamlit as st

from research.domain.application_status import ApplicationStatus
from research.services.drafting import docx_export
from research.ui import deps, state
from research.ui.components.drafting.draft_import_panel import DRAFT_IMPORT_UPLOAD_KEY, draft_import_panel
from research.ui.guard import page_actor

actor = page_actor("draft_import_page.py")
st.title("Import from Word")
st.caption(
    "Upload a filled application, or a file exported from here and edited in Word (Track Changes are "
    "read as accepted). Its text is matched to the application's sections and shown beside the current "
    "text. Nothing is saved until you accept a section; text that fits no section is kept below to place or copy."
)

applications = docx_export.my_applications(deps.uow(), actor)
if not applications:
    st.info("You are not on the team of any application yet.", icon=":material/info:")
    st.stop()
labels = {a.id: f"{a.title} · {ApplicationStatus(a.status).label}" for a in applications}
if st.session_state.get(state.DRAFT_IMPORT_APPLICATION) not in labels:
    st.session_state.pop(state.DRAFT_IMPORT_APPLICATION, None)
chosen = st.selectbox("Application", list(labels), format_func=labels.__getitem__, key=state.DRAFT_IMPORT_APPLICATION)
upload = st.file_uploader(
    "Word draft (.docx)", type=["docx", "doc"], key=DRAFT_IMPORT_UPLOAD_KEY, help="A .docx of at most 20 MB."
)
if upload is None:
    st.info(
        "Tip: keep each section under its own heading (the section's title, numbered or not), "
        "so it is matched to the right section.",
        icon=":material/lightbulb:",
    )
    st.stop()
draft_import_panel(actor, chosen, upload)
