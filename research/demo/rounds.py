"""The demo's funding rounds: past rounds since 2022 for each scheme, then the next one, a forecast
or (HRC) one closing soon. Facts from shared/reference/funding-facts.md, via rounds.toml."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from research.db.uow import UnitOfWork
from research.demo.data_files import data_toml
from research.demo.story import NZ, Story, nz_time
from research.domain.round_rules import RoundInput
from research.services.rounds import editing

HRC = "Health Research Council of New Zealand"
MBIE = "Ministry of Business, Innovation and Employment — Endeavour Fund"
MBIE_CALL_YEARS = (2024, 2025)


@dataclass(frozen=True)
class DemoRound:
    id: int
    funder: str
    scheme: str
    closes_at: datetime


def create_rounds(
    uow: UnitOfWork, story: Story, cluster_ids: dict[str, int], funder_ids: dict[str, int]
) -> list[DemoRound]:
    data = data_toml("rounds.toml")
    made = []
    for series in data["series"]:
        for year, closes, upcoming in _closings(series, story, data):
            r = _round_input(data, series, year, closes, upcoming, cluster_ids, funder_ids)
            made.append(
                DemoRound(editing.create_round(uow, story["tama"], r), series["funder"], series["scheme"], closes)
            )
    return made


def _closings(series: dict[str, Any], story: Story, data: dict[str, Any]) -> list[tuple[int, datetime, bool]]:
    """(year in the name, closing moment, upcoming?) up to and including the first one after now."""
    found = []
    for year in range(data["first_year"], story.today.year + 2):
        closes = _weekday_noon(date(year, series["month"], series["day"]))
        if closes > story.now:
            if series["funder"] == HRC:
                closes = _weekday_noon(story.today + timedelta(days=data["soon_days"]))
            # Named for the year after the last past round, so no two rounds share a name.
            found.append((max(year, closes.year), closes, True))
            return found
        found.append((year, closes, False))
    return found


def _weekday_noon(day: date) -> datetime:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return nz_time(day, 12)


def _round_input(
    data: dict[str, Any],
    series: dict[str, Any],
    year: int,
    closes: datetime,
    upcoming: bool,
    cluster_ids: dict[str, int],
    funder_ids: dict[str, int],
) -> RoundInput:
    facts: dict[str, Any] = next((f for f in series.get("facts", ()) if f["year"] == year), {})
    rate, fact = facts.get("success_rate"), facts.get("note", "")
    if upcoming and rate is None:
        rate, fact = _latest_rate(series)
    soon = upcoming and series["funder"] == HRC
    return RoundInput(
        funder_id=funder_ids[series["funder"]],
        scheme=series["scheme"],
        name=f"{series['name']} {year}",
        closes_at=closes,
        is_forecast=upcoming and not soon,
        opens_at=closes - timedelta(days=48) if soon else None,
        timezone=str(NZ),
        pool=_money(facts.get("pool")),
        expected_awards=facts.get("expected_awards"),
        success_rate=Decimal(rate) / 100 if rate else None,
        min_award=_money(series.get("min_award")),
        max_award=_money(series.get("max_award")),
        eligibility=series["eligibility"],
        url=_url(data, series, year),
        template_key=series.get("template_key"),
        cluster_ids=tuple(cluster_ids[name] for name in series["clusters"]),
        notes=_notes(data, series, fact, upcoming, soon, facts.get("exact_close", False)),
    )


def _notes(data: dict[str, Any], series: dict[str, Any], fact: str, upcoming: bool, soon: bool, exact: bool) -> str:
    if upcoming:
        parts = [data["soon_note"] if soon else data["forecast_note"], fact]
    else:
        month = date(2000, series["month"], 1).strftime("%B")
        parts = [fact, "" if exact else data["approximate"].format(month=month)]
    return " ".join(p for p in parts if p)


def _url(data: dict[str, Any], series: dict[str, Any], year: int) -> str:
    """MBIE published a call page for each of these years; otherwise link the fund's own page."""
    if series["funder"] == MBIE and year in MBIE_CALL_YEARS:
        return str(data["mbie_call"].format(scheme=series["scheme"].lower().replace(" ", "-"), year=year))
    return str(series["url"])


def _latest_rate(series: dict[str, Any]) -> tuple[str | None, str]:
    """An upcoming round's expected success rate: the scheme's latest published one, said so."""
    known = [f for f in sorted(series.get("facts", ()), key=lambda f: f["year"]) if f.get("success_rate")]
    if not known:
        return None, ""
    return known[-1][
        "success_rate"
    ], f"Expected success rate {known[-1]['success_rate']}% is the {known[-1]['year']} round's."


def _money(value: str | None) -> Decimal | None:
    return Decimal(value) if value else None


def round_for(rounds: list[DemoRound], funder: str, scheme: str, writing: bool, before: datetime) -> int:
    """An application's round: the next one while it is being written, else the last closed before `before`."""
    same = sorted((r for r in rounds if (r.funder, r.scheme) == (funder, scheme)), key=lambda r: r.closes_at)
    if writing:
        return next(r.id for r in same if r.closes_at > before)
    return [r.id for r in same if r.closes_at < before][-1]
