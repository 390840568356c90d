"""Workspace settings rows the services did not write: another process's change, a value an older
release stored, and a read made while this process holds SQLite's write lock.

These write rows by hand on purpose (tests/checks/test_builders_use_services.py names this module):
the services validate and refresh this process's cache, which is exactly what these cases are not.
"""

from __future__ import annotations

from research.db.models import Cluster, WorkspaceSettingsRow
from research.domain.locale import Locale, workspace_locale
from research.domain.roles import Role
from research.services.common import workspace_settings as settings_module
from research.services.common.workspace_settings import refresh_workspace_settings, update_settings, workspace_settings


def test_a_settings_read_inside_a_write_does_not_wait_for_the_lock(workspace_settings_source, make_actor):
    """The locale source reads outside any transaction: an import holding SQLite's write lock can call it."""
    uow = workspace_settings_source
    update_settings(uow, make_actor(Role.ADMIN), currency="AUD")
    with uow as session:
        session.add(Cluster(name="Holding the write lock"))
        session.flush()
        refresh_workspace_settings(uow.engine)
        assert workspace_locale().currency == "AUD"


def test_a_change_made_by_another_process_is_read_within_the_refresh_time(workspace_settings_source, monkeypatch):
    uow = workspace_settings_source
    assert workspace_locale().currency == "NZD"
    with uow as session:  # as another app process would write it: this process's cache is not told
        session.add(WorkspaceSettingsRow(id=1, currency="EUR", area="Berlin"))
    assert workspace_locale().currency == "NZD"  # cached
    monkeypatch.setattr(settings_module, "REFRESH_SECONDS", 0.0)
    assert workspace_locale().currency == "EUR" and workspace_locale().area.places == ("Berlin",)


def test_a_stored_value_no_longer_valid_falls_back_rather_than_failing(uow):
    with uow as session:
        session.add(WorkspaceSettingsRow(id=1, currency="XXQ", timezone="Gone/Away", financial_year_start=4, area=""))
    assert workspace_settings(uow) == Locale(financial_year_start=4)
