"""Templates (admin): every funder template, its sections, limits, checklist and rubric; add one."""

import pandas as pd
import streamlit as st

from research.services.drafting.templates import add_template_toml, get_template, list_templates
from research.ui import deps, state
from research.ui.components.drafting.template_details import template_details
from research.ui.feedback import attempt, succeeded
from research.ui.guard import page_actor

actor = page_actor("templates_page.py")
st.title("Application templates")
st.caption(
    "Files in templates/ ship with the app; admins can add more here. A template is copied into each "
    "application when it starts, so changing one never alters a draft in progress."
)

templates = list_templates(deps.uow())
st.dataframe(
    pd.DataFrame(
        [
            {
                "template": t.name,
                "key": t.key,
                "version": t.version,
                "sections": t.sections,
                "from": t.origin,
                "problem": t.problem or "—",
            }
            for t in templates
        ]
    ),
    hide_index=True,
    width="stretch",
    column_config={
        "sections": st.column_config.NumberColumn(width="small"),
        "version": st.column_config.TextColumn(width="small"),
    },
)

usable = {t.key: t.name for t in templates if t.usable}
key = st.selectbox("Show template", list(usable), format_func=usable.__getitem__, key=state.TEMPLATES_SELECTED)
if key and (spec := attempt(lambda: get_template(deps.uow(), key))):
    template_details(spec)

with st.form("add_template", clear_on_submit=True):
    st.subheader("Add a template")
    upload = st.file_uploader(
        "Template file (TOML)",
        type=["toml"],
        help="Same format as the files in templates/: name, funder, scheme, version, "
        "page, sections, shared_limits, checklist, rubric, sources.",
    )
    if st.form_submit_button("Add template", type="primary", icon=":material/upload_file:"):
        if upload is None:
            st.error("Choose a TOML file first.", icon=":material/error:")
        else:
            data, name = upload.getvalue(), upload.name
            if succeeded(lambda: add_template_toml(deps.uow(), actor, data, name), f"Added the template from {name}."):
                st.rerun()
