"""Issue 12: a write re-reads the session, even from a fragment that kept the actor of an earlier run.

AppTest cannot rerun a single fragment, so the editor component runs on its own here with the
actor of the last full run, as its fragments do, while the session behind it has ended.
"""

from datetime import timedelta

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from research.db.models import SectionPresence
from research.domain.clock import utcnow
from research.domain.roles import Role
from research.services.accounts import auth
from research.services.accounts.users import set_active
from research.ui import session as ui_session
from research.ui import state
from tests.integration.drafting_support import section_id, start
from tests.time_passes import presence_last_seen, session_last_seen
from tests.ui.conftest import add_user
from tests.ui.drafting.test_drafting_pages import body_area, button, revisions

UNSAVED = "Words written just before the session ended."


def _editor_fragments_with_the_actor_of_an_earlier_run(section: int) -> None:
    """The editor's two fragments, called as a fragment rerun calls them: with the arguments of the last full run."""
    import streamlit as st

    from research.services.drafting.sections import open_section
    from research.ui import deps, state
    from research.ui.components.drafting.editor_state import opened
    from research.ui.components.drafting.section_editor import _presence, _writer

    actor = st.session_state[state.ACTOR]
    if "view_of_the_last_full_run" not in st.session_state:
        st.session_state["view_of_the_last_full_run"] = open_section(deps.uow(), actor, section)
    view = st.session_state["view_of_the_last_full_run"]
    seen = opened(view)
    _presence(actor, view.id, seen.version)
    _writer(actor, view, seen)


def _end_by_signing_out(uow, token, actor):
    auth.logout(uow, token)


def _end_by_deactivation(uow, token, actor):
    set_active(uow, add_user(uow, Role.ADMIN), actor.id, False)


def _end_by_idling(uow, token, actor):
    session_last_seen(uow, utcnow() - timedelta(days=1))


@pytest.mark.parametrize("end_session", [_end_by_signing_out, _end_by_deactivation, _end_by_idling])
def test_an_ended_session_cannot_save_from_the_editor_and_keeps_the_text(signed_in, ui_uow, end_session):
    _, hana = signed_in(Role.RESEARCHER, "hana")
    summary = section_id(ui_uow, hana, start(ui_uow, hana), "summary")
    at = AppTest.from_function(_editor_fragments_with_the_actor_of_an_earlier_run, args=(summary,), default_timeout=30)
    at.session_state[state.ACTOR] = hana  # as streamlit_app.py left it
    at.run()
    body_area(at).set_value(UNSAVED)
    end_session(ui_uow, ui_session.session_token(), hana)
    button(at, "Save").click().run()
    assert not at.exception
    assert revisions(ui_uow, summary) == []
    assert any("session has ended" in e.value for e in at.error)
    assert body_area(at).value == UNSAVED
    assert any(c.value == UNSAVED for c in at.code)  # also shown read-only, to copy


def test_presence_is_not_marked_for_an_ended_session(signed_in, ui_uow):
    _, hana = signed_in(Role.RESEARCHER, "hana")
    summary = section_id(ui_uow, hana, start(ui_uow, hana), "summary")
    at = AppTest.from_function(_editor_fragments_with_the_actor_of_an_earlier_run, args=(summary,), default_timeout=30)
    at.session_state[state.ACTOR] = hana  # as streamlit_app.py left it
    at.run()
    auth.logout(ui_uow, ui_session.session_token())
    presence_last_seen(ui_uow, utcnow() - timedelta(hours=1))
    at.run()
    with ui_uow as session:
        seen = session.scalar(select(SectionPresence.seen_at))
    assert seen is None or utcnow() - seen.replace(tzinfo=utcnow().tzinfo) > timedelta(minutes=30)
