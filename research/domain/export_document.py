"""What goes into an exported application, independent of the file format.

The drafting services gather it (respecting who may read what); research/export writes it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from research.domain.counting import check_shared
from research.domain.errors import InvalidInput, Problem
from research.domain.page_counts import (
    PageCounts,
    PageLine,
    SizedText,
    fingerprint,
    page_report,
    section_check,
    shared_title,
)
from research.domain.section_rules import is_empty
from research.domain.template_spec import Limit, PageFormat, SharedLimit

# A title that already carries the funder's number ("1. Aims", "2) Team", "Section 3: ...").
NUMBERED_TITLE = re.compile(r"^\s*(?:(?:section|part|question)\s+)?[0-9]+(?:\.[0-9]+)*[.):]?\s", re.IGNORECASE)


def numbered_heading(title: str, number: int) -> str:
    """The title as the funder's form has it: '2. Aims' in the template's numbering (0: unnumbered)."""
    if not number or NUMBERED_TITLE.match(title):
        return title
    return f"{number}. {title}"


@dataclass(frozen=True)
class ExportSection:
    key: str
    title: str
    body: str  # Markdown
    limit: Limit | None = None
    number: int = 0  # its place in the template's order (1, 2, ...); 0: unnumbered
    required: bool = True

    def heading(self, numbered: bool = True) -> str:
        return numbered_heading(self.title, self.number if numbered else 0)

    @property
    def empty(self) -> bool:
        return is_empty(self.body)


@dataclass(frozen=True)
class ExportDocument:
    title: str
    funder: str
    scheme: str
    round_name: str
    team: tuple[str, ...]
    dated: date
    text_source: str  # which text this is: current, frozen for a review round, or as at a time
    template_key: str
    page: PageFormat
    sections: tuple[ExportSection, ...]
    shared_limits: tuple[SharedLimit, ...] = ()

    @property
    def file_name(self) -> str:
        """A safe .docx file name from the title: ASCII letters, digits and hyphens."""
        return f"{self.stem}.docx"

    @property
    def stem(self) -> str:
        return slug(self.title, "-") or "application"

    def sized(self, numbered: bool = True) -> tuple[SizedText, ...]:
        return tuple(SizedText(s.key, s.heading(numbered), s.body, s.limit) for s in self.sections)


def counts_fingerprint(document: ExportDocument, numbered: bool = True, reference_digest: str = "") -> str:
    """The key measured page counts of this text, these page rules and this reference are kept under."""
    return fingerprint(document.sized(numbered), document.page, reference_digest)


@dataclass(frozen=True)
class ExportOptions:
    """How to export: by default exactly what a funder is sent, nothing of the workspace's own."""

    cover_sheet: bool = False  # a first page naming funder, round, team, date and which text
    counts: bool = False  # a line under each heading with its length against the limit
    numbered: bool = True  # '1. Aims', '2. Team' in the template's order
    section_breaks: bool = False  # each section on a new page (only when the funder asks for it)
    anyway: bool = False  # export despite empty or over-limit sections (they go to the checklist file)


def submission_problems(document: ExportDocument, counts: PageCounts | None = None) -> tuple[str, ...]:
    """What would make the document unfit to submit: empty required sections, limits exceeded."""
    problems: list[str] = []
    for section in document.sections:
        if section.required and section.empty:
            problems.append(f"“{section.title}” has no text yet.")
            continue
        result, measured = section_check(section.key, section.body, section.limit, document.page, counts)
        if result.over and section.limit is not None:
            how = " (measured)" if measured else " (estimate)" if section.limit.unit == "pages" else ""
            problems.append(
                f"“{section.title}” is over its limit: {result.used:g} of {section.limit.max} "
                f"{section.limit.unit}{how}."
            )
    keys = {s.key for s in document.sections}
    groups = [g for g in document.shared_limits if set(g.sections) & keys]
    for line in page_report(document.sized(), groups, document.page, counts):
        if line.over and line.shared:
            problems.append(f"{line} is over the shared limit.")
    problems += _shared_problems(document, [g for g in groups if g.limit.unit != "pages"])
    return tuple(problems)


def _shared_problems(document: ExportDocument, groups: list[SharedLimit]) -> list[str]:
    bodies = {s.key: s.body for s in document.sections}
    problems = []
    for group in groups:
        result = check_shared([bodies[k] for k in group.sections if k in bodies], group.limit, document.page)
        if result.over:
            problems.append(
                f"{shared_title(group)}: {result.used:g} of {group.limit.max} {group.limit.unit} "
                "is over the shared limit."
            )
    return problems


def page_lines(document: ExportDocument, counts: PageCounts | None) -> tuple[PageLine, ...]:
    keys = {s.key for s in document.sections}
    groups = [g for g in document.shared_limits if set(g.sections) & keys]
    return page_report(document.sized(), groups, document.page, counts)


def checklist_text(document: ExportDocument, problems: tuple[str, ...], lines: tuple[PageLine, ...]) -> str:
    """The file that goes next to a document exported despite its problems: what to fix before submitting."""
    out = [
        f"Before submitting “{document.title}”",
        f"({document.text_source}; exported {document.dated.day} {document.dated:%B %Y})",
        "",
        "Still to do:",
        *(f"[ ] {p}" for p in problems),
    ]
    if lines:
        out += ["", "Page counts:", *(f"    {line}" for line in lines)]
    return "\n".join(out) + "\n"


def slug(text: str, joiner: str = "_", max_words: int = 8) -> str:
    """Lower-case ASCII words of a text joined by `joiner` (macrons folded: Māori -> maori)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words, current = [], []
    for ch in folded:
        if ch.isalnum():
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return joiner.join(words[:max_words])


class ExportBlocked(InvalidInput):
    """Sections are empty or over their limits; nothing was exported. Export anyway to get a checklist."""

    def __init__(self, reasons: tuple[str, ...]):
        super().__init__([Problem("", reason) for reason in reasons])
        self.reasons = reasons
