"""Review inbox: invitations to answer (declaring any conflict first) and reviews in progress."""

import pandas as pd
import streamlit as st

from research.domain.reviewing import ReviewStatus
from research.services.review import reviewing
from research.ui import deps, state
from research.ui.components.review.review_common import day
from research.ui.components.review.review_invitations import invitation_card, open_review_row, reminders
from research.ui.feedback import attempt
from research.ui.guard import page_actor

SOONEST = 10  # reviews in progress listed before "Show all"

actor = page_actor("review_inbox_page.py")
st.title("Review inbox")
items = attempt(lambda: reviewing.review_inbox(deps.uow(), actor))
if items is None:
    st.stop()

invited = [i for i in items if i.status == ReviewStatus.INVITED]
working = [i for i in items if i.status == ReviewStatus.ACCEPTED]
past = [i for i in items if i.status not in (ReviewStatus.INVITED, ReviewStatus.ACCEPTED)]
reminders(invited + working)

st.subheader(f"Invitations ({len(invited)})")
if not invited:
    st.caption("No invitations are waiting for an answer.")
for item in invited:
    invitation_card(actor, item)

st.subheader(f"In progress ({len(working)})")
if not working:
    st.caption("Nothing in progress. Accepted reviews appear here.")
if len(working) > SOONEST and not st.toggle(f"Show all {len(working)}", key=state.INBOX_SHOW_ALL):
    st.caption(f"The {SOONEST} due soonest; {len(working) - SOONEST} more are due later.")
    working = working[:SOONEST]
for item in working:
    open_review_row(item)

if past:
    st.subheader("Finished and past")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "application": i.application_title,
                    "round": i.round_number,
                    "status": i.status.label,
                    "was due": day(i.due_on),
                }
                for i in past
            ]
        ),
        hide_index=True,
    )
