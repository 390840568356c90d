"""Figures of the review consistency page: reviewers against the panel, agreement per criterion."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from research.charts.roi import empty
from research.domain.agreement import RELIABLE, TENTATIVE

AGREE, DOUBT, DISAGREE, NEUTRAL = "#2a9d8f", "#e9c46a", "#e76f51", "#9aa5b1"


def _layout(figure: go.Figure, title: str, height: int = 360, **extra: object) -> go.Figure:
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        template="plotly_white",
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        height=height,
        **extra,
    )
    return figure


def reviewers_against_panel(rows: Sequence[tuple[str, float | None]]) -> go.Figure:
    """Rows of (reviewer, mean difference from the panel as a share of the scale)."""
    title = "Each reviewer against the rest of the panel"
    shown = [(name, value) for name, value in rows if value is not None]
    if not shown:
        return empty(title, "No reviewer shares an application with another yet.")
    values = [value for _, value in shown]
    figure = go.Figure(
        go.Bar(
            x=values,
            y=[name for name, _ in shown],
            orientation="h",
            marker_color=[DISAGREE if abs(v) > 0.25 else NEUTRAL for v in values],
            text=[f"{v:+.0%} of the scale" for v in values],
            hovertemplate="%{y}: %{x:+.0%} of the scale from the panel<extra></extra>",
        )
    )
    figure.update_xaxes(tickformat="+.0%", title="mean difference from the other reviewers (share of the scale)")
    figure.update_yaxes(autorange="reversed")
    return _layout(figure, title, height=max(260, 40 * len(shown) + 120))


def agreement_by_criterion(rows: Sequence[tuple[str, float | None, int]]) -> go.Figure:
    """Rows of (criterion, alpha or None, applications compared)."""
    title = "Agreement between reviewers, per criterion (Krippendorff's alpha)"
    measured = [(name, alpha, units) for name, alpha, units in rows if alpha is not None]
    if not measured:
        return empty(title, "Too few reviews: agreement needs two applications scored by two reviewers.")
    alphas = [alpha for _, alpha, _ in measured]
    figure = go.Figure(
        go.Bar(
            x=[name for name, _, _ in measured],
            y=alphas,
            marker_color=[AGREE if a >= RELIABLE else DOUBT if a >= TENTATIVE else DISAGREE for a in alphas],
            text=[f"{a:.2f}" for a in alphas],
            customdata=[units for _, _, units in measured],
            hovertemplate="%{x}: alpha %{y:.2f} over %{customdata} applications<extra></extra>",
        )
    )
    for level, label in ((RELIABLE, "reliable"), (TENTATIVE, "tentative")):
        figure.add_hline(y=level, line_dash="dot", annotation_text=label, annotation_position="top left")
    figure.update_yaxes(range=[min(-0.2, min(alphas) - 0.1), 1.05], title="alpha")
    return _layout(figure, title)


def criterion_movement(rows: Sequence[tuple[str, int, float]], application: str) -> go.Figure:
    """Rows of (criterion, review round number, mean score) for one application."""
    title = f"Scores by review round: {application}"
    if len({number for _, number, _ in rows}) < 2:
        return empty(title, "Only one review round has scores so far.")
    figure = go.Figure()
    for criterion in dict.fromkeys(name for name, _, _ in rows):
        points = [(number, mean) for name, number, mean in rows if name == criterion]
        figure.add_trace(
            go.Scatter(
                x=[f"Round {number}" for number, _ in points],
                y=[mean for _, mean in points],
                mode="lines+markers",
                name=criterion,
            )
        )
    figure.update_yaxes(title="mean score")
    return _layout(figure, title, legend={"orientation": "h", "y": -0.2})
