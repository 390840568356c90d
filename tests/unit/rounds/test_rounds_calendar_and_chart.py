"""The .ics calendar parses back with every close and milestone; the timeline draws them all."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar

from research.adapters.public_holidays import NZ_HOLIDAYS
from research.charts.rounds_timeline import timeline_figure
from research.domain.round_rules import RoundStatus, milestones
from research.export.rounds_ics import close_uid, milestone_uid, rounds_calendar
from research.services.rounds.calendar import RoundDates

NZ = ZoneInfo("Pacific/Auckland")
NOW = datetime(2026, 11, 22, tzinfo=UTC)


def dates(round_id, name, closes, zone="Pacific/Auckland", status=RoundStatus.OPEN, offsets=None, opens=None):
    return RoundDates(
        round_id,
        "Royal Society Te Apārangi — Marsden Fund",
        "Fast-Start",
        name,
        status,
        opens,
        closes,
        zone,
        "https://www.royalsociety.org.nz/",
        tuple(milestones(closes, zone, offsets, NZ_HOLIDAYS)),
    )


ROUNDS = [
    dates(1, "Marsden Fast-Start EOI 2023", datetime(2023, 2, 19, 23, 0, tzinfo=UTC)),
    dates(
        2,
        "A London call",
        datetime(2027, 3, 1, 17, 0, tzinfo=UTC),
        zone="Europe/London",
        status=RoundStatus.FORECAST,
        offsets={"intent": 20, "draft": 10, "signoff": 3},
    ),
]


def test_every_close_and_milestone_comes_back_from_the_ics_file():
    parsed = icalendar.Calendar.from_ical(rounds_calendar(ROUNDS, NOW))
    events = {str(e["uid"]): e for e in parsed.walk("VEVENT")}
    expected = {close_uid(r.id): (f"Closes: {r.name} ({r.funder})", r.closes_at, r.timezone) for r in ROUNDS}
    expected |= {
        milestone_uid(r.id, m.kind): (f"{m.label}: {r.name} ({r.funder})", m.due_at, r.timezone)
        for r in ROUNDS
        for m in r.milestones
    }
    assert set(events) == set(expected) and len(events) == 8
    for uid, (summary, moment, zone) in expected.items():
        event = events[uid]
        start = event.decoded("dtstart")
        assert str(event["summary"]) == summary
        assert start == moment  # the same instant...
        assert str(start.tzinfo) == zone  # ...stated in the round's own zone
        assert str(event["url"]) == "https://www.royalsociety.org.nz/"
        assert event.decoded("dtstamp") == NOW


def test_the_calendar_carries_its_time_zones_and_says_which_dates_are_forecasts():
    parsed = icalendar.Calendar.from_ical(rounds_calendar(ROUNDS, NOW))
    assert {str(tz["tzid"]) for tz in parsed.walk("VTIMEZONE")} == {"Pacific/Auckland", "Europe/London"}
    intent = next(e for e in parsed.walk("VEVENT") if str(e["uid"]) == milestone_uid(2, "intent"))
    assert "20 working days before" in str(intent["description"])
    assert "forecast" in str(intent["description"])
    marsden = next(e for e in parsed.walk("VEVENT") if str(e["uid"]) == close_uid(1))
    assert "forecast" not in str(marsden["description"])
    assert marsden.decoded("dtstart") == datetime(2023, 2, 20, 12, 0, tzinfo=NZ)


def test_an_empty_calendar_is_still_a_calendar():
    parsed = icalendar.Calendar.from_ical(rounds_calendar([], NOW))
    assert list(parsed.walk("VEVENT")) == []


def test_the_timeline_draws_each_round_its_milestones_and_close_in_the_viewer_zone():
    figure = timeline_figure(ROUNDS, "Pacific/Auckland", NOW)
    traces = {t.name: t for t in figure.data}
    assert {"open", "forecast", "Intent to apply", "Full draft for review", "Final sign-off", "Closes"} <= set(traces)
    closes = traces["Closes"]
    assert list(closes.x) == [datetime(2023, 2, 20, 12, 0), datetime(2027, 3, 2, 6, 0)]  # Auckland wall time
    assert len(traces["Intent to apply"].x) == 2
    assert figure.layout.xaxis.title.text == "Date and time in Pacific/Auckland"
    assert list(figure.layout.yaxis.ticktext) == [
        "Marsden Fast-Start EOI 2023 · Marsden Fund",
        "A London call · Marsden Fund",
    ]
