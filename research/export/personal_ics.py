"""A personal calendar feed as iCalendar (RFC 5545): stable UIDs, SEQUENCE, VALARM reminders."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

import icalendar

from research.domain.round_values import local

PRODID = "-//Research Cluster Workspace//Personal feed//EN"


def _alarm(before, summary: str) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", -before)
    return alarm


def _event(item, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    start = item.start
    event.add("dtstart", local(start, item.zone) if isinstance(start, datetime) else start)
    if isinstance(start, date) and not isinstance(start, datetime):
        event.add("transp", "TRANSPARENT")
    event.add("summary", item.summary)
    event.add("description", item.description)
    event.add("sequence", item.sequence)
    for before in item.alarms:
        event.add_component(_alarm(before, item.summary))
    return event


def personal_calendar(owner: str, events: Iterable, now: datetime) -> bytes:
    """`events` are FeedEvents (research.services.notify.calendar_feed)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Research workspace: {owner}")
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for item in events:
        calendar.add_component(_event(item, now))
    calendar.add_missing_timezones()
    return calendar.to_ical()
