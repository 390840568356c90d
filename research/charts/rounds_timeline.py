"""A timeline of funding rounds: a bar from opening (or the first milestone) to the close,
with the internal milestones and the close marked, in the viewer's time zone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import plotly.graph_objects as go

from research.domain.round_values import format_moment, local

STATUS_COLOURS = {"open": "#1b7f3b", "upcoming": "#2b6cb0", "forecast": "#9a7b1c", "closed": "#8a8f98"}
MILESTONE_STYLE = {
    "intent": ("diamond", "#6b46c1"),
    "draft": ("square", "#d97706"),
    "signoff": ("triangle-up", "#c53030"),
}
ROW_HEIGHT = 34


def _label(r) -> str:
    funder = r.funder.split("—")[-1].strip()
    text = f"{r.name} · {funder}"
    return text if len(text) <= 60 else text[:57] + "…"


def _wall(moment: datetime, zone_name: str) -> datetime:
    return local(moment, zone_name).replace(tzinfo=None)


def timeline_figure(rounds: Sequence, zone_name: str, now: datetime) -> go.Figure:
    """`rounds` are RoundDates, drawn top to bottom in the order given."""
    labels = [f"{_label(r)} #{r.id}" for r in rounds]
    figure = go.Figure()
    _bars(figure, rounds, labels, zone_name)
    _milestones(figure, rounds, labels, zone_name)
    _closes(figure, rounds, labels, zone_name)
    today = _wall(now, zone_name)
    figure.add_shape(
        type="line", x0=today, x1=today, y0=0, y1=1, yref="paper", line={"color": "#444", "dash": "dot", "width": 1}
    )
    figure.add_annotation(x=today, y=1, yref="paper", text="now", showarrow=False, yanchor="bottom")
    figure.update_yaxes(
        autorange="reversed",
        categoryorder="array",
        categoryarray=labels,
        tickvals=labels,
        ticktext=[label.rsplit(" #", 1)[0] for label in labels],
        title=None,
    )
    figure.update_xaxes(type="date", title=f"Date and time in {zone_name}")
    figure.update_layout(
        height=170 + ROW_HEIGHT * max(1, len(rounds)),
        margin={"l": 10, "r": 10, "t": 80, "b": 40},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.1, "x": 0},
        hovermode="closest",
        plot_bgcolor="white",
    )
    return figure


def _bars(figure: go.Figure, rounds, labels, zone_name) -> None:
    for status, colour in STATUS_COLOURS.items():
        xs, ys, texts = [], [], []
        for r, label in zip(rounds, labels, strict=True):
            if r.status != status:
                continue
            start = r.opens_at or min((m.due_at for m in r.milestones), default=r.closes_at)
            xs += [_wall(start, zone_name), _wall(r.closes_at, zone_name), None]
            ys += [label, label, None]
            texts += [f"{r.name}: {status}"] * 2 + [None]
        if xs:
            figure.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    name=status,
                    line={"color": colour, "width": 12},
                    opacity=0.45,
                    hovertext=texts,
                    hoverinfo="text",
                )
            )


def _milestones(figure: go.Figure, rounds, labels, zone_name) -> None:
    kinds = {m.kind: m.label for r in rounds for m in r.milestones}
    for kind, name in kinds.items():
        symbol, colour = MILESTONE_STYLE.get(kind, ("circle", "#555"))
        points = [(m, label) for r, label in zip(rounds, labels, strict=True) for m in r.milestones if m.kind == kind]
        figure.add_trace(
            go.Scatter(
                x=[_wall(m.due_at, zone_name) for m, _ in points],
                y=[label for _, label in points],
                mode="markers",
                name=name,
                marker={"symbol": symbol, "size": 11, "color": colour},
                hovertext=[
                    f"{name}: {format_moment(m.due_at, zone_name, with_zone=False)} "
                    f"({m.working_days_before} working days before close)"
                    for m, _ in points
                ],
                hoverinfo="text",
            )
        )


def _closes(figure: go.Figure, rounds, labels, zone_name) -> None:
    figure.add_trace(
        go.Scatter(
            x=[_wall(r.closes_at, zone_name) for r in rounds],
            y=labels,
            mode="markers",
            name="Closes",
            marker={"symbol": "x-thin-open", "size": 14, "color": "#111", "line": {"width": 3}},
            hovertext=[f"Closes: {format_moment(r.closes_at, zone_name, with_zone=False)}" for r in rounds],
            hoverinfo="text",
        )
    )
