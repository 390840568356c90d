"""Templates (admin): every funder template, its sections, limits, checklist and rubric; add one."""

import pandas as pd
import streamlit as st

from research.domain.upload_limits import MAX_UPLOAD_MB
from research.services.drafting.templates import add_template_toml, get_template, list_templates
from research.ui import deps, state
from research.ui.components.common.form_fields import forget
from research.ui.components.drafting.template_details import template_details
from research.ui.feedback import attempt, succeeded
from research.ui.guard import page_actor

ADD_TEMPLATE_KEY = "add_template"

actor = page_actor("templates_page.py")
st.title("Application templates")
st.caption(
    "The funders' templates ship with the workspace; admins can add more here. A template is copied into each "
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

with st.form(ADD_TEMPLATE_KEY):
    st.subheader("Add a template")
    upload = st.file_uploader(
        "Template file (TOML)",
        type=["toml"],
        key=f"{ADD_TEMPLATE_KEY}_file",
        help=f"Up to {MAX_UPLOAD_MB} MB. Same format as the files in templates/: name, funder, scheme, version, "
        "page, sections, shared_limits, checklist, rubric, sources.",
    )
    if st.form_submit_button("Add template", type="primary", icon=":material/upload_file:"):
        if upload is None:
            st.error("Choose a TOML file first.", icon=":material/error:")
        else:
            data, name = upload.getvalue(), upload.name
            if succeeded(lambda: add_template_toml(deps.uow(), actor, data, name), f"Added the template from {name}."):
                forget(f"{ADD_TEMPLATE_KEY}_file")
                st.rerun()
