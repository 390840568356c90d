"""Admins: load the demo workspace into this one (while it has no data yet), or remove it again."""

from __future__ import annotations

import streamlit as st

from research.demo.seed import DEMO_ACCOUNTS, DEMO_USERNAMES, demo_status, remove_demo, seed_demo
from research.services.common.actor import Actor
from research.ui import deps
from research.ui.feedback import action_button, attempt, show_outcome

KEY = "demo_panel"
DEMO_TEXT = (
    "The demo is a city's economic development unit and its clusters: real New Zealand funding rounds, "
    "applications in every state, reviews, and the research cluster's $80,000 grant that helped bring back "
    "about $18 million. It adds one account per role: "
)


def demo_panel(actor: Actor) -> None:
    status = attempt(lambda: demo_status(deps.uow(), actor))
    if status is None:
        return
    with st.expander("Demo workspace", icon=":material/auto_awesome:", expanded=True):
        show_outcome(f"{KEY}_load")  # here: once it went through, the button that did it is gone
        show_outcome(f"{KEY}_remove")
        names = ", ".join(f"{a.username} ({a.role})" for a in DEMO_ACCOUNTS)
        if not status.loaded:
            st.write(DEMO_TEXT + names + ". Their passwords show on the sign-in page.")
            if status.load_refusal:
                st.caption(status.load_refusal)
                return
            action_button(
                "Load the demo workspace",
                f"{KEY}_load",
                lambda: seed_demo(deps.uow(), by=actor),
                "Demo loaded: sign out and sign in with a demo account to look around as each role.",
                busy="Loading the demo workspace… (a few seconds)",
                icon=":material/auto_awesome:",
            )
            return
        st.write("This workspace holds the demo: " + names + ".")
        staying = ", ".join(status.staying_accounts) or "none"
        st.caption(
            "Removing it deletes the demo's accounts and everything in the workspace's funders, rounds, "
            f"applications, reviews and ledgers, which the demo created. These accounts stay: {staying}."
        )
        if status.added_on_top:
            st.warning(
                "The demo cannot be removed yet: people outside it have added work that would be lost: "
                + "; ".join(status.added_on_top)
                + ".",
                icon=":material/warning:",
            )
            return
        if actor.username in DEMO_USERNAMES:
            st.info(
                f"You are signed in as the demo's {actor.username}, who goes with it. To remove the demo, add "
                "your own admin account above, sign in with it, and remove the demo from there.",
                icon=":material/info:",
            )
            return
        with st.popover("Remove the demo…", icon=":material/delete:"):
            st.write("Remove the demo's accounts and all the data it created? This cannot be undone.")
            action_button(
                "Yes, remove the demo",
                f"{KEY}_remove",
                lambda: remove_demo(deps.uow(), actor),
                "Demo removed: the workspace is empty again, and your accounts are as they were.",
                busy="Removing the demo…",
                type="primary",
            )
