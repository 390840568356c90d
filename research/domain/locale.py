"""The workspace's locale: the currency figures are reported in, its time zone, its financial year.

This is the one place these are decided. Call `workspace_locale()` each time a value is
needed rather than copying it into a module constant. The values come from the workspace
settings stored in the database (research/services/common/workspace_settings.py installs
its cached reader with `set_locale_source` once the engine is known), falling back to the
environment (research/config.py) and then to the defaults below. A test scans
research/ for the literals so they do not creep back in elsewhere.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from research.domain.area import Area
from research.domain.currencies import CURRENCIES

DEFAULT_CURRENCY = "NZD"
DEFAULT_TIMEZONE = "Pacific/Auckland"
# July to June: the year New Zealand councils budget in.
DEFAULT_FINANCIAL_YEAR_START = 7


@dataclass(frozen=True)
class Locale:
    currency: str = DEFAULT_CURRENCY
    timezone: str = DEFAULT_TIMEZONE
    financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START
    # The area the unit serves (empty: not set): awards count as won back only inside it.
    area: Area = field(default_factory=Area)

    def __post_init__(self) -> None:
        if self.currency not in CURRENCIES:
            raise ValueError(f"{self.currency!r} is not a currency code (use e.g. {DEFAULT_CURRENCY}, AUD, USD)")
        if not 1 <= self.financial_year_start <= 12:
            raise ValueError(f"the financial year starts in a month 1 to 12, not {self.financial_year_start}")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise ValueError(f"{self.timezone!r} is not a time zone (use e.g. {DEFAULT_TIMEZONE})") from None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def financial_year_months(self) -> str:
        """'July to June'."""
        last = (self.financial_year_start - 2) % 12 + 1
        return f"{calendar.month_name[self.financial_year_start]} to {calendar.month_name[last]}"


def _defaults() -> Locale:
    return Locale()


_source: Callable[[], Locale] = _defaults


def workspace_locale() -> Locale:
    """The locale in force now."""
    return _source()


def set_locale_source(source: Callable[[], Locale] | None) -> Callable[[], Locale]:
    """Where `workspace_locale()` reads from (None: the defaults); returns the source it replaces."""
    global _source
    previous, _source = _source, source or _defaults
    return previous


def locale_source() -> Callable[[], Locale]:
    """The source `workspace_locale()` reads now."""
    return _source
