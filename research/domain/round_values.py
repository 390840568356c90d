"""Reading and writing the values a funding round is made of: rates, counts, dates, zones.

Money is read and shown by research.domain.money. Every `parse_*` takes the text a person
typed (or a spreadsheet cell) and returns the value, or raises ValueError whose message is
the reason, fit to follow a column name.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from research.domain.locale import workspace_locale

# A close given as a date only is taken as the end of that working day.
DEFAULT_CLOSE_TIME = time(17, 0)
MAX_COUNT = 1_000_000  # awards or applications in one round; larger would not fit the database
RATE_PLACES = Decimal("0.0001")


_DAY_FIRST = re.compile(
    r"^(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})"
    r"(?:[ T]+(?P<H>\d{1,2})(?::(?P<M>\d{2}))?(?::(?P<S>\d{2}))?\s*(?P<ampm>[aApP]\.?[mM]\.?)?)?$"
)
_ISO_12_HOUR = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})[ T]+(?P<H>\d{1,2})(?::(?P<M>\d{2}))?\s*(?P<ampm>[aApP]\.?[mM]\.?)$"
)
_MONTHS = {
    m: i
    for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)
}
_WORDY = re.compile(
    r"^(?:[A-Za-z]+,?\s+)?(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<y>\d{4})"
    r"(?:,?\s+(?P<H>\d{1,2})(?::(?P<M>\d{2}))?\s*(?P<ampm>[aApP]\.?[mM]\.?)?|,?\s+(?P<noon>noon|midday))?$"
)
_TRUE = {"yes", "y", "true", "t", "1", "x"}
_FALSE = {"no", "n", "false", "f", "0", ""}


# -- numbers -----------------------------------------------------------------------------


def parse_count(text: str) -> int:
    cleaned = text.strip().replace(",", "")
    if cleaned.endswith(".0"):
        cleaned = cleaned[:-2]
    digits = cleaned.lstrip("-")
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"{text.strip()!r} is not a whole number")
    value = int(cleaned)
    if value < 1:
        raise ValueError(f"must be at least 1, not {value}")
    if value > MAX_COUNT:
        raise ValueError(f"must be at most {MAX_COUNT:,}, not {value:,}")
    return value


def parse_rate(text: str) -> Decimal:
    """'13.3%', '13.3' and '0.133' all mean 13.3%; returns the fraction 0.133."""
    cleaned = text.strip()
    percent = cleaned.endswith("%")
    try:
        value = Decimal(cleaned.rstrip("%").strip())
    except InvalidOperation:
        raise ValueError(f"{cleaned!r} is not a percentage") from None
    if not value.is_finite():
        raise ValueError(f"{cleaned!r} is not a percentage")
    if percent or value > 1:
        value /= 100
    if not 0 < value <= 1:
        raise ValueError(f"must be more than 0% and at most 100%, not {cleaned}")
    return value.quantize(RATE_PLACES, rounding=ROUND_HALF_EVEN)


def parse_flag(text: str) -> bool:
    cleaned = text.strip().lower()
    if cleaned in _TRUE:
        return True
    if cleaned in _FALSE:
        return False
    raise ValueError(f"{text.strip()!r} is not yes or no")


# -- time zones, dates and moments -------------------------------------------------------


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    """The time zone called `name`; ValueError if there is none."""
    if not name or name != name.strip() or name.startswith("/") or ".." in name:
        raise ValueError(_not_a_zone(name))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(_not_a_zone(name)) from None


def _not_a_zone(name: str) -> str:
    return f"{name!r} is not a time zone (use e.g. {workspace_locale().timezone})"


def parse_timezone(text: str) -> str:
    name = text.strip() or workspace_locale().timezone
    zone(name)
    return name


def _hour(hour: int, ampm: str | None) -> int:
    if not ampm:
        return hour
    if not 1 <= hour <= 12:
        raise ValueError(f"{hour} is not an hour on a 12-hour clock")
    pm = ampm.lower().startswith("p")
    return hour % 12 + (12 if pm else 0)


def _naive(text: str, day_first: bool = True) -> tuple[datetime, bool, bool]:
    """(wall time, whether a time of day was given, whether an offset was given).

    `day_first`: 04/05/2026 is 4 May; otherwise (month first) 5 April."""
    cleaned = " ".join(text.split())
    try:
        value = datetime.fromisoformat(cleaned)
        has_time = len(cleaned) > 10
        return value, has_time, value.tzinfo is not None
    except ValueError:
        pass
    match = _DAY_FIRST.match(cleaned) or _ISO_12_HOUR.match(cleaned)
    if match:
        hour = _hour(int(match["H"]), match["ampm"]) if match["H"] else 0
        day, month = int(match["d"]), int(match["m"])
        if not day_first and match.re is _DAY_FIRST:
            day, month = month, day
        moment = datetime(
            int(match["y"]),
            month,
            day,
            hour,
            int(match["M"] or 0),
            int(match.groupdict().get("S") or 0),
        )
        return moment, match["H"] is not None, False
    match = _WORDY.match(cleaned)
    if match and match["mon"][:3].lower() in _MONTHS:
        month = _MONTHS[match["mon"][:3].lower()]
        hour = 12 if match["noon"] else _hour(int(match["H"]), match["ampm"]) if match["H"] else 0
        moment = datetime(int(match["y"]), month, int(match["d"]), hour, int(match["M"] or 0))
        return moment, bool(match["H"] or match["noon"]), False
    raise ValueError("no such date")


def parse_day(text: str, day_first: bool = True) -> date:
    """'2026-02-19', '19/02/2026' (day first, unless `day_first` is False) or '19 Feb 2026'."""
    try:
        return _naive(text, day_first)[0].date()
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a date (use e.g. 2026-02-19 or 19/02/2026)") from None


def parse_moment(text: str, zone_name: str, default_time: time = time(0, 0), day_first: bool = True) -> datetime:
    """A moment in UTC from local wall time in `zone_name` (or an explicit offset).

    Accepts ISO ('2026-02-19 12:00', '2026-02-19T12:00+13:00'), day-first
    ('19/02/2026 12:00 pm') and '19 Feb 2026 noon'; a date alone gets `default_time`.
    """
    try:
        value, has_time, has_offset = _naive(text, day_first)
    except ValueError:
        raise ValueError(
            f"{text.strip()!r} is not a date and time (use e.g. 2026-02-19 12:00 or 19/02/2026 12:00)"
        ) from None
    if has_offset:
        return value.astimezone(UTC)
    if not has_time:
        value = datetime.combine(value.date(), default_time)
    return local_to_utc(value, zone_name)


def local_to_utc(wall: datetime, zone_name: str) -> datetime:
    """Wall-clock time in a zone -> UTC; refuses a time the clocks skip."""
    tz = zone(zone_name)
    aware = wall.replace(tzinfo=tz)
    moment = aware.astimezone(UTC)
    if moment.astimezone(tz).replace(tzinfo=None) != wall.replace(tzinfo=None):
        raise ValueError(f"{wall:%Y-%m-%d %H:%M} does not exist in {zone_name} (the clocks go forward then)")
    return moment


def local(moment: datetime, zone_name: str) -> datetime:
    return moment.astimezone(zone(zone_name))


# -- showing values ----------------------------------------------------------------------


def format_rate(rate: Decimal | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def format_moment(moment: datetime | None, zone_name: str, with_zone: bool = True) -> str:
    """'Mon 20 Feb 2023, 12:00 NZDT' in the given zone (the zone's name appended when asked)."""
    if moment is None:
        return "—"
    there = local(moment, zone_name)
    text = f"{there:%a} {there.day} {there:%b %Y, %H:%M} {there.tzname()}"
    return f"{text} ({zone_name})" if with_zone else text


def format_day(day: date | None) -> str:
    return "—" if day is None else f"{day:%a} {day.day} {day:%b %Y}"


def wall_time(moment: datetime, zone_name: str) -> str:
    """The wall-clock time in the zone, as it is written in import files: '2026-02-19 12:00'."""
    return f"{local(moment, zone_name):%Y-%m-%d %H:%M}"


def until(now: datetime, moment: datetime) -> str:
    """'in 3 days', 'in 5 hours', 'now' or '2 days ago'."""
    seconds = (moment - now).total_seconds()
    ahead, seconds = seconds >= 0, abs(seconds)
    if seconds < 60:
        return "now"
    # Whole days once a deadline is a day and a half away or more; hours and minutes closer in.
    for size, unit, threshold in ((86400, "day", 129600), (3600, "hour", 3600), (60, "minute", 60)):
        if seconds >= threshold:
            count = round(seconds / size) if unit == "day" else int(seconds // size)
            text = f"{count} {unit}{'s' if count != 1 else ''}"
            return f"in {text}" if ahead else f"{text} ago"
    return "now"
