"""One template in full: page format, sections and limits, shared limits, checklist, rubric, sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from research.domain.page_rules import page_summary
from research.domain.template_spec import Criterion, Limit, TemplateSpec


def _limit(limit: Limit | None) -> str:
    return f"{limit.max:,} {limit.unit}" if limit else "—"


def _scale(criterion: Criterion) -> str:
    scale = criterion.scale
    if not scale.is_numeric:
        return " / ".join(scale.ratings)
    steps = "half marks" if scale.step == 0.5 else f"steps of {scale.step:g}"
    return f"{scale.min:g}–{scale.max:g}, {steps}, {scale.best} is best"


def template_details(spec: TemplateSpec) -> None:
    page = spec.page
    st.markdown(f"**{spec.name}** · {spec.funder} · {spec.scheme} · version {spec.version}")
    stated = {rule: getattr(page, rule) for rule in page.stated}
    st.caption(
        "Page rules the funder states: " + " · ".join(f"{label}: {value}" for label, value in page_summary(stated))
    )
    sections, checks, rubric = st.tabs(["Sections and limits", "Review checklist", "Review rubric"])
    with sections:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "section": s.title,
                        "key": s.key,
                        "required": s.required,
                        "limit": _limit(s.limit),
                        "guidance": s.guidance,
                    }
                    for s in spec.sections
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        for group in spec.shared_limits:
            st.caption(f"Shared limit — {group.title}: {_limit(group.limit)}")
    with checks:
        st.dataframe(
            pd.DataFrame(
                [{"item": c.text, "required": c.required} for c in spec.checklist], columns=["item", "required"]
            ),
            hide_index=True,
            width="stretch",
        )
    with rubric:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "criterion": c.title,
                        "scale": _scale(c),
                        "weight": c.weight,
                        "threshold": c.threshold if c.threshold is not None else (c.pass_rating or "—"),
                        "guidance": c.guidance,
                    }
                    for c in spec.rubric.criteria
                ],
                columns=["criterion", "scale", "weight", "threshold", "guidance"],
            ),
            hide_index=True,
            width="stretch",
        )
        if spec.rubric.overall_threshold is not None:
            st.caption(f"Overall threshold: {spec.rubric.overall_threshold:g}")
    if spec.sources:
        st.markdown("**Sources**\n\n" + "\n".join(f"- {s}" for s in spec.sources))
