"""How to read an agreement coefficient (Krippendorff's alpha), by Krippendorff's own thresholds."""

from __future__ import annotations

RELIABLE = 0.8
TENTATIVE = 0.667


def agreement_verdict(alpha: float | None) -> str:
    if alpha is None:
        return "too few reviews to measure (two units with two scores each are needed)"
    if alpha >= RELIABLE:
        return "reliable"
    return "tentative" if alpha >= TENTATIVE else "reviewers disagree"
