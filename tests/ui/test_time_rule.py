"""One time rule, run through the pages: stored in UTC, shown in the viewer's zone (a round's deadline
in the round's own zone, labelled), and no date moves with the server's own time zone.

The server runs in Pacific/Kiritimati (UTC+14) and the clock stands at 10:30 UTC on 1 Feb 2027:
already 2 Feb there, still 1 Feb in UTC and 23:30 on 1 Feb in New Zealand, the workspace zone.
"""

import time
from contextvars import ContextVar
from datetime import UTC, date, datetime

import pytest

from research.domain import clock
from research.domain.roles import Role
from research.domain.round_rules import RoundInput
from research.services.common.audit import record
from research.services.roi import clusters
from research.services.rounds import editing, funders
from tests.ui.conftest import add_user

NOW = datetime(2027, 2, 1, 10, 30, tzinfo=UTC)
NZ_TODAY = date(2027, 2, 1)
CLOSES = datetime(2027, 2, 21, 23, 0, tzinfo=UTC)  # 12:00 on 22 Feb in New Zealand (NZDT)
MINE = "research/ui/pages/drafting/my_applications_page.py"
LEDGERS = "research/ui/pages/roi/ledgers_page.py"
AUDIT = "research/ui/pages/accounts/audit_page.py"


@pytest.fixture(autouse=True)
def far_from_utc(monkeypatch):
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    # Every utcnow(), in this thread and the page's, reads this moment.
    monkeypatch.setattr(clock, "_frozen", ContextVar("frozen_now", default=NOW))
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


def open_page(at, page):
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_the_round_picker_says_the_day_the_round_closes_where_it_closes(signed_in, ui_uow):
    boss = add_user(ui_uow, Role.MANAGER, "boss")
    funder = funders.save_funder(ui_uow, boss, "Marsden Fund").id
    editing.create_round(ui_uow, boss, RoundInput(funder_id=funder, scheme="Standard", name="M27", closes_at=CLOSES))
    at, _ = signed_in(Role.RESEARCHER)
    open_page(at, MINE)
    labels = at.selectbox(key="new_application_round").options
    assert any("Mon 22 Feb 2027, 12:00 NZDT" in label for label in labels), labels


def test_the_grant_ledger_defaults_to_today_in_new_zealand(signed_in, ui_uow):
    at, manager = signed_in(Role.MANAGER)
    clusters.add_cluster(ui_uow, manager, "Research")
    open_page(at, LEDGERS)
    assert at.form("grant_form_new").date_input[0].value == NZ_TODAY


def test_the_audit_trail_shows_new_zealand_time(signed_in, ui_uow):
    at, admin = signed_in(Role.ADMIN)
    with ui_uow as session:
        record(session, admin.id, "changed funder", "funder", None)
    open_page(at, AUDIT)
    when = at.dataframe[-1].value["when"].tolist()
    assert when[0] == "Mon 1 Feb 2027, 23:30 NZDT"
