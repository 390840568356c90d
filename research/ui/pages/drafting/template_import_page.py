"""Admin: turn a funder's Word form into an application template, checked and edited before saving."""

import streamlit as st

from research.domain.upload_limits import upload_limits_note
from research.ui.components.drafting.template_preview import load_draft, template_preview
from research.ui.guard import page_actor

TEMPLATE_IMPORT_UPLOAD_KEY = "template_import_upload"

actor = page_actor("template_import_page.py")
st.title("Import a Word form")
st.caption(
    "Upload the funder's blank application form (.docx). Its questions are found however the form marks "
    "them (headings, bold or numbered questions, tables of questions, content controls); limits such as "
    "“max 500 words”, “[2 sides]” or “Sections 2 and 3 together: 4 pages” and page rules such as "
    "“Arial 11 point minimum” are read from its text. Nothing is saved until you check the preview and press Save."
)

upload = st.file_uploader(
    "Funder's form",
    type=["docx", "doc"],
    key=TEMPLATE_IMPORT_UPLOAD_KEY,
    help="A .docx without a password. " + upload_limits_note(paragraphs=True),
)
if upload is None:
    st.info(
        "Tip: in Word, mark each question with a Heading style (Heading 1, Heading 2 ...) "
        "so that it is found as a section.",
        icon=":material/lightbulb:",
    )
    st.stop()

draft = load_draft(upload)
if draft is not None:
    template_preview(actor, draft, upload.name)
