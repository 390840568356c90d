"""The readiness gate: may an application be marked ready to submit, and if not, what is missing?

Ready means: every required section has text, every section is within its limit and
shared limits hold; every required checklist item was answered yes (or not applicable,
with a reason) by each reviewer who submitted in the latest reviewed round; and no
comment thread is open.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from research.domain.page_counts import PageCounts, PageLine, SizedText, page_report, section_check, shared_check
from research.domain.section_rules import is_empty
from research.domain.template_spec import ChecklistItem, Limit, PageFormat, SharedLimit

EXCERPT = 60


@dataclass(frozen=True)
class SectionText:
    key: str
    title: str
    required: bool
    body: str
    limit: Limit | None = None


@dataclass(frozen=True)
class ReviewerAnswers:
    """One submitted review's checklist: item key -> (answer, note)."""

    reviewer: str
    answers: Mapping[str, tuple[str, str]]


@dataclass(frozen=True)
class OpenThread:
    section: str
    author: str
    body: str


@dataclass(frozen=True)
class ReadinessFacts:
    sections: tuple[SectionText, ...]
    page: PageFormat = field(default_factory=PageFormat)
    shared_limits: tuple[SharedLimit, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()
    reviewed_round: int | None = None
    responses: tuple[ReviewerAnswers, ...] = ()
    open_threads: tuple[OpenThread, ...] = ()
    # Page counts measured on the rendered document for this very text (None: only estimates).
    page_counts: PageCounts | None = None
    # The heading each section is exported under ('3. Research Strategy'), by key.
    headings: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Gap:
    """One thing that stands between the application and 'ready'."""

    area: str
    message: str


@dataclass(frozen=True)
class Readiness:
    gaps: tuple[Gap, ...]
    # Each page-limited section and shared page limit with its size, measured or estimated.
    pages: tuple[PageLine, ...] = ()

    @property
    def ready(self) -> bool:
        return not self.gaps


def assess(facts: ReadinessFacts) -> Readiness:
    gaps = _section_gaps(facts) + _shared_gaps(facts) + _checklist_gaps(facts) + _comment_gaps(facts)
    return Readiness(tuple(gaps), page_lines(facts))


def page_lines(facts: ReadinessFacts) -> tuple[PageLine, ...]:
    sized = tuple(SizedText(s.key, facts.headings.get(s.key, s.title), s.body, s.limit) for s in facts.sections)
    return page_report(sized, facts.shared_limits, facts.page, facts.page_counts)


def _how(measured: bool, unit: str) -> str:
    return " (measured)" if measured else " (estimate)" if unit == "pages" else ""


def _section_gaps(facts: ReadinessFacts) -> list[Gap]:
    if not facts.sections:
        return [Gap("Sections", "The application has no sections yet.")]
    gaps = []
    for section in facts.sections:
        if section.required and is_empty(section.body):
            gaps.append(Gap("Sections", f"“{section.title}” has no text yet."))
            continue
        result, measured = section_check(section.key, section.body, section.limit, facts.page, facts.page_counts)
        if result.over and section.limit is not None:
            how = _how(measured, section.limit.unit)
            gaps.append(Gap("Sections", f"“{section.title}” is over its limit: {result.describe()}{how}."))
    return gaps


def _shared_gaps(facts: ReadinessFacts) -> list[Gap]:
    bodies = {s.key: s.body for s in facts.sections}
    gaps = []
    for shared in facts.shared_limits:
        result, measured = shared_check(shared, bodies, facts.page, facts.page_counts)
        if result.over:
            how = _how(measured, shared.limit.unit)
            gaps.append(
                Gap("Shared limits", f"“{shared.title}” together are over their limit: {result.describe()}{how}.")
            )
    return gaps


def _checklist_gaps(facts: ReadinessFacts) -> list[Gap]:
    required = [item for item in facts.checklist if item.required]
    if not required:
        return []
    if facts.reviewed_round is None or not facts.responses:
        return [Gap("Checklist", "No reviewer has submitted a review yet, so the checklist is unanswered.")]
    gaps = []
    for item in required:
        for response in facts.responses:
            reason = _answer_problem(response.answers.get(item.key))
            if reason:
                gaps.append(
                    Gap("Checklist", f"“{item.text}”: {response.reviewer} {reason} (round {facts.reviewed_round}).")
                )
    return gaps


def _answer_problem(answer: tuple[str, str] | None) -> str | None:
    if answer is None or not answer[0]:
        return "did not answer it"
    choice, note = answer[0], answer[1].strip()
    if choice == "yes" or (choice == "na" and note):
        return None
    if choice == "na":
        return "marked it not applicable without a reason"
    return f"answered no — “{_excerpt(note)}”" if note else "answered no"


def _comment_gaps(facts: ReadinessFacts) -> list[Gap]:
    return [
        Gap("Comments", f"A comment on “{t.section}” by {t.author} is open: “{_excerpt(t.body)}”")
        for t in facts.open_threads
    ]


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1].rstrip() + "…"
