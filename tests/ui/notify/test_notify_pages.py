"""Notices, notification settings and the admins' outbox, through the real entry script."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qsl

from sqlalchemy import select

from research.db.models import CalendarToken, NotifyPreference, RoundFollow
from research.domain.roles import Role
from research.services.accounts import auth
from research.services.accounts.users import set_active
from research.services.drafting.application_view import application_detail
from research.services.drafting.team import assign_section, invite_coauthor
from research.services.notify.inbox import my_notices
from research.services.notify.notices import Tell, tell
from research.services.notify.outbox import Draft, enqueue
from research.ui import session as ui_session
from research.ui import state
from research.ui.navigation import page_for
from tests.integration.drafting_support import start
from tests.service_catalogue import add_round
from tests.ui.conftest import add_user


def switch(app, file: str):
    app.switch_page(str(page_for(file).path))
    return app.run()


def give_notices(uow, user_id: int, count: int) -> None:
    with uow as session:
        for n in range(count):
            tell(session, [user_id], Tell("status", f"Update {n} about “*bold* title”", "Body text", "rounds_page"))


def test_the_sidebar_counts_unread_notices_and_the_list_marks_them_read(signed_in, ui_uow):
    app, actor = signed_in(Role.RESEARCHER)
    give_notices(ui_uow, actor.id, 3)
    app.run()
    assert not app.exception
    assert any(link.label == "Notices: 3 unread" for link in app.sidebar.get("page_link"))
    switch(app, "notices_page.py")
    assert "Update 2 about “\\*bold\\* title”" in " ".join(m.value for m in app.markdown)
    app.button(key=next(b.key for b in app.button if b.key and b.key.startswith("notice_read_"))).click().run()
    assert any(link.label == "Notices: 2 unread" for link in app.sidebar.get("page_link"))
    next(b for b in app.button if b.label == "Mark all read").click().run()
    assert any(link.label == "Notices: none unread" for link in app.sidebar.get("page_link"))


def test_settings_save_a_cadence_and_follow_a_round(signed_in, ui_uow):
    app, actor = signed_in(Role.RESEARCHER)
    round_id = add_round(ui_uow, "Marsden Fund", "Standard", datetime(2099, 2, 1, tzinfo=UTC), name="Marsden 2099")
    switch(app, "notify_preferences_page.py")
    assert not app.exception
    app.get("segmented_control")[0].set_value("off")
    app.button[0].click().run()  # "Save settings"
    assert app.multiselect[0].options == ["Marsden 2099 (closes 01 Feb 2099)"]
    app.multiselect[0].set_value([round_id])
    next(b for b in app.button if b.label == "Save rounds").click().run()
    with ui_uow as session:
        prefs = dict(session.execute(select(NotifyPreference.kind, NotifyPreference.cadence)).all())
        follows = session.scalars(select(RoundFollow.user_id)).all()
    assert prefs == {"review_invitation": "off"} and follows == [actor.id]


def test_the_feed_address_is_shown_once(signed_in, ui_uow):
    app, _ = signed_in(Role.REVIEWER)
    switch(app, "notify_preferences_page.py")
    next(b for b in app.button if b.label == "Make my feed address").click().run()
    assert "/calendar/" in app.code[0].value and app.code[0].value.endswith(".ics")
    switch(app, "notify_preferences_page.py")
    assert not app.code and any("It is not shown again" in c.value for c in app.caption)


def test_only_admins_open_the_outbox(signed_in, ui_uow):
    app, admin = signed_in(Role.ADMIN)
    with ui_uow as session:
        enqueue(session, Draft(admin.id, "a@example.org", "status", "Hello", "t", "<p>t</p>", ""))
    switch(app, "outbox_page.py")
    assert not app.exception and app.dataframe[0].value["subject"].tolist() == ["Hello"]
    assert app.metric[0].value == "1"
    app, _ = signed_in(Role.MANAGER)
    app.run()
    switch(app, "outbox_page.py")
    assert "not available to your role" in app.error[0].value


def test_a_notices_link_opens_the_exact_application_and_section(signed_in, ui_uow):
    app, actor = signed_in(Role.RESEARCHER)
    lead = add_user(ui_uow, Role.RESEARCHER)
    app_id = start(ui_uow, lead, title="Tidal memory")
    invite_coauthor(ui_uow, lead, app_id, actor.id)
    last = application_detail(ui_uow, lead, app_id).sections[-1].id  # not the one the editor opens first
    assign_section(ui_uow, lead, last, actor.id, None)
    [notice] = [n for n in my_notices(ui_uow, actor) if n.kind == "section_assigned"]
    page, _, query = notice.link.partition("?")
    app.run()
    app.switch_page(str(page_for(f"{page}.py").path))
    for key, value in parse_qsl(query):
        app.query_params[key] = value
    app.run()
    assert not app.exception
    assert app.session_state[state.EDITOR_APPLICATION] == app_id and app.session_state[state.EDITOR_SECTION] == last


def _feed_tokens(uow) -> list[tuple[int, bool]]:
    with uow as session:
        return [(t.user_id, t.revoked_at is None) for t in session.scalars(select(CalendarToken))]


def test_feed_buttons_of_an_ended_session_write_nothing(signed_in, ui_uow):
    """Issue 12, writes re-check who is writing: a button callback runs before the entry script signs the
    page in again, with the actor of the last run; signed out in another tab, it must not make or stop a feed."""
    app, actor = signed_in(Role.REVIEWER)
    switch(app, "notify_preferences_page.py")
    auth.logout(ui_uow, ui_session.session_token())
    next(b for b in app.button if b.label == "Make my feed address").click().run()
    assert not app.exception
    assert _feed_tokens(ui_uow) == []
    assert any("Your session has ended" in e.value for e in app.error)

    app, actor = signed_in(Role.REVIEWER, "rewi")
    switch(app, "notify_preferences_page.py")
    next(b for b in app.button if b.label == "Make my feed address").click().run()
    assert _feed_tokens(ui_uow) == [(actor.id, True)]
    set_active(ui_uow, add_user(ui_uow, Role.ADMIN), actor.id, False)
    next(b for b in app.button if b.label == "Turn the feed off").click().run()
    assert not app.exception
    assert _feed_tokens(ui_uow) == [(actor.id, True)]
