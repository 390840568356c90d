"""The feed route /calendar/{token}.ics and the one-click unsubscribe route, over HTTP."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from research.db.models import CalendarToken, NotifyPreference, Review
from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.services.accounts.users import set_active
from research.services.common.actor import Actor
from research.services.drafting import team
from research.services.notify.calendar_tokens import (
    issue_calendar_token,
    issue_for_username,
    revoke_calendar_token,
    token_hash,
)
from research.services.notify.follows import follow_round
from research.services.notify.signing import unsubscribe_token
from research.services.review import rounds as review_rounds
from research.services.rounds.editing import round_input, update_round
from research.ui import deps
from research.ui.routes import ROUTES
from tests.review_builders import build_application, section_ids
from tests.service_catalogue import add_round
from tests.service_people import add_person, staff

DUE = date.today() + timedelta(days=20)


@pytest.fixture
def world(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'feed.db'}")
    monkeypatch.setenv("APP_URL", "https://rcw.example.org")
    uow = UnitOfWork(deps.engine())
    hana = add_person(uow, Role.RESEARCHER, "hana", "Hana")
    priya = add_person(uow, Role.REVIEWER, "priya", "Priya")
    closes = datetime.now(UTC) + timedelta(days=40)
    round_id = add_round(uow, "Health Research Council", "Explorer", closes, name="HRC Explorer")
    app_id = build_application(uow, hana, title="Tidal memory")
    summary = section_ids(uow, app_id)["summary"]
    team.assign_section(uow, hana, summary, hana.id, DUE)
    review_rounds.request_review_round(uow, hana, app_id, [priya.id], DUE, today=date.today())
    with uow as session:
        review_id = session.scalar(select(Review.id).where(Review.reviewer_id == priya.id))
    review_rounds.respond_to_invitation(uow, priya, review_id, True, False)
    follow_round(uow, hana, round_id)
    with TestClient(Starlette(routes=ROUTES), base_url="http://testserver") as client:
        yield dict(client=client, uow=deps.uow(), hana=hana, priya=priya, round_id=round_id, section_id=summary)


def feed(world, url: str):
    response = world["client"].get(url.removeprefix("https://rcw.example.org"))
    return response, icalendar.Calendar.from_ical(response.content) if response.status_code == 200 else None


def events(calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def assert_rfc5545(body: bytes) -> None:
    """What RFC 5545 asks of the feed beyond parsing: CRLF lines folded at 75 octets, VERSION and
    PRODID, UID/DTSTAMP(UTC)/DTSTART on each event with UIDs unique, a VTIMEZONE for every TZID,
    and DISPLAY alarms with their TRIGGER and DESCRIPTION."""
    lines = body.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in b"".join(lines) and max(len(line) for line in lines) <= 75
    calendar = icalendar.Calendar.from_ical(body)
    assert calendar["VERSION"] == "2.0" and calendar.get("PRODID")
    zones = {str(z["TZID"]) for z in calendar.walk("VTIMEZONE")}
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    for event in calendar.walk("VEVENT"):
        assert event.get("SUMMARY") and event["DTSTAMP"].dt.utcoffset() == timedelta(0)
        zone = event["DTSTART"].params.get("TZID")
        assert zone is None or zone in zones
        for alarm in event.walk("VALARM"):
            assert alarm["ACTION"] == "DISPLAY" and alarm["TRIGGER"].dt < timedelta(0) and alarm.get("DESCRIPTION")


def test_a_feed_holds_the_owners_rounds_milestones_sections_and_reviews(world):
    url = issue_calendar_token(world["uow"], world["hana"])
    assert url.startswith("https://rcw.example.org/calendar/") and url.endswith(".ics")
    response, calendar = feed(world, url)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    assert_rfc5545(response.content)
    found = events(calendar)
    rid = world["round_id"]
    assert {
        f"round-{rid}-close@research-cluster-workspace",
        f"round-{rid}-draft@research-cluster-workspace",
        f"section-{world['section_id']}-due@research-cluster-workspace",
    } <= set(found)
    assert not any(uid.startswith("review-") for uid in found)  # Hana reviews nothing
    for event in found.values():
        assert event.get("DTSTAMP") and event.get("DTSTART") and event.walk("VALARM")
    priya_calendar = feed(world, issue_calendar_token(world["uow"], world["priya"]))[1]
    priya_uids = set(events(priya_calendar))
    assert [u for u in priya_uids if u.startswith("review-")] and not priya_uids & set(found)


def test_the_token_is_kept_only_as_its_hash(world, tmp_path):
    url = issue_calendar_token(world["uow"], world["hana"])
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) >= 40  # 32 random bytes
    with world["uow"] as session:
        assert session.scalars(select(CalendarToken.token_hash)).all() == [token_hash(token)]
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("feed.db*"))
    assert token_hash(token).encode() in stored and token.encode() not in stored


def test_a_replaced_or_revoked_token_gets_404_and_so_does_a_made_up_one(world):
    first = issue_calendar_token(world["uow"], world["hana"])
    second = issue_calendar_token(world["uow"], world["hana"])
    assert feed(world, first)[0].status_code == 404 and feed(world, second)[0].status_code == 200
    assert world["client"].get("/calendar/not-a-real-token.ics").status_code == 404
    assert revoke_calendar_token(world["uow"], world["hana"]) == 1
    assert feed(world, second)[0].status_code == 404


def test_a_deactivated_users_feed_is_gone(world):
    url = issue_calendar_token(world["uow"], world["hana"])
    set_active(world["uow"], staff(world["uow"], Role.ADMIN), world["hana"].id, False)
    assert feed(world, url)[0].status_code == 404


def test_uids_stay_when_dates_move_and_the_sequence_grows(world):
    url = issue_calendar_token(world["uow"], world["hana"])
    before = events(feed(world, url)[1])
    uow, manager = world["uow"], staff(world["uow"])
    funding_round, _ = round_input(uow, manager, world["round_id"])
    update_round(
        uow, manager, world["round_id"], replace(funding_round, closes_at=funding_round.closes_at + timedelta(days=3))
    )
    team.assign_section(uow, world["hana"], world["section_id"], world["hana"].id, DUE + timedelta(days=2))
    after = events(feed(world, url)[1])
    assert set(before) == set(after)
    close = f"round-{world['round_id']}-close@research-cluster-workspace"
    assert after[close]["DTSTART"].dt - before[close]["DTSTART"].dt == timedelta(days=3)
    assert int(after[close]["SEQUENCE"]) > int(before[close]["SEQUENCE"])
    section = f"section-{world['section_id']}-due@research-cluster-workspace"
    assert after[section]["DTSTART"].dt == DUE + timedelta(days=2)


def test_the_command_line_issue_replaces_the_users_feed(world):
    old = issue_calendar_token(world["uow"], world["hana"])
    new = issue_for_username(world["uow"], Actor.operator(Role.ADMIN), "hana")
    assert feed(world, old)[0].status_code == 404 and feed(world, new)[0].status_code == 200


def _preference(world, kind):
    with world["uow"] as session:
        return session.scalar(
            select(NotifyPreference.cadence).where(
                NotifyPreference.user_id == world["hana"].id, NotifyPreference.kind == kind
            )
        )


def test_unsubscribe_get_only_asks_and_the_one_click_post_acts(world):
    with world["uow"] as session:
        token = unsubscribe_token(session, world["hana"].id, "comment")
    page = world["client"].get(f"/unsubscribe/{token}")
    assert page.status_code == 200 and '<form method="post">' in page.text and _preference(world, "comment") is None
    done = world["client"].post(f"/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "New comments on your sections" in done.text
    assert _preference(world, "comment") == "off"
    forged = world["client"].post(f"/unsubscribe/{token[:-3]}abc", data={"List-Unsubscribe": "One-Click"})
    assert forged.status_code == 404
