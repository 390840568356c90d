"""Preferences, daily and weekly digests, and one-click unsubscribe."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event

from research.domain.errors import InvalidInput
from research.domain.notify import Cadence
from research.domain.roles import Role
from research.services.drafting import team
from research.services.notify.inbox import mark_read, my_notices, unread_count
from research.services.notify.preferences import my_preferences, set_preference, unsubscribe
from research.services.notify.signing import unsubscribe_token
from research.services.review import rounds as review_rounds
from tests.integration.notify.conftest import APP_URL, html_part, text_part
from tests.integration.notify.helpers import MONDAY, notices_of, notify_pass, outbox
from tests.review_builders import build_application, section_ids


@pytest.fixture
def busy(uow, make_actor, with_email):
    """A co-author assigned two sections and a reviewer invited: four things to be told."""
    lead, coauthor = make_actor(Role.RESEARCHER, "hana"), make_actor(Role.RESEARCHER, "wiremu")
    reviewer = make_actor(Role.REVIEWER, "priya")
    addresses = {p.username: with_email(p) for p in (lead, coauthor, reviewer)}
    app_id = build_application(uow, lead, members=(coauthor,))
    return dict(lead=lead, coauthor=coauthor, reviewer=reviewer, app_id=app_id, addresses=addresses)


def assign_both(uow, busy) -> None:
    ids = section_ids(uow, busy["app_id"])
    for key in ("summary", "aims"):
        team.assign_section(uow, busy["lead"], ids[key], busy["coauthor"].id, MONDAY + timedelta(days=20))


def test_defaults_favour_the_daily_digest(uow, busy):
    rows = my_preferences(uow, busy["coauthor"])
    assert {r.kind: r.cadence for r in rows}["section_assigned"] == Cadence.DAILY
    assert "manager_summary" not in {r.kind for r in rows}  # only managers get it
    assert all(r.is_default for r in rows)


def test_managers_are_asked_about_their_weekly_summary(uow, make_actor):
    rows = my_preferences(uow, make_actor(Role.MANAGER))
    assert {r.kind: r.cadence for r in rows}["manager_summary"] == Cadence.IMMEDIATE


def test_a_daily_digest_gathers_the_days_notices_into_one_email(uow, busy, smtp):
    inbox, mail = smtp
    assign_both(uow, busy)
    assert outbox(uow) == []  # nothing immediate by default
    notify_pass(uow, mail, hour=6)  # before the digest hour
    assert inbox.messages == []
    notify_pass(uow, mail, hour=8)
    [digest] = inbox.to(busy["addresses"]["wiremu"])
    assert digest["Subject"] == "Your workspace digest: 2 updates today"
    text = text_part(digest)
    assert "“Summary”" in text and "“Overall aims”" in text and f"{APP_URL}/application_editor_page?" in text
    assert "daily digest" in text.lower() and digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "“Summary”" in html_part(digest)
    notify_pass(uow, mail, hour=12)
    notify_pass(uow, mail, day=MONDAY + timedelta(days=1), hour=8)
    assert len(inbox.to(busy["addresses"]["wiremu"])) == 1  # nothing new: no second digest


def test_a_weekly_digest_waits_for_monday(uow, busy, smtp):
    inbox, mail = smtp
    set_preference(uow, busy["coauthor"], "section_assigned", "weekly")
    assign_both(uow, busy)
    for offset in range(1, 7):
        notify_pass(uow, mail, day=MONDAY + timedelta(days=offset))
    assert inbox.messages == []
    notify_pass(uow, mail, day=MONDAY + timedelta(days=7))
    [digest] = inbox.messages
    assert digest["Subject"] == "Your workspace digest: 2 updates this week"


def test_off_sends_no_email_but_the_notices_list_still_shows_them(uow, busy, smtp):
    inbox, mail = smtp
    set_preference(uow, busy["coauthor"], "section_assigned", "off")
    assign_both(uow, busy)
    notify_pass(uow, mail)
    assert inbox.messages == []
    assert unread_count(uow, busy["coauthor"]) == 2
    first = my_notices(uow, busy["coauthor"])[0]
    assert mark_read(uow, busy["coauthor"], [first.id]) == 1 and unread_count(uow, busy["coauthor"]) == 1
    assert mark_read(uow, busy["lead"]) == 0 and unread_count(uow, busy["coauthor"]) == 1  # only one's own
    assert mark_read(uow, busy["coauthor"]) == 1 and unread_count(uow, busy["coauthor"]) == 0


def test_bad_preferences_are_refused_and_change_nothing(uow, busy):
    with pytest.raises(InvalidInput, match="hourly"):
        set_preference(uow, busy["coauthor"], "section_assigned", "hourly")
    with pytest.raises(InvalidInput, match="gossip"):
        set_preference(uow, busy["coauthor"], "gossip", "off")
    assert all(r.is_default for r in my_preferences(uow, busy["coauthor"]))


def test_one_click_unsubscribe_turns_that_kind_off(uow, busy, smtp):
    inbox, mail = smtp
    reviewer = busy["reviewer"]
    set_preference(uow, reviewer, "review_invitation", "immediate")
    review_rounds.request_review_round(
        uow, busy["lead"], busy["app_id"], [reviewer.id], MONDAY + timedelta(days=20), today=MONDAY
    )
    token = outbox(uow)[0].unsubscribe_url.rsplit("/", 1)[1]
    assert unsubscribe(uow, token[:-2] + "xx") is None  # forged: nothing changes
    assert {r.kind: r.cadence for r in my_preferences(uow, reviewer)}["review_invitation"] == Cadence.IMMEDIATE
    assert unsubscribe(uow, token) == "Review invitations"
    prefs = {r.kind: r.cadence for r in my_preferences(uow, reviewer)}
    assert prefs["review_invitation"] == Cadence.OFF and prefs["review_due"] == Cadence.DAILY


def test_a_digests_unsubscribe_link_stops_every_email(uow, busy, smtp):
    inbox, mail = smtp
    assign_both(uow, busy)
    notify_pass(uow, mail)
    token = outbox(uow)[0].unsubscribe_url.rsplit("/", 1)[1]
    assert unsubscribe(uow, token) == "all workspace emails"
    assert {r.cadence for r in my_preferences(uow, busy["coauthor"])} == {Cadence.OFF}
    assert notices_of(uow, busy["coauthor"].id)  # the in-app notices stay


def test_a_pass_reads_the_signing_key_once_however_many_links_it_signs(uow, busy):
    statements: list[str] = []

    def seen(conn, cursor, statement, *args):
        statements.append(statement)

    with uow as session:
        unsubscribe_token(session, busy["lead"].id, "comment")  # the key is made on first use
    event.listen(uow.engine, "before_cursor_execute", seen)
    try:
        with uow as session:
            tokens = [unsubscribe_token(session, busy["lead"].id, kind) for kind in ("comment", "status", "*") * 50]
    finally:
        event.remove(uow.engine, "before_cursor_execute", seen)
    assert len([s for s in statements if "workspace_flags" in s]) == 1
    assert all(unsubscribe(uow, token) for token in tokens[:3])  # still genuine
