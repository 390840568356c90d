"""ROI arithmetic: years, filters, the return multiple, success rates and pipeline weights.

Money is Decimal throughout; nothing here divides by zero: a figure that cannot be
computed is None together with the reason it is not defined.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from research.domain.locale import workspace_locale


class YearBasis(StrEnum):
    CALENDAR = "calendar"
    FINANCIAL = "financial"

    @property
    def label(self) -> str:
        if self is YearBasis.CALENDAR:
            return "Calendar year"
        return f"Financial year ({workspace_locale().financial_year_months})"


def year_number(day: date, basis: YearBasis) -> int:
    """The calendar year, or the year a financial year ends in (2022/23 -> 2023)."""
    start = workspace_locale().financial_year_start
    if basis is YearBasis.FINANCIAL and start > 1 and day.month >= start:
        return day.year + 1
    return day.year


def year_label(number: int, basis: YearBasis) -> str:
    """2023 -> '2023' (calendar) or '2022/23' (financial: the year ending June 2023)."""
    if basis is YearBasis.CALENDAR or workspace_locale().financial_year_start == 1:
        return str(number)
    return f"{number - 1}/{number % 100:02d}"


def financial_year_of(day: date) -> str:
    return year_label(year_number(day, YearBasis.FINANCIAL), YearBasis.FINANCIAL)


def financial_year_starting(day: date, start: int) -> str:
    """The label of the financial year holding `day` when years start in month `start` (any locale)."""
    if start == 1:
        return str(day.year)
    end = day.year + 1 if day.month >= start else day.year
    return f"{end - 1}/{end % 100:02d}"


def year_bounds(number: int, basis: YearBasis) -> tuple[date, date]:
    """First and last day of a year in this basis."""
    start = workspace_locale().financial_year_start
    if basis is YearBasis.CALENDAR or start == 1:
        return date(number, 1, 1), date(number, 12, 31)
    return date(number - 1, start, 1), date(number, start, 1) - timedelta(days=1)


def parse_financial_year(text: str) -> str | None:
    """'2022/23' or '2022-23' -> '2022/23'; None when it is not a financial year."""
    text = text.strip().replace("-", "/")
    start, _, end = text.partition("/")
    if not (start.isdigit() and len(start) == 4 and end.isdigit() and len(end) == 2):
        return None
    if (int(start) + 1) % 100 != int(end):
        return None
    return f"{start}/{end}"


@dataclass(frozen=True)
class RoiFilter:
    """What every figure and chart is restricted to. None means no restriction."""

    date_from: date | None = None
    date_to: date | None = None
    cluster: str | None = None
    funder: str | None = None
    year_basis: YearBasis = YearBasis.FINANCIAL

    def problems(self) -> list[str]:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            return [f"The start date {self.date_from:%d %b %Y} is after the end date {self.date_to:%d %b %Y}."]
        return []

    def describe(self) -> str:
        parts = []
        if self.date_from or self.date_to:
            start = f"{self.date_from:%d %b %Y}" if self.date_from else "the beginning"
            end = f"{self.date_to:%d %b %Y}" if self.date_to else "today"
            parts.append(f"from {start} to {end}")
        else:
            parts.append("all dates")
        if self.cluster:
            parts.append(f"cluster {self.cluster}")
        if self.funder:
            parts.append(f"funder {self.funder}")
        parts.append(f"{self.year_basis.value} years")
        return ", ".join(parts)


@dataclass(frozen=True)
class Ratio:
    """A ratio that may not be defined; `reason` says why when it is not."""

    value: Decimal | None
    reason: str = ""

    @property
    def defined(self) -> bool:
        return self.value is not None


def return_multiple(won: Decimal, granted: Decimal) -> Ratio:
    """Money won per dollar the unit granted to clusters."""
    if granted <= 0:
        why = "no cluster grants in this selection" if granted == 0 else "cluster grants net to less than zero"
        return Ratio(None, why)
    return Ratio(won / granted)


def share_of(part: Decimal | int, whole: Decimal | int, empty_reason: str) -> Ratio:
    if whole == 0:
        return Ratio(None, empty_reason)
    return Ratio(Decimal(part) / Decimal(whole))


@dataclass(frozen=True)
class PipelineRate:
    """The chance an application in a round is funded, and where that figure came from."""

    rate: Decimal | None
    source: str


def pipeline_rate(
    success_rate: Decimal | None, expected_awards: int | None, applications_in_round: int
) -> PipelineRate:
    """The round's success rate, else its expected awards per application recorded for it here.

    The second is only as good as the count: the workspace records the unit's applications,
    not every application the funder receives, so the source names both numbers.
    """
    if success_rate is not None:
        return PipelineRate(min(max(Decimal(success_rate), Decimal(0)), Decimal(1)), "round's success rate")
    if expected_awards is not None and applications_in_round > 0:
        rate = min(Decimal(expected_awards) / applications_in_round, Decimal(1))
        capped = " (capped at 100%)" if expected_awards > applications_in_round else ""
        return PipelineRate(
            rate, f"expected awards ÷ applications recorded ({expected_awards} ÷ {applications_in_round}){capped}"
        )
    return PipelineRate(None, "unknown: the round gives neither a success rate nor expected awards")


def format_multiple(ratio: Ratio) -> str:
    if ratio.value is None:
        return "not defined"
    places = Decimal("1") if abs(ratio.value) >= 10 else Decimal("0.1")
    return f"{ratio.value.quantize(places, rounding=ROUND_HALF_UP):,}x"


def format_percent(ratio: Ratio) -> str:
    if ratio.value is None:
        return "not defined"
    return f"{(ratio.value * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


# A comparison of two success rates needs this many decided applications in each group.
MIN_COMPARABLE = 10
WILSON_Z = 1.959963984540054  # the normal quantile for a 95% interval


@dataclass(frozen=True)
class Interval:
    """A 95% Wilson score interval for a proportion (Wilson 1927), as fractions 0..1."""

    low: Decimal
    high: Decimal


def wilson_interval(successes: int, trials: int, z: float = WILSON_Z) -> Interval | None:
    """centre ± half-width with p = k/n: (p + z²/2n) / (1 + z²/n) ± z/(1 + z²/n) · √(p(1−p)/n + z²/4n²)."""
    if trials <= 0 or not 0 <= successes <= trials:
        return None
    n, p = float(trials), successes / trials
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    places = Decimal("0.0001")
    return Interval(
        Decimal(max(0.0, centre - half)).quantize(places, rounding=ROUND_HALF_UP),
        Decimal(min(1.0, centre + half)).quantize(places, rounding=ROUND_HALF_UP),
    )


def compare_rates(first: tuple[str, int, int], second: tuple[str, int, int]) -> str:
    """What two groups' success rates (name, awarded, decided) can honestly be said to show."""
    (name_a, won_a, n_a), (name_b, won_b, n_b) = first, second
    small = [f"{name} ({n} decided)" for name, n in ((name_a, n_a), (name_b, n_b)) if n < MIN_COMPARABLE]
    if small:
        return (
            f"Too few applications to compare: {' and '.join(small)}; "
            f"each group needs at least {MIN_COMPARABLE} decided applications."
        )
    a, b = wilson_interval(won_a, n_a), wilson_interval(won_b, n_b)
    if a is None or b is None:
        return "These counts cannot be compared."
    if a.low > b.high or b.low > a.high:
        higher = name_a if a.low > b.high else name_b
        return f"{higher} has the higher success rate: the 95% intervals do not overlap."
    return "The 95% intervals overlap: these counts cannot tell the two success rates apart."


def small_groups(decided: list[int], what: str = "funder and scheme groups") -> str:
    """Plainly, how many groups are too small for their success rates to be compared ('' when none are)."""
    small = sum(1 for n in decided if n < MIN_COMPARABLE)
    if not small:
        return ""
    return (
        f"{small} of {len(decided)} {what} have fewer than {MIN_COMPARABLE} decided applications: "
        "too few to compare their success rates (see each rate's 95% interval)."
    )


def format_interval(interval: Interval | None) -> str:
    if interval is None:
        return "not defined"
    return f"{interval.low * 100:.1f}%–{interval.high * 100:.1f}%"
