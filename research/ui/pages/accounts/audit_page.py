"""Admin: the audit trail, newest first, filtered by who, what and when; sign-ins grouped apart."""

import pandas as pd
import streamlit as st

from research.domain.round_values import format_moment
from research.services.common.audit import AuditQuery, AuditRow, audit_trail
from research.ui import deps
from research.ui.components.accounts.audit_links import link_for
from research.ui.feedback import attempt
from research.ui.guard import page_actor

AUDIT_WHO = "audit_who"
AUDIT_WHAT = "audit_what"
AUDIT_FROM = "audit_from"
AUDIT_TO = "audit_to"
EVERYONE = 0

actor = page_actor("audit_page.py")
st.title("Audit trail")
st.caption(f"Times in {actor.timezone}, your time zone.")
choices = attempt(lambda: audit_trail(deps.uow(), actor, AuditQuery(limit=0, zone=actor.timezone)))
if choices is None:
    st.stop()
people = {EVERYONE: "Everyone", **dict(choices.people)}
who_col, what_col, from_col, to_col = st.columns([1.2, 2, 1, 1])
who = who_col.selectbox("Who", list(people), format_func=people.__getitem__, key=AUDIT_WHO)
what = what_col.multiselect("What", choices.actions, key=AUDIT_WHAT, placeholder="Every change")
day_from = from_col.date_input("From", value=None, key=AUDIT_FROM, format="DD/MM/YYYY")
day_to = to_col.date_input("To", value=None, key=AUDIT_TO, format="DD/MM/YYYY")
query = AuditQuery(who or None, tuple(what), day_from, day_to, actor.timezone)
trail = attempt(lambda: audit_trail(deps.uow(), actor, query))
if trail is None:
    st.stop()


def frame(rows: tuple[AuditRow, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "when": format_moment(e.at, actor.timezone, False),
                "who": e.actor,
                "what": e.action,
                "on": e.target,
                "open": link_for(actor, e.entity, e.entity_id),
                "detail": ", ".join(f"{k}: {v}" for k, v in e.detail.items()),
            }
            for e in rows
        ],
        columns=["when", "who", "what", "on", "open", "detail"],
    )


LINK = {"open": st.column_config.LinkColumn("open", display_text="Open", width="small")}
if trail.sign_ins.count:
    s = trail.sign_ins
    title = f"Sign-ins and sign-outs: {s.count:,} by {s.people:,} {'person' if s.people == 1 else 'people'}"
    with st.expander(title, icon=":material/login:"):
        st.dataframe(frame(s.recent), hide_index=True, width="stretch", column_config=LINK)
        if s.count > len(s.recent):
            st.caption(f"The newest {len(s.recent)}. Choose “signed in” under What to list them all.")
if not trail.events:
    st.info("Nothing recorded matches these filters.", icon=":material/filter_alt_off:")
else:
    shown = len(trail.events)
    st.caption(
        f"{trail.total:,} change{'s' if trail.total != 1 else ''}"
        + (f", the newest {shown}" if shown < trail.total else "")
    )
    st.dataframe(frame(trail.events), hide_index=True, width="stretch", column_config=LINK)
