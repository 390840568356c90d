"""Rules of a peer review: its states, the answers it holds, and when it is complete."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from research.domain.errors import Problem
from research.domain.rubric import Score, score_problem
from research.domain.template_spec import ChecklistItem, Criterion


class ReviewStatus(StrEnum):
    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CONFLICT = "conflict"
    SUBMITTED = "submitted"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {"conflict": "declined (conflict of interest)", "accepted": "in progress"}.get(self.value, self.value)


# Answers to a checklist item, as stored -> as shown.
ANSWERS = {"yes": "Yes", "no": "No", "na": "Not applicable"}

RECOMMENDATIONS = (
    "Ready to submit",
    "Submit after minor revisions",
    "Major revisions needed",
    "Not competitive this round",
)


@dataclass(frozen=True)
class ReviewContent:
    """What a reviewer has entered so far."""

    answers: Mapping[str, tuple[str, str]]
    scores: Mapping[str, Score]
    recommendation: str | None
    summary: str


def content_problems(
    checklist: Iterable[ChecklistItem], criteria: Iterable[Criterion], content: ReviewContent
) -> list[Problem]:
    """Values that are wrong whatever the stage: unknown answers, scores off their scale."""
    problems = []
    for item in checklist:
        answer = content.answers.get(item.key, ("", ""))[0]
        if answer and answer not in ANSWERS:
            problems.append(Problem(f"checklist “{item.text}”", f"{answer!r} is not yes, no or not applicable"))
    for criterion in criteria:
        value = content.scores.get(criterion.key)
        reason = None if value is None else score_problem(criterion, value)
        if reason:
            problems.append(Problem(f"score for “{criterion.title}”", reason))
    if content.recommendation and content.recommendation not in RECOMMENDATIONS:
        problems.append(Problem("recommendation", f"{content.recommendation!r} is not one of the choices"))
    return problems


def submission_problems(
    checklist: Iterable[ChecklistItem], criteria: Iterable[Criterion], content: ReviewContent
) -> list[Problem]:
    """What must still be filled in before a review can be submitted (and locked)."""
    checklist, criteria = list(checklist), list(criteria)
    problems = content_problems(checklist, criteria, content)
    for item in checklist:
        answer, note = content.answers.get(item.key, ("", ""))
        if not answer:
            problems.append(Problem(f"checklist “{item.text}”", "needs an answer"))
        elif answer in ("no", "na") and not note.strip():
            problems.append(
                Problem(f"checklist “{item.text}”", f"needs a note saying why it is {ANSWERS[answer].lower()}")
            )
    for criterion in criteria:
        if content.scores.get(criterion.key) is None:
            problems.append(Problem(f"score for “{criterion.title}”", "is missing"))
    if not content.recommendation:
        problems.append(Problem("recommendation", "choose one"))
    if not content.summary.strip():
        problems.append(Problem("summary", "must not be empty"))
    return problems


@dataclass(frozen=True)
class Candidate:
    """Someone the lead wants to invite to review, and what is known about them."""

    name: str
    role: str
    active: bool
    on_team: bool
    conflict_rounds: tuple[int, ...] = ()
    in_this_round: bool = False


def invitation_refusal(candidate: Candidate) -> str | None:
    """Why this person may not review this application, or None if they may."""
    if not candidate.active:
        return f"{candidate.name}'s account is deactivated"
    if candidate.on_team:
        return f"{candidate.name} is on the application's team, a conflict of interest"
    if candidate.role not in ("reviewer", "researcher"):
        return f"{candidate.name} is a {candidate.role}; invite a reviewer or a researcher outside the team"
    if candidate.conflict_rounds:
        rounds = ", ".join(str(n) for n in candidate.conflict_rounds)
        return f"{candidate.name} declared a conflict of interest with this application (round {rounds})"
    if candidate.in_this_round:
        return f"{candidate.name} is already invited to this round"
    return None


def blind_aliases(application_id: int, reviewer_ids: Iterable[int]) -> dict[int, str]:
    """Stable names 'Reviewer A', 'Reviewer B'... per application, in an order that does not
    follow the order of invitation (so the lead cannot tell who is who)."""

    def shuffle_key(reviewer_id: int) -> str:
        return hashlib.sha256(f"{application_id}:{reviewer_id}".encode()).hexdigest()

    ordered = sorted(set(reviewer_ids), key=shuffle_key)
    return {reviewer_id: f"Reviewer {_letters(index)}" for index, reviewer_id in enumerate(ordered)}


def _letters(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name
