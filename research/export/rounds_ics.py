"""Funding rounds as an iCalendar (.ics) file: each close and each internal milestone is an event.

Events carry their round's time zone (with a VTIMEZONE), so a calendar shows them at
the right moment wherever the reader is. UIDs are stable, so importing a newer file
updates the events instead of doubling them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import icalendar

from research.domain.round_values import format_moment, local

PRODID = "-//Research Cluster Workspace//Funding rounds//EN"
UID_DOMAIN = "research-cluster-workspace"
ICS_MIME = "text/calendar"


def close_uid(round_id: int) -> str:
    return f"round-{round_id}-close@{UID_DOMAIN}"


def milestone_uid(round_id: int, kind: str) -> str:
    return f"round-{round_id}-{kind}@{UID_DOMAIN}"


def _event(
    uid: str, summary: str, moment: datetime, zone_name: str, description: str, url: str, stamp: datetime
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", local(moment, zone_name))
    event.add("summary", summary)
    event.add("description", description)
    event.add("categories", ["Funding round"])
    event.add("transp", "TRANSPARENT")
    if url:
        event.add("url", url)
    return event


def rounds_calendar(rounds: Iterable, now: datetime, name: str = "Funding rounds") -> bytes:
    """`rounds` are RoundDates (research.services.rounds.calendar): the close and milestones of each."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for r in rounds:
        title = f"{r.name} ({r.funder})"
        forecast = " Dates are a forecast." if r.status == "forecast" else ""
        close_text = format_moment(r.closes_at, r.timezone)
        calendar.add_component(
            _event(
                close_uid(r.id),
                f"Closes: {title}",
                r.closes_at,
                r.timezone,
                f"{r.funder} — {r.scheme}. The funder's deadline.{forecast}",
                r.url,
                now,
            )
        )
        for m in r.milestones:
            calendar.add_component(
                _event(
                    milestone_uid(r.id, m.kind),
                    f"{m.label}: {title}",
                    m.due_at,
                    r.timezone,
                    f"{m.working_days_before} working days before the round closes ({close_text}).{forecast}",
                    r.url,
                    now,
                )
            )
    calendar.add_missing_timezones()
    return calendar.to_ical()
