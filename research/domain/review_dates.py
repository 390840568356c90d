"""Review due dates: reminders as the date nears."""

from __future__ import annotations

from datetime import date

DUE_SOON_DAYS = 3


def due_state(due_on: date | None, today: date, soon_days: int = DUE_SOON_DAYS) -> str | None:
    """'overdue', 'due soon' or None (no reminder yet)."""
    if due_on is None:
        return None
    if due_on < today:
        return "overdue"
    return "due soon" if (due_on - today).days <= soon_days else None


def describe_due(due_on: date | None, today: date) -> str:
    if due_on is None:
        return "no due date"
    days = (due_on - today).days
    if days < 0:
        return f"overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "due today"
    return f"due in {days} day{'s' if days != 1 else ''}"
