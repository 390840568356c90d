"""Scoring a rubric: a score's place on its scale, thresholds, and the weighted overall score.

The overall score is the weighted sum of the numeric criteria (weights 1 give Horizon
Europe's "10 of 15"; weights 0.5/0.3/0.2 on a 0-5 scale give MSCA's 70% as 3.5). It is
only defined when every numeric criterion is scored and all agree on which end is best.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from research.domain.template_spec import Criterion, Rubric

TOLERANCE = 1e-9
Score = float | Decimal | int | str | None


def score_problem(criterion: Criterion, value: Score) -> str | None:
    """Why `value` is not a valid score for this criterion, or None if it is."""
    scale = criterion.scale
    if not scale.is_numeric:
        return None if value in scale.ratings else f"must be one of {', '.join(scale.ratings)}"
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return f"must be a number from {scale.min:g} to {scale.max:g}"
    number = float(value)
    if not scale.min - TOLERANCE <= number <= scale.max + TOLERANCE:
        return f"must be from {scale.min:g} to {scale.max:g}, not {number:g}"
    steps = (number - scale.min) / scale.step
    if abs(steps - round(steps)) > 1e-6:
        return f"must be in steps of {scale.step:g} from {scale.min:g}, not {number:g}"
    return None


def describe_scale(criterion: Criterion) -> str:
    scale = criterion.scale
    if not scale.is_numeric:
        text = " / ".join(scale.ratings)
        return text + (f"; needs “{criterion.pass_rating}”" if criterion.pass_rating else "")
    better = "higher" if scale.best == "high" else "lower"
    text = f"{scale.min:g}–{scale.max:g} in steps of {scale.step:g}, {better} is better"
    if criterion.threshold is not None:
        text += f"; pass mark {criterion.threshold:g}"
    if criterion.weight != 1:
        text += f"; weight {criterion.weight:g}"
    return text


def passes(criterion: Criterion, value: Score) -> bool | None:
    """Whether a score meets the criterion's threshold; None when there is no score or no threshold."""
    if value is None:
        return None
    if not criterion.scale.is_numeric:
        return None if criterion.pass_rating is None else value == criterion.pass_rating
    if criterion.threshold is None:
        return None
    number = float(value)
    return number >= criterion.threshold if criterion.scale.best == "high" else number <= criterion.threshold


def _numeric(rubric: Rubric) -> list[Criterion]:
    return [c for c in rubric.criteria if c.scale.is_numeric]


def overall(rubric: Rubric, scores: Mapping[str, Score]) -> float | None:
    numeric = _numeric(rubric)
    if not numeric or len({c.scale.best for c in numeric}) > 1:
        return None
    given = [(c.weight, scores.get(c.key)) for c in numeric]
    if any(score is None for _, score in given):
        return None
    return round(sum(weight * float(score) for weight, score in given if score is not None), 4)


def overall_passes(rubric: Rubric, total: float | None) -> bool | None:
    if total is None or rubric.overall_threshold is None:
        return None
    best = _numeric(rubric)[0].scale.best
    return total >= rubric.overall_threshold if best == "high" else total <= rubric.overall_threshold
