"""Plotly figures of the return dashboard, one per table. Each point carries its table key in
`customdata`, so a click can list what lies behind it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from research.domain.money import format_money_short, money_symbol
from research.domain.roi import Ratio, format_multiple, return_multiple

WON, GRANTED, EXPECTED, NEUTRAL = "#1f6f8b", "#e07a5f", "#81b29a", "#9aa5b1"


def money_axis() -> dict[str, str]:
    """An axis of amounts in the reporting currency: '$1.2M', '£800k'."""
    return {"tickprefix": money_symbol(), "tickformat": "~s", "rangemode": "tozero"}


PERCENT_AXIS = {"tickformat": ".0%", "range": [0, 1.05]}
TOP_BARS = 25


def _floats(column: pd.Series) -> list[float | None]:
    return [None if v is None or pd.isna(v) else float(v) for v in column]


def _layout(figure: go.Figure, title: str, height: int = 420, **extra) -> go.Figure:
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        template="plotly_white",
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        height=height,
        clickmode="event+select",
        legend={"orientation": "h", "y": -0.15},
        hoverlabel={"namelength": -1},
        **extra,
    )
    return figure


EMPTY_HEIGHT = 160  # a chart with nothing to draw says so in a strip, not a 420 px blank


def empty(title: str, message: str) -> go.Figure:
    figure = go.Figure()
    figure.add_annotation(text=message, showarrow=False, font={"size": 15, "color": "#555"})
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return _layout(figure, title, height=EMPTY_HEIGHT)


def won_against_granted(table: pd.DataFrame, year_basis_label: str) -> go.Figure:
    title = "Money won and cluster grants, cumulative"
    if table.empty:
        return empty(title, "No awards or cluster grants in this selection")
    keys = [[y] for y in table["year"]]
    granted_total = table["cumulative granted"].iloc[-1]
    figure = go.Figure(
        [
            go.Bar(
                x=table["year"],
                y=_floats(table["won"]),
                name="Won in the year",
                marker_color=WON,
                opacity=0.35,
                customdata=keys,
                hovertemplate="%{x}: $%{y:,.0f} won<extra></extra>",
            ),
            go.Scatter(
                x=table["year"],
                y=_floats(table["cumulative won"]),
                name="Money won (cumulative)",
                mode="lines+markers+text",
                line={"color": WON, "width": 3},
                customdata=keys,
                text=[format_money_short(v) for v in table["cumulative won"]],
                textposition="top center",
                hovertemplate="By %{x}: $%{y:,.0f} won<extra></extra>",
            ),
            go.Scatter(
                x=table["year"],
                y=_floats(table["cumulative granted"]),
                name="Cluster grants (cumulative)",
                mode="lines+markers+text",
                line={"color": GRANTED, "width": 3},
                customdata=keys,
                text=[""] * (len(table) - 1) + [f"{format_money_short(granted_total)} granted"],
                textposition="top center",
                hovertemplate="By %{x}: $%{y:,.0f} granted<extra></extra>",
            ),
        ]
    )
    _layout(figure, title, yaxis=money_axis(), xaxis={"title": year_basis_label, "type": "category"})
    won, granted = table["cumulative won"].iloc[-1], table["cumulative granted"].iloc[-1]
    multiple = format_multiple(return_multiple(won, granted))
    if multiple != "not defined":
        figure.add_annotation(
            x=table["year"].iloc[-1],
            y=float(won),
            text=f"<b>{multiple}</b> return",
            showarrow=True,
            arrowhead=0,
            ax=-70,
            ay=-30,
            font={"size": 14, "color": WON},
        )
    return figure


def by_cluster(table: pd.DataFrame) -> go.Figure:
    title = "Won and granted by cluster"
    if table.empty:
        return empty(title, "No awards or cluster grants in this selection")
    keys = [[c] for c in table["cluster"]]
    multiples = [format_multiple(Ratio(None if pd.isna(m) else Decimal(m))) for m in table["multiple"]]
    figure = go.Figure(
        [
            go.Bar(
                x=table["cluster"],
                y=_floats(table["won"]),
                name="Money won",
                marker_color=WON,
                customdata=keys,
                text=[f"{format_money_short(w)} · {m}" for w, m in zip(table["won"], multiples, strict=True)],
                textposition="outside",
                hovertemplate="%{x}: $%{y:,.0f} won<extra></extra>",
            ),
            go.Bar(
                x=table["cluster"],
                y=_floats(table["granted"]),
                name="Cluster grants",
                marker_color=GRANTED,
                customdata=keys,
                text=[format_money_short(g) for g in table["granted"]],
                textposition="outside",
                hovertemplate="%{x}: $%{y:,.0f} granted<extra></extra>",
            ),
        ]
    )
    return _layout(figure, title, barmode="group", yaxis=money_axis())


def _funder_scheme(table: pd.DataFrame) -> list[str]:
    """'Royal Society Te Apārangi — Marsden Fund' + 'Standard' -> 'Marsden Fund: Standard'."""
    return [f"{f.split(' — ')[-1]}: {s}" for f, s in zip(table["funder"], table["scheme"], strict=True)]


def _top(table: pd.DataFrame, column: str, title: str, by: str = "") -> tuple[pd.DataFrame, str]:
    """The TOP_BARS rows largest in `column`: thousands of bars would be unreadable (the table has them all)."""
    if len(table) <= TOP_BARS:
        return table, title
    top = table.assign(_key=table[column].map(float)).nlargest(TOP_BARS, "_key").drop(columns="_key")
    return top, f"{title}: top {TOP_BARS} of {len(table):,}{by}"


def won_by_funder(table: pd.DataFrame) -> go.Figure:
    title = "Money won by funder and scheme"
    if table.empty:
        return empty(title, "No awards in this selection")
    table, title = _top(table, "won", title)
    ordered = table.sort_values("won", key=lambda s: s.map(float))
    figure = go.Figure(
        go.Bar(
            y=_funder_scheme(ordered),
            x=_floats(ordered["won"]),
            orientation="h",
            marker_color=WON,
            customdata=ordered[["funder", "scheme"]].values.tolist(),
            text=[
                f"{format_money_short(w)} ({n} award{'s' if n != 1 else ''})"
                for w, n in zip(ordered["won"], ordered["awards"], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{customdata[0]}, %{customdata[1]}: $%{x:,.0f}<extra></extra>",
        )
    )
    return _layout(figure, title, xaxis=money_axis(), height=max(320, 70 * len(ordered) + 120))


def _interval_bars(table: pd.DataFrame) -> dict:
    """Each rate's 95% Wilson interval as an error bar (the tables carry 'rate low/high (95%)')."""
    if "rate low (95%)" not in table:
        return {}
    rates = _floats(table["success rate"])
    low, high = _floats(table["rate low (95%)"]), _floats(table["rate high (95%)"])
    return {
        "type": "data",
        "symmetric": False,
        "array": [None if r is None or h is None else h - r for r, h in zip(rates, high, strict=True)],
        "arrayminus": [None if r is None or lo is None else r - lo for r, lo in zip(rates, low, strict=True)],
        "color": NEUTRAL,
        "thickness": 1.5,
    }


def success_by_funder(table: pd.DataFrame) -> go.Figure:
    title = "Success rate by funder and scheme (decided applications; lines: 95% intervals)"
    if table.empty:
        return empty(title, "No decided applications in this selection")
    table, title = _top(table, "decided", title, " by decided applications")
    ordered = table.sort_values("success rate", key=lambda s: s.map(lambda v: -1 if pd.isna(v) else float(v)))
    figure = go.Figure(
        go.Bar(
            y=_funder_scheme(ordered),
            x=_floats(ordered["success rate"]),
            orientation="h",
            marker_color=WON,
            customdata=ordered[["funder", "scheme"]].values.tolist(),
            text=[f"{a} of {d}" for a, d in zip(ordered["awarded"], ordered["decided"], strict=True)],
            textposition="outside",
            cliponaxis=False,
            error_x=_interval_bars(ordered),
            hovertemplate="%{y}: %{x:.0%} (%{text} awarded; bar: 95% interval)<extra></extra>",
        )
    )
    return _layout(figure, title, xaxis=PERCENT_AXIS, height=max(320, 60 * len(ordered) + 120))


def pipeline(table: pd.DataFrame) -> go.Figure:
    title = "Pipeline in flight by status"
    if table.empty or table["applications"].sum() == 0:
        return empty(title, "No applications in flight in this selection")
    keys = [[s] for s in table["status"]]
    figure = go.Figure(
        [
            go.Bar(
                x=table["status"],
                y=_floats(table["requested"]),
                name="Requested",
                marker_color=NEUTRAL,
                customdata=keys,
                text=[f"{n} app{'s' if n != 1 else ''}" for n in table["applications"]],
                textposition="outside",
                hovertemplate="%{x}: $%{y:,.0f} requested<extra></extra>",
            ),
            go.Bar(
                x=table["status"],
                y=_floats(table["expected value"]),
                name="Expected value (weighted by success rate)",
                marker_color=EXPECTED,
                customdata=keys,
                hovertemplate="%{x}: $%{y:,.0f} expected<extra></extra>",
            ),
        ]
    )
    return _layout(figure, title, barmode="group", yaxis=money_axis())


def reviewed(table: pd.DataFrame) -> go.Figure:
    title = "Success rate with and without cluster review (lines: 95% intervals)"
    if table.empty:
        return empty(title, "No decided applications in this selection")
    figure = go.Figure(
        go.Bar(
            x=table["group"],
            y=_floats(table["success rate"]),
            marker_color=[WON if "Through" in g else NEUTRAL for g in table["group"]],
            customdata=[[g] for g in table["group"]],
            text=[f"{a} of {d} awarded" for a, d in zip(table["awarded"], table["decided"], strict=True)],
            textposition="outside",
            error_y=_interval_bars(table),
            hovertemplate="%{x}: %{y:.0%} (%{text}; bar: 95% interval)<extra></extra>",
        )
    )
    return _layout(figure, title, yaxis=PERCENT_AXIS)


BUILDERS: dict[str, Callable[..., go.Figure]] = {
    "over_time": won_against_granted,
    "by_cluster": by_cluster,
    "by_funder": won_by_funder,
    "success_by_funder": success_by_funder,
    "pipeline": pipeline,
    "reviewed": reviewed,
}


def figure_for(chart: str, table: pd.DataFrame, year_basis_label: str = "Year") -> go.Figure:
    """The figure of one dashboard table, by the table's name."""
    if chart == "over_time":
        return won_against_granted(table, year_basis_label)
    return BUILDERS[chart](table)
