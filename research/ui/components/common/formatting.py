"""Small display helpers shared by the drafting pages: days, counts against limits (money: domain.money)."""

from __future__ import annotations

from datetime import date

from research.domain.counting import LimitCheck, format_count

STATE_COLOURS = {"ok": "green", "near": "orange", "over": "red"}
STATUS_LABELS = {"empty": "empty", "drafting": "drafting", "ready": "ready ✓"}


def day(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else "—"


def count_label(check: LimitCheck) -> str:
    """'182 / 200 words', with how far over when it is."""
    text = check.describe()
    if check.over and check.limit is not None:
        text += f" — {format_count(check.used - check.limit.max)} over"
    return text


def coloured_count(check: LimitCheck) -> str:
    """Markdown for a count, coloured as it nears and passes its limit (no user text inside)."""
    if check.limit is None:
        return f":gray[{check.describe()} (no funder limit)]"
    return f":{STATE_COLOURS[check.state]}[**{count_label(check)}**]"
