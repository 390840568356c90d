"""How reviewers' mean scores moved from one review round to the next."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

OVERALL = "Overall"


def score_movement_figure(scores: pd.DataFrame, y_range: tuple[float, float] | None = None) -> go.Figure | None:
    """One line per criterion over the rounds (mean of the submitted reviews); None if nothing is scored.

    `scores` has the columns round, criterion, mean, reviews, low, high. The overall score
    (on a different scale) is left to the table.
    """
    data = scores[scores["criterion"] != OVERALL] if not scores.empty else scores
    if data.empty:
        return None
    figure = go.Figure()
    for criterion, rows in data.groupby("criterion", sort=False):
        rows = rows.sort_values("round")
        figure.add_trace(
            go.Scatter(
                x=[f"Round {n}" for n in rows["round"]],
                y=rows["mean"],
                name=str(criterion),
                mode="lines+markers",
                customdata=list(zip(rows["reviews"], rows["low"], rows["high"], strict=True)),
                hovertemplate="%{x}: mean %{y:.2f} (%{customdata[0]} reviews, %{customdata[1]:g}–%{customdata[2]:g})"
                "<extra>%{fullData.name}</extra>",
            )
        )
    figure.update_layout(
        height=280,
        margin=dict(l=10, r=10, t=30, b=10),
        legend_title_text="Criterion",
        yaxis_title="Mean score",
        xaxis_title=None,
        title_text="Scores by round",
        title_font_size=14,
    )
    if y_range:
        figure.update_yaxes(range=list(y_range))
    return figure


def score_table(scores: pd.DataFrame) -> pd.DataFrame:
    """Criteria down, rounds across: the mean score per round."""
    if scores.empty:
        return scores
    table = scores.pivot_table(index="criterion", columns="round", values="mean", sort=False)
    table.columns = [f"Round {n}" for n in table.columns]
    return table.reset_index().rename(columns={"criterion": "Criterion"})
