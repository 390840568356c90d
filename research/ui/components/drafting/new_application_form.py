"""Starting an application: round (which suggests its template), title, cluster, amount."""

from __future__ import annotations

import streamlit as st

from research.domain.locale import workspace_locale
from research.domain.money import MONEY_HELP
from research.services.common.actor import Actor
from research.services.drafting.applications import cluster_choices, round_choices, start_application
from research.services.drafting.templates import list_templates
from research.ui import deps, state
from research.ui.feedback import attempt

EDITOR = "research/ui/pages/drafting/application_editor_page.py"


def new_application_form(actor: Actor, for_round: int | None = None) -> None:
    """`for_round`: started from that round's own page, so the round is fixed and its template suggested."""
    rounds = {r.id: r for r in attempt(lambda: round_choices(deps.uow(), actor)) or []}
    if for_round is not None and for_round not in rounds:
        st.caption("This round is closed or archived, so no application can be started for it.")
        return
    templates = {t.key: f"{t.name} ({t.funder})" for t in list_templates(deps.uow()) if t.usable}
    if for_round is not None:
        round_id: int | None = for_round
        st.caption(f"For {rounds[for_round].label}.")
    else:
        round_id = st.selectbox(
            "Funding round",
            [None, *rounds],
            key=state.NEW_APPLICATION_ROUND,
            format_func=lambda i: "No round yet (choose a template)" if i is None else rounds[i].label,
        )
    suggested = rounds[round_id].template_key if round_id else None
    keys = list(templates)
    clusters = dict(cluster_choices(deps.uow()))
    with st.form("new_application" if for_round is None else f"new_application_round_{for_round}"):
        title = st.text_input("Title", max_chars=300)
        template = st.selectbox(
            "Template",
            keys,
            format_func=templates.__getitem__,
            index=keys.index(suggested) if suggested in keys else None,
            placeholder="Choose the funder's template",
            help="The round suggests its funder's template; the template is copied into "
            "the application, so later template changes never alter your draft.",
        )
        cluster = st.selectbox("Cluster", [None, *clusters], format_func=lambda i: "—" if i is None else clusters[i])
        amount = st.text_input(
            "Requested amount",
            placeholder="e.g. 950,000",
            help=f"In {rounds[round_id].currency if round_id else workspace_locale().currency}, "
            f"excluding GST or VAT. {MONEY_HELP}",
        )
        if st.form_submit_button("Start application", type="primary", icon=":material/add:"):
            new_id = attempt(
                lambda: start_application(
                    deps.uow(),
                    actor,
                    title=title,
                    round_id=round_id,
                    cluster_id=cluster,
                    requested=amount,
                    template_key=template,
                ),
                f"Started “{title.strip()}”. You are its lead.",
            )
            if new_id:
                st.session_state[state.EDITOR_APPLICATION] = new_id
                st.switch_page(EDITOR, query_params={"application": str(new_id)})
