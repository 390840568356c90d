"""The readiness gate: may an application be marked ready to submit, and if not, what is missing?

Ready means: every required section has text, every section is within its limit and
shared limits hold; every required section is marked ready by its writers (or the lead
marks the application ready over that, with a recorded reason); every required checklist
item was answered yes (or not applicable, with a reason) by each reviewer who submitted in
the latest reviewed round, or the team answered a "No" with a note; and no comment thread
is open. Each gap says what clears it.
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
    marked_ready: bool = True


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
    # The team's notes answering a reviewer's "No" in the latest reviewed round: item key -> note.
    answered_noes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Gap:
    """One thing that stands between the application and 'ready'."""

    area: str
    message: str
    clears: str = ""
    # Only sections not yet marked ready: the lead may mark the application ready over these, saying why.
    overridable: bool = False
    # A reviewer's "No" on this checklist item, which the team may answer with a note.
    item_key: str = ""


CLEARS_TEXT = "Write it in the editor."
CLEARS_LIMIT = "Shorten it in the editor."
CLEARS_SHARED = "Shorten one of these sections in the editor."
CLEARS_MARK = "Its writer marks it ready in the editor, or the lead marks the application ready anyway and records why."
CLEARS_UNREVIEWED = "Request a review round; the checklist counts once a reviewer submits."
CLEARS_NO = "Answer it with a note saying how the team dealt with it, or request a new review round."
CLEARS_ANSWER = "Request a new review round so a reviewer answers it."
CLEARS_COMMENT = "Resolve the thread once it is dealt with (Comments tab)."


@dataclass(frozen=True)
class Readiness:
    gaps: tuple[Gap, ...]
    # Each page-limited section and shared page limit with its size, measured or estimated.
    pages: tuple[PageLine, ...] = ()

    @property
    def ready(self) -> bool:
        return not self.gaps

    @property
    def blocking(self) -> tuple[Gap, ...]:
        """Gaps no override clears."""
        return tuple(g for g in self.gaps if not g.overridable)

    @property
    def overridable(self) -> tuple[Gap, ...]:
        return tuple(g for g in self.gaps if g.overridable)


def assess(facts: ReadinessFacts) -> Readiness:
    gaps = (
        _section_gaps(facts)
        + _shared_gaps(facts)
        + _unmarked_gaps(facts)
        + _checklist_gaps(facts)
        + _comment_gaps(facts)
    )
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
            gaps.append(Gap("Sections", f"“{section.title}” has no text yet.", CLEARS_TEXT))
            continue
        result, measured = section_check(section.key, section.body, section.limit, facts.page, facts.page_counts)
        if result.over and section.limit is not None:
            how = _how(measured, section.limit.unit)
            gaps.append(
                Gap("Sections", f"“{section.title}” is over its limit: {result.describe()}{how}.", CLEARS_LIMIT)
            )
    return gaps


def _unmarked_gaps(facts: ReadinessFacts) -> list[Gap]:
    """Required sections with text that nobody has marked ready (empty ones are already a gap)."""
    return [
        Gap("Sections marked ready", f"“{s.title}” is not marked ready.", CLEARS_MARK, overridable=True)
        for s in facts.sections
        if s.required and not s.marked_ready and not is_empty(s.body)
    ]


def _shared_gaps(facts: ReadinessFacts) -> list[Gap]:
    bodies = {s.key: s.body for s in facts.sections}
    gaps = []
    for shared in facts.shared_limits:
        result, measured = shared_check(shared, bodies, facts.page, facts.page_counts)
        if result.over:
            how = _how(measured, shared.limit.unit)
            gaps.append(
                Gap(
                    "Shared limits",
                    f"“{shared.title}” together are over their limit: {result.describe()}{how}.",
                    CLEARS_SHARED,
                )
            )
    return gaps


def _checklist_gaps(facts: ReadinessFacts) -> list[Gap]:
    required = [item for item in facts.checklist if item.required]
    if not required:
        return []
    if facts.reviewed_round is None or not facts.responses:
        return [
            Gap(
                "Checklist",
                "No reviewer has submitted a review yet, so the checklist is unanswered.",
                CLEARS_UNREVIEWED,
            )
        ]
    gaps = []
    for item in required:
        for response in facts.responses:
            answer = response.answers.get(item.key)
            reason = _answer_problem(answer)
            said_no = bool(answer) and answer is not None and answer[0] == "no"
            if not reason or (said_no and facts.answered_noes.get(item.key, "").strip()):
                continue
            gaps.append(
                Gap(
                    "Checklist",
                    f"“{item.text}”: {response.reviewer} {reason} (round {facts.reviewed_round}).",
                    CLEARS_NO if said_no else CLEARS_ANSWER,
                    item_key=item.key if said_no else "",
                )
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
        Gap("Comments", f"A comment on “{t.section}” by {t.author} is open: “{_excerpt(t.body)}”", CLEARS_COMMENT)
        for t in facts.open_threads
    ]


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1].rstrip() + "…"
