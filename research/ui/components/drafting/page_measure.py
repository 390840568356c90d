"""Measure page counts on demand: lay the application out with LibreOffice (a few seconds, with a spinner).

The counts are kept on disk by text version, so the readiness gate and the export read them back
instantly until the text or the page rules change.
"""

from __future__ import annotations

import streamlit as st

from research.adapters.render_cache import PageCountCache
from research.domain.export_document import ExportOptions
from research.domain.page_counts import PageCounts, PageLine
from research.export.docx_base import choose_reference
from research.export.page_count import measure_pages
from research.services.common.actor import Actor
from research.services.drafting import docx_export
from research.ui import deps
from research.ui.feedback import attempt

KEY = "page_measure"


def measure(actor: Actor, application_id: int) -> PageCounts | None:
    def run() -> PageCounts:
        document = docx_export.export_document(deps.uow(), actor, application_id)
        reference = choose_reference(deps.settings().templates_dir, document.template_key, None)
        return measure_pages(document, ExportOptions(), reference, PageCountCache(deps.settings().cache_dir))

    with st.spinner("Laying the text out with the template's page rules to count its pages…"):
        return attempt(run)


def page_lines_panel(actor: Actor, application_id: int, lines: tuple[PageLine, ...]) -> None:
    """Each page-limited section's size, and a button to measure it when only estimates are known."""
    if not lines:
        return
    st.markdown("**Page counts**")
    st.text("\n".join(f"{line}{' — over the limit' if line.over else ''}" for line in lines))
    if all(line.measured for line in lines):
        st.caption("Measured on the document laid out with the template's page rules, for the text as it is now.")
        return
    st.caption("Estimates from the length of the text. Measuring lays the document out as a funder would print it.")
    if st.button("Measure page counts", key=f"{KEY}_{application_id}", icon=":material/straighten:"):
        counts = measure(actor, application_id)
        if counts is not None and not counts.measured:
            st.warning(f"The page counts stay estimates: {counts.note}", icon=":material/warning:")
        elif counts is not None:
            st.rerun()
