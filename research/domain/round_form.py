"""The round form as a person fills it in, and the RoundInput it stands for.

Money and rates are typed as text ('1.2m', '13.3%'), dates and times are picked in the
round's own time zone; every problem is named by the field's label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from research.domain.errors import InvalidInput, Problem
from research.domain.locale import workspace_locale
from research.domain.money import parse_money
from research.domain.round_import import FIELDS_BY_KEY
from research.domain.round_rules import DEFAULT_OFFSETS, RoundInput, check_round
from research.domain.round_values import (
    DEFAULT_CLOSE_TIME,
    local,
    local_to_utc,
    parse_rate,
    rate_text,
    zone,
)

LABELS = {**{f.key: f.header for f in FIELDS_BY_KEY.values()}, "offsets": "Milestones", "funder_id": "Funder"}


@dataclass(frozen=True)
class RoundForm:
    funder_id: int | None = None
    scheme: str = ""
    name: str = ""
    is_forecast: bool = False
    opens_day: date | None = None
    opens_time: time = time(9, 0)
    closes_day: date | None = None
    closes_time: time = DEFAULT_CLOSE_TIME
    timezone: str = field(default_factory=lambda: workspace_locale().timezone)
    decision_expected: date | None = None
    currency: str = field(default_factory=lambda: workspace_locale().currency)
    pool: str = ""
    min_award: str = ""
    max_award: str = ""
    expected_awards: int | None = None
    success_rate: str = ""
    eligibility: str = ""
    url: str = ""
    template_key: str = ""
    cluster_ids: tuple[int, ...] = ()
    limited_submission: bool = False
    submission_quota: int | None = None
    notes: str = ""
    offsets: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_OFFSETS))


def _money(text: str, currency: str, key: str, problems: list[Problem]) -> Decimal | None:
    if not text.strip():
        return None
    try:
        return parse_money(text, currency)
    except ValueError as exc:
        problems.append(Problem(LABELS[key], str(exc)))
        return None


def _moment(day: date | None, at: time, zone_name: str, key: str, problems: list[Problem]) -> datetime | None:
    if day is None:
        return None
    try:
        return local_to_utc(datetime.combine(day, at), zone_name)
    except ValueError as exc:
        problems.append(Problem(LABELS[key], str(exc)))
        return None


def to_round_input(form: RoundForm) -> RoundInput:
    """The round the form describes, or InvalidInput naming every field that is wrong."""
    problems: list[Problem] = []
    if form.funder_id is None:
        problems.append(Problem("Funder", "choose a funder"))
    try:
        zone(form.timezone)
    except ValueError as exc:
        problems.append(Problem(LABELS["timezone"], str(exc)))
        raise InvalidInput(problems) from None
    if form.closes_day is None:
        problems.append(Problem(LABELS["closes"], "choose the closing date"))
    closes = _moment(form.closes_day, form.closes_time, form.timezone, "closes", problems)
    opens = _moment(form.opens_day, form.opens_time, form.timezone, "opens", problems)
    amounts = {
        key: _money(getattr(form, key), form.currency, key, problems) for key in ("pool", "min_award", "max_award")
    }
    rate = None
    if form.success_rate.strip():
        try:
            rate = parse_rate(form.success_rate)
        except ValueError as exc:
            problems.append(Problem(LABELS["success_rate"], str(exc)))
    if problems:
        raise InvalidInput(problems)
    assert form.funder_id is not None and closes is not None  # each was refused above when missing
    round_input = RoundInput(
        funder_id=form.funder_id,
        scheme=" ".join(form.scheme.split()),
        closes_at=closes,
        name=" ".join(form.name.split()),
        is_forecast=form.is_forecast,
        opens_at=opens,
        timezone=form.timezone,
        decision_expected=form.decision_expected,
        currency=form.currency,
        **amounts,
        expected_awards=form.expected_awards or None,
        success_rate=rate,
        eligibility=form.eligibility.strip(),
        url=form.url.strip(),
        template_key=form.template_key.strip() or None,
        cluster_ids=tuple(form.cluster_ids),
        limited_submission=form.limited_submission,
        submission_quota=form.submission_quota if form.limited_submission else None,
        notes=form.notes.strip(),
        offsets=dict(form.offsets),
    )
    problems = [Problem(LABELS.get(p.where, p.where), p.reason) for p in check_round(round_input)]
    if problems:
        raise InvalidInput(problems)
    return round_input


def _text(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


def from_round_input(r: RoundInput) -> RoundForm:
    """The form, filled in with a saved round (times in the round's zone)."""
    closes = local(r.closes_at, r.timezone)
    opens = local(r.opens_at, r.timezone) if r.opens_at else None
    return RoundForm(
        funder_id=r.funder_id,
        scheme=r.scheme,
        name=r.name,
        is_forecast=r.is_forecast,
        opens_day=opens.date() if opens else None,
        opens_time=opens.time() if opens else time(9, 0),
        closes_day=closes.date(),
        closes_time=closes.time(),
        timezone=r.timezone,
        decision_expected=r.decision_expected,
        currency=r.currency,
        pool=_text(r.pool),
        min_award=_text(r.min_award),
        max_award=_text(r.max_award),
        expected_awards=r.expected_awards,
        success_rate=rate_text(r.success_rate),
        eligibility=r.eligibility,
        url=r.url,
        template_key=r.template_key or "",
        cluster_ids=r.cluster_ids,
        limited_submission=r.limited_submission,
        submission_quota=r.submission_quota,
        notes=r.notes,
        offsets=dict(r.offsets or DEFAULT_OFFSETS),
    )
