"""A write answers on the run of its click: its confirmation and the buttons' new state, never a click later.

The rule is enforced for every write by tests/unit/test_writes_show_outcome_at_once.py; these run a few
representative ones through the real entry script: a form (notification settings), an on_click callback
(turning the calendar feed off) and a button whose label follows the state (deactivating a user).
"""

from __future__ import annotations

from sqlalchemy import select

from research.db.models import NotifyPreference, User
from research.domain.roles import Role
from research.ui.navigation import page_for
from tests.ui.conftest import add_user


def _open(app, file: str):
    app.run()
    app.switch_page(str(page_for(file).path))
    app.run()
    assert not app.exception
    return app


def _toasts(app) -> list[str]:
    return [t.value for t in app.toast]


def test_saving_notification_settings_confirms_on_the_same_run(signed_in, ui_uow):
    app, actor = signed_in(Role.RESEARCHER)
    _open(app, "notify_preferences_page.py")
    app.get("segmented_control")[0].set_value("off")
    next(b for b in app.button if b.label == "Save settings").click().run()
    assert _toasts(app) == ["Notification settings saved."]
    assert app.get("segmented_control")[0].value == "off"  # the form shows what was saved
    with ui_uow as session:
        assert session.scalars(select(NotifyPreference.cadence).where(NotifyPreference.user_id == actor.id)).all() == [
            "off"
        ]
    app.run()
    assert not _toasts(app)  # said once


def test_turning_the_feed_off_confirms_and_disables_the_button_on_the_same_run(signed_in):
    app, _ = signed_in(Role.REVIEWER)
    _open(app, "notify_preferences_page.py")
    assert next(b for b in app.button if b.label == "Turn the feed off").disabled
    next(b for b in app.button if b.label == "Make my feed address").click().run()
    assert not next(b for b in app.button if b.label == "Turn the feed off").disabled
    next(b for b in app.button if b.label == "Turn the feed off").click().run()
    assert _toasts(app) == ["The calendar feed is off: its address no longer works."]
    assert next(b for b in app.button if b.label == "Turn the feed off").disabled
    assert any(b.label == "Make my feed address" for b in app.button)


def test_deactivating_a_user_confirms_and_relabels_the_button_on_the_same_run(signed_in, ui_uow):
    app, _ = signed_in(Role.ADMIN, "first-admin")
    add_user(ui_uow, Role.RESEARCHER, "ana")
    _open(app, "users_page.py")
    picker = app.selectbox(key="users_selected")
    picker.select(next(o for o in picker.options if "(ana)" in o)).run()
    assert app.button(key="toggle_active").label == "Deactivate ana"
    app.button(key="toggle_active").click().run()
    assert _toasts(app) == ["Deactivated ana."]
    assert app.button(key="toggle_active").label == "Reactivate ana"
    with ui_uow as session:
        assert session.scalars(select(User.is_active).where(User.username == "ana")).one() is False
