"""The sidebar's link to the notices list, with the unread count."""

from __future__ import annotations

import streamlit as st

from research.config import ROOT
from research.services.notify.inbox import unread_count
from research.ui import deps
from research.ui.navigation import page_for


def unread_notices_link(actor) -> None:
    count = unread_count(deps.uow(), actor)
    label = f"Notices: {count} unread" if count else "Notices: none unread"
    path = page_for("notices_page.py").path.relative_to(ROOT)
    st.page_link(str(path), label=label, icon=":material/notifications:")
