"""The headline figures as text: for the command line, JSON, and the council report.

`headline` is the ROI service's Headline (read by attribute, so this layer needs no services).
"""

from __future__ import annotations

from decimal import Decimal

from research.domain.attribution import Counted
from research.domain.locale import workspace_locale
from research.domain.money import format_money, format_money_short, unit_name
from research.domain.roi import format_multiple, format_percent

RATE_PLACES = Decimal("0.0001")
AREA_NOT_SET = (
    "Area not set: every award attributed to a cluster is counted, wherever its recipient is. "
    "An admin sets the area the unit serves in the workspace settings."
)
NOT_COUNTED = (Counted.OUTSIDE, Counted.NO_LOCATION, Counted.UNATTRIBUTED)


def _awards(n: int) -> str:
    return f"{n:,} award{'s' if n != 1 else ''}"


def counted_basis(headline, description: str) -> str:
    """What the money won and the multiple rest on, in one sentence a council can check."""
    basis = headline.basis
    where = (
        f"whose recipient is in the area ({basis.area.replace(';', '; ')})"
        if basis is not None and basis.area_set
        else "wherever their recipients are (the area is not set)"
    )
    return (
        f"Counts {_awards(headline.awards)} {where}, attributed to a cluster, in the period: {description}; "
        "awards of zero are not counted."
    )


def not_counted_rows(headline) -> list[tuple[str, str]]:
    """The awards shown apart from the money won, never added in."""
    basis = headline.basis
    if basis is None:
        return []
    rows = [
        (c.label, f"{format_money(basis.amount(c))} from {_awards(basis.awards(c))} (not counted)")
        for c in NOT_COUNTED
        if basis.area_set or c is Counted.UNATTRIBUTED
    ]
    if basis.zero_awards:
        rows.append(("Awards of zero", f"{_awards(basis.zero_awards)} declined or withdrawn (not counted)"))
    return rows


def headline_rows(headline) -> list[tuple[str, str]]:
    h, p = headline, headline.pipeline
    multiple = format_multiple(h.multiple)
    if not h.multiple.defined:
        multiple += f" ({h.multiple.reason})"
    area_set = h.basis is not None and h.basis.area_set
    rows = [("Area", "not set: every award attributed to a cluster is counted")] if h.basis and not area_set else []
    rows += [
        (
            "Won in the area" if area_set else "Money won",
            f"{format_money(h.won)} ({format_money_short(h.won)}) from {h.awards} award{'s' if h.awards != 1 else ''}",
        ),
        *not_counted_rows(h),
        ("Cluster grants", format_money(h.granted)),
        ("Return multiple", multiple + (_per_dollar(area_set) if h.multiple.defined else "")),
        ("Success rate (count)", _count_rate(h)),
        ("Success rate (value)", _value_rate(h)),
        (
            "Pipeline in flight",
            f"{p.applications} application{'s' if p.applications != 1 else ''}, {format_money(p.requested)} requested",
        ),
        ("Pipeline expected value", _expected(p)),
    ]
    return rows


def _per_dollar(area_set: bool) -> str:
    return f" won{' in the area' if area_set else ''} per {unit_name()} granted"


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
    h, p, basis = headline, headline.pipeline, headline.basis
    return {
        "currency": workspace_locale().currency,
        "area": basis.area if basis is not None else "",
        "area_set": bool(basis is not None and basis.area_set),
        "won_in_area": _text(h.won),
        "won_outside_area": _text(basis.amount(Counted.OUTSIDE) if basis else Decimal(0)),
        "won_no_location": _text(basis.amount(Counted.NO_LOCATION) if basis else Decimal(0)),
        "unattributed_to_cluster": _text(basis.amount(Counted.UNATTRIBUTED) if basis else Decimal(0)),
        "multiple": _text(h.multiple.value, RATE_PLACES),
        "multiple_counts": counted_basis(h, description),
        "awards_by_counting": {c.value: basis.awards(c) for c in Counted} if basis else {},
        "zero_awards": basis.zero_awards if basis else 0,
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
