"""Entry point: who is signed in, which pages their role may see, then run the page."""

import streamlit as st

from research.config import ConfigError
from research.db.engine import DatabaseUnavailable
from research.domain.errors import DatabaseBusy
from research.services.accounts.users import has_admin
from research.ui import deps, state
from research.ui.components.accounts.signin_forms import sign_out_button
from research.ui.components.notify.unread_link import unread_notices_link
from research.ui.feedback import show_flash
from research.ui.navigation import PAGES, PAGES_DIR
from research.ui.session import current_actor

# An emoji icon is drawn in the browser; a :material/...: page icon is fetched from Google's servers,
# which the Content-Security-Policy (research/ui/security_headers.py) refuses.
st.set_page_config(page_title="Research Cluster Workspace", page_icon="🔬", layout="wide")

try:
    first_run = not has_admin(deps.uow())
    actor = None if first_run else current_actor()
except (ConfigError, DatabaseUnavailable) as exc:
    st.error(f"The workspace cannot open its database. {exc}", icon=":material/database:")
    st.stop()
except DatabaseBusy as exc:
    st.error(str(exc), icon=":material/hourglass_top:")
    st.stop()

st.session_state[state.ACTOR] = actor
show_flash()

if first_run:
    page = st.navigation(
        [st.Page(PAGES_DIR / "accounts/setup_page.py", title="Set up", icon=":material/rocket_launch:")]
    )
elif actor is None:
    page = st.navigation([st.Page(PAGES_DIR / "accounts/login_page.py", title="Sign in", icon=":material/login:")])
elif actor.must_change_password:
    page = st.navigation(
        [st.Page(PAGES_DIR / "accounts/account_page.py", title="Choose a new password", icon=":material/password:")]
    )
else:
    sections: dict[str, list] = {}
    for spec in PAGES:
        sections.setdefault(spec.section, []).append(
            st.Page(
                spec.path,
                title=spec.title,
                icon=spec.icon,
                help=spec.help,
                visibility="visible" if spec.allows(actor) else "hidden",
            )
        )
    page = st.navigation(sections, position="sidebar", expanded=True)
    with st.sidebar:
        st.caption(f"Signed in as **{actor.display_name}** · {actor.role.value}")
        unread_notices_link(actor)
        sign_out_button()

try:
    page.run()
except DatabaseBusy as exc:  # a read or write outside a page's own error handling waited too long for a lock
    st.error(str(exc), icon=":material/hourglass_top:")
