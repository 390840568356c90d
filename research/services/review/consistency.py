"""Is the internal review consistent? Each reviewer against the panel, agreement, outliers, movement.

Scores are the submitted numeric rubric scores. A "unit" is one application in one review
round: the thing several reviewers scored. Measures:
- against the panel: each score minus the mean of the other reviewers of the same unit, and
  each reviewer's scores as z-scores of their own (per-reviewer normalisation);
- agreement per criterion: Krippendorff's alpha (interval), over the units with two or more
  scores; 1 is perfect agreement, 0 is what chance gives, and below 0.667 the scores should not
  be relied on (Krippendorff's own thresholds: 0.8 reliable, 0.667 tentative);
- outliers: a score more than a quarter of the scale away from the median of its unit's
  scores, in units scored by three or more reviewers (with two, neither is the odd one out);
- movement: each criterion's mean score per review round of an application.
The first three can be read for one review round (every application's round 1, say) or across
rounds; movement is always across them.
Only managers overseeing applications see this page's data, so blind reviews stay blind.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import krippendorff
import numpy as np
from sqlalchemy import select

from research.db.models import Application, Review, ReviewRound, RubricScore, User
from research.db.uow import UnitOfWork
from research.domain.agreement import RELIABLE, TENTATIVE, agreement_verdict
from research.domain.reviewing import ReviewStatus
from research.domain.roles import Action, require
from research.domain.template_spec import Criterion
from research.services.common.actor import Actor
from research.services.drafting.application_view import template_of

K = TypeVar("K")
OUTLIER_SHARE = 0.25
MEANING = (
    "Krippendorff's alpha: 1 means the reviewers agree completely, 0 means no better than chance. "
    f"From {RELIABLE} the scores can be relied on; from {TENTATIVE} only tentatively; below that, the "
    "reviewers read this criterion differently and should calibrate."
)


@dataclass(frozen=True)
class ScorePoint:
    application_id: int
    application: str
    round_number: int
    reviewer_id: int
    reviewer: str
    criterion_key: str
    criterion: str
    score: float
    scale_range: float

    @property
    def unit(self) -> tuple[int, int]:
        return self.application_id, self.round_number


@dataclass(frozen=True)
class Agreement:
    criterion_key: str
    criterion: str
    alpha: float | None
    units: int
    scores: int

    @property
    def verdict(self) -> str:
        return agreement_verdict(self.alpha)


@dataclass(frozen=True)
class ReviewerStanding:
    reviewer: str
    scores: int
    mean_against_panel: float | None


@dataclass(frozen=True)
class Outlier:
    application: str
    round_number: int
    reviewer: str
    criterion: str
    score: float
    panel_median: float


@dataclass(frozen=True)
class Movement:
    application: str
    criterion: str
    round_number: int
    mean_score: float
    change: float | None


@dataclass(frozen=True)
class Consistency:
    points: tuple[ScorePoint, ...]
    z_scores: tuple[float | None, ...]
    agreement: tuple[Agreement, ...]
    reviewers: tuple[ReviewerStanding, ...]
    outliers: tuple[Outlier, ...]
    movement: tuple[Movement, ...]
    # The review rounds that have scores, whichever one the other measures were read for.
    rounds: tuple[int, ...] = ()
    meaning: str = MEANING


def review_consistency(
    uow: UnitOfWork, actor: Actor, template_key: str | None = None, round_number: int | None = None
) -> Consistency:
    """The measures across every review round, or for one (its number); movement across them all."""
    require(actor.role, Action.OVERSEE_APPLICATIONS)
    with uow as session:
        query = (
            select(RubricScore, Review.reviewer_id, ReviewRound.number, Application, User.display_name)
            .join(Review, Review.id == RubricScore.review_id)
            .join(ReviewRound, ReviewRound.id == Review.review_round_id)
            .join(Application, Application.id == ReviewRound.application_id)
            .join(User, User.id == Review.reviewer_id)
            .where(Review.status == ReviewStatus.SUBMITTED.value, RubricScore.score.is_not(None))
            .order_by(Application.id, ReviewRound.number, Review.reviewer_id)
        )
        if template_key:
            query = query.where(Application.template_key == template_key)
        criteria: dict[int, dict[str, Criterion]] = {}
        points = []
        for score, reviewer_id, number, application, name in session.execute(query):
            if application.id not in criteria:
                spec = template_of(application)
                criteria[application.id] = {c.key: c for c in spec.rubric.criteria} if spec else {}
            criterion = criteria[application.id].get(score.criterion_key)
            if criterion is None or not criterion.scale.is_numeric:
                continue
            span = float(criterion.scale.max - criterion.scale.min) or 1.0
            points.append(
                ScorePoint(
                    application.id,
                    application.title,
                    number,
                    reviewer_id,
                    name,
                    criterion.key,
                    criterion.title,
                    float(score.score or 0),  # the query keeps only scored rows
                    span,
                )  # fmt: skip
            )
    return consistency_of(points, round_number)


def consistency_of(points: list[ScorePoint], round_number: int | None = None) -> Consistency:
    chosen = [p for p in points if round_number is None or p.round_number == round_number]
    return Consistency(
        tuple(chosen),
        tuple(reviewer_z_scores(chosen)),
        tuple(agreement(chosen)),
        tuple(standings(chosen)),
        tuple(outliers(chosen)),
        tuple(movement(points)),
        tuple(sorted({p.round_number for p in points})),
    )


def reviewer_z_scores(points: list[ScorePoint]) -> list[float | None]:
    """Each score as a z-score among the same reviewer's scores on the same criterion."""
    by_reviewer: dict[tuple[int, str], list[float]] = defaultdict(list)
    for p in points:
        by_reviewer[(p.reviewer_id, p.criterion_key)].append(p.score)
    result: list[float | None] = []
    for p in points:
        own = by_reviewer[(p.reviewer_id, p.criterion_key)]
        sd = statistics.pstdev(own) if len(own) > 1 else 0.0
        result.append(round((p.score - statistics.fmean(own)) / sd, 3) if sd else None)
    return result


def agreement(points: list[ScorePoint]) -> list[Agreement]:
    found = []
    for key, group in _by(points, lambda p: p.criterion_key).items():
        reviewers = sorted({p.reviewer_id for p in group})
        units = sorted({p.unit for p in group})
        data = np.full((len(reviewers), len(units)), np.nan)
        for p in group:
            data[reviewers.index(p.reviewer_id), units.index(p.unit)] = p.score
        paired = int(sum(np.sum(~np.isnan(data[:, j])) >= 2 for j in range(len(units))))
        alpha = None
        if paired >= 2 and len({p.score for p in group}) > 1:
            alpha = round(float(krippendorff.alpha(reliability_data=data, level_of_measurement="interval")), 3)
        found.append(Agreement(key, group[0].criterion, alpha, paired, len(group)))
    return found


def _others(points: list[ScorePoint], p: ScorePoint) -> list[float]:
    return [o.score for o in points if o.unit == p.unit and o.criterion_key == p.criterion_key and o is not p]


def standings(points: list[ScorePoint]) -> list[ReviewerStanding]:
    """Each reviewer's mean difference from the rest of the panel, as a share of the scale."""
    rows = []
    for group in _by(points, lambda p: p.reviewer_id).values():
        gaps = [(p.score - statistics.fmean(o)) / p.scale_range for p in group if (o := _others(points, p))]
        mean = round(statistics.fmean(gaps), 3) if gaps else None
        rows.append(ReviewerStanding(group[0].reviewer, len(group), mean))
    return sorted(rows, key=lambda r: (r.mean_against_panel is None, -(r.mean_against_panel or 0)))


def outliers(points: list[ScorePoint]) -> list[Outlier]:
    found = []
    for p in points:
        others = _others(points, p)
        panel = statistics.median([p.score, *others])
        if len(others) >= 2 and abs(p.score - panel) > OUTLIER_SHARE * p.scale_range:
            found.append(Outlier(p.application, p.round_number, p.reviewer, p.criterion, p.score, panel))
    return found


def movement(points: list[ScorePoint]) -> list[Movement]:
    rows = []
    for group in _by(points, lambda p: (p.application_id, p.criterion_key)).values():
        previous: float | None = None
        for number, in_round in sorted(_by(group, lambda p: p.round_number).items()):
            mean = round(statistics.fmean(p.score for p in in_round), 3)
            change = None if previous is None else round(mean - previous, 3)
            rows.append(Movement(group[0].application, group[0].criterion, number, mean, change))
            previous = mean
    return rows


def _by(points: list[ScorePoint], key: Callable[[ScorePoint], K]) -> dict[K, list[ScorePoint]]:
    groups: dict[K, list[ScorePoint]] = defaultdict(list)
    for p in points:
        groups[key(p)].append(p)
    return dict(groups)
