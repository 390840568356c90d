"""Application editor: the sections at a glance, one section open for writing, and the team."""

import streamlit as st

from research.services.drafting.application_view import application_detail
from research.services.drafting.applications import my_applications
from research.ui import deps
from research.ui.components.drafting.application_header import application_header, choose_application
from research.ui.components.drafting.docx_download import docx_download
from research.ui.components.drafting.section_editor import section_editor
from research.ui.components.drafting.section_list import choose_section, section_table
from research.ui.components.drafting.team_panel import team_panel
from research.ui.components.review.readiness_status import readiness_summary
from research.ui.components.review.section_comments import section_comments
from research.ui.components.writing.aids_panel import writing_aids
from research.ui.feedback import attempt
from research.ui.guard import page_actor

EDITOR_DOCX_KEY = "editor_docx"

actor = page_actor("application_editor_page.py")
st.title("Application editor")

rows = attempt(lambda: my_applications(deps.uow(), actor))
if not rows:
    st.info(
        "You are not on the team of any application yet. Start one, or ask a lead to invite you.",
        icon=":material/edit_note:",
    )
    st.page_link(
        "research/ui/pages/drafting/my_applications_page.py", label="My applications", icon=":material/folder_open:"
    )
    st.stop()

application_id = choose_application(rows)
detail = None
if application_id is not None:
    chosen_id: int = application_id
    detail = attempt(lambda: application_detail(deps.uow(), actor, chosen_id))
if detail is None:
    st.stop()
application_header(actor, detail)
readiness_summary(actor, detail.id)

write_tab, team_tab, export_tab = st.tabs(["Sections", "Team and assignments", "Export to Word"])
with write_tab:
    section_table(detail)
    section_id = choose_section(detail)
    section_editor(actor, section_id)
    writing_aids(actor, detail.id, section_id)
    with st.expander("Reviewers' comments on this section", icon=":material/forum:", expanded=True):
        section_comments(actor, detail.id, section_id, allow_new=False)
with team_tab:
    team_panel(actor, detail, section_id)
with export_tab:
    docx_download(actor, detail.id, key=EDITOR_DOCX_KEY, title=None)
