"""The headline figures as text: for the command line, JSON, and the council report.

`headline` is the ROI service's Headline (read by attribute, so this layer needs no services).
"""

from __future__ import annotations

from decimal import Decimal

from research.domain.locale import workspace_locale
from research.domain.money import format_money, format_money_short, unit_name
from research.domain.roi import format_multiple, format_percent

RATE_PLACES = Decimal("0.0001")


def headline_rows(headline) -> list[tuple[str, str]]:
    h, p = headline, headline.pipeline
    multiple = format_multiple(h.multiple)
    if not h.multiple.defined:
        multiple += f" ({h.multiple.reason})"
    rows = [
        (
            "Money won",
            f"{format_money(h.won)} ({format_money_short(h.won)}) from {h.awards} award{'s' if h.awards != 1 else ''}",
        ),
        ("Cluster grants", format_money(h.granted)),
        ("Return multiple", multiple + (f" won per {unit_name()} granted" if h.multiple.defined else "")),
        ("Success rate (count)", _count_rate(h)),
        ("Success rate (value)", _value_rate(h)),
        (
            "Pipeline in flight",
            f"{p.applications} application{'s' if p.applications != 1 else ''}, {format_money(p.requested)} requested",
        ),
        ("Pipeline expected value", _expected(p)),
    ]
    return rows


def _count_rate(h) -> str:
    if not h.success_count.defined:
        return f"not defined ({h.success_count.reason})"
    return f"{format_percent(h.success_count)}: {h.awarded} of {h.decided} decided applications awarded"


def _value_rate(h) -> str:
    if not h.success_value.defined:
        return f"not defined ({h.success_value.reason})"
    text = (
        f"{format_percent(h.success_value)}: {format_money(h.won_decided)} won of "
        f"{format_money(h.requested_decided)} requested"
    )
    if h.value_left_out:
        text += (
            f" ({h.value_left_out} decided application(s) without an amount in {workspace_locale().currency} left out)"
        )
    return text


def _expected(p) -> str:
    text = format_money(p.expected)
    if p.unknown:
        text += f"; success rate unknown for {format_money(p.unknown_requested)} requested in: " + "; ".join(p.unknown)
    return text


def headline_json(headline, description: str) -> dict:
    h, p = headline, headline.pipeline
    return {
        "filter": description,
        "money_won": _text(h.won),
        "awards": h.awards,
        "cluster_grants": _text(h.granted),
        "return_multiple": _text(h.multiple.value, RATE_PLACES),
        "return_multiple_reason": h.multiple.reason or None,
        "decided": h.decided,
        "awarded": h.awarded,
        "success_rate_count": _text(h.success_count.value, RATE_PLACES),
        "success_rate_value": _text(h.success_value.value, RATE_PLACES),
        "requested_decided": _text(h.requested_decided),
        "won_decided": _text(h.won_decided),
        "pipeline_applications": p.applications,
        "pipeline_requested": _text(p.requested),
        "pipeline_expected_value": _text(p.expected),
        "pipeline_unknown_rate": list(p.unknown),
        "pipeline_unknown_requested": _text(p.unknown_requested),
    }


def _text(value: Decimal | None, places: Decimal | None = None) -> str | None:
    """Decimals as strings in JSON, so no figure turns into a rounded float."""
    if value is None:
        return None
    return f"{value.quantize(places) if places else value:f}"
