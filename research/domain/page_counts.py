"""Page and side limits measured on the rendered document, and the estimate when nothing is measured.

A section with a limit in pages (a funder's "sides" are pages), or one in a shared page limit,
is measured by laying the export out with its page rules and counting where its text ends.
Measured counts are keyed by a fingerprint of everything that changes the layout (each
section's heading and text, the page rules, the reference document), so a cached count is
used only for the very text version it was measured on.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Protocol

from research.domain.counting import LimitCheck, check
from research.domain.template_spec import Limit, PageFormat, SharedLimit

PAGE_UNIT = "pages"
# Bump when the way the measurement document is built changes, so old counts are not reused.
MEASURE_VERSION = "1"


class Limited(Protocol):
    """A section as far as its limit goes."""

    @property
    def key(self) -> str: ...

    @property
    def limit(self) -> Limit | None: ...


@dataclass(frozen=True)
class SizedText:
    """A section as the measurement sees it: its key, the heading it is exported under, its Markdown."""

    key: str
    heading: str
    body: str
    limit: Limit | None = None


@dataclass(frozen=True)
class PageCounts:
    """Pages each measured section takes; `measured` False when LibreOffice was not there to measure."""

    pages: Mapping[str, float]
    measured: bool = True
    note: str = ""


def page_limited_keys(sections: Sequence[Limited], shared: Sequence[SharedLimit]) -> tuple[str, ...]:
    """Sections with their own page limit or in a shared page limit, in document order."""
    in_groups = {key for group in shared if group.limit.unit == PAGE_UNIT for key in group.sections}
    return tuple(s.key for s in sections if (s.limit is not None and s.limit.unit == PAGE_UNIT) or s.key in in_groups)


def fingerprint(sections: Sequence[SizedText], page: PageFormat, reference_digest: str = "") -> str:
    """What the measured layout depends on; equal fingerprints measure the same."""
    payload = {
        "v": MEASURE_VERSION,
        "page": asdict(page),
        "reference": reference_digest,
        "sections": [[s.key, s.heading, s.body] for s in sections],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def round_up_tenth(pages: float) -> float:
    """Pages to one decimal, rounded up (11.01 pages is over 11), ignoring float noise."""
    return math.ceil(round(pages * 10, 6)) / 10


def section_check(
    key: str, body: str, limit: Limit | None, page: PageFormat, counts: PageCounts | None
) -> tuple[LimitCheck, bool]:
    """The section's size against its limit, and whether a page count in it was measured."""
    if limit is not None and limit.unit == PAGE_UNIT and counts is not None and counts.measured and key in counts.pages:
        return LimitCheck(counts.pages[key], limit), True
    return check(body, limit, page), False


def shared_check(
    group: SharedLimit, bodies: Mapping[str, str], page: PageFormat, counts: PageCounts | None
) -> tuple[LimitCheck, bool]:
    members = [key for key in group.sections if key in bodies]
    measured = (
        group.limit.unit == PAGE_UNIT
        and counts is not None
        and counts.measured
        and all(key in counts.pages for key in members)
    )
    if measured and counts is not None:
        return LimitCheck(round_up_tenth(sum(counts.pages[key] for key in members)), group.limit), True
    used = sum(check(bodies[key], group.limit, page).used for key in members)
    return LimitCheck(used, group.limit), False


def shared_title(group: SharedLimit) -> str:
    """'Aims and team (together)', unless the funder's title already says so."""
    return group.title if "together" in group.title.lower() else f"{group.title} (together)"


@dataclass(frozen=True)
class PageLine:
    """One line of the page report: 'Research Strategy: 12.4 of 12 pages (measured)'."""

    title: str
    check: LimitCheck
    measured: bool
    shared: bool = False  # a limit several sections share

    @property
    def over(self) -> bool:
        return self.check.over

    def __str__(self) -> str:
        limit = self.check.limit
        unit = limit.unit.removesuffix("s") if limit and limit.max == 1 else limit.unit if limit else ""
        size = f"{self.check.used:g} of {limit.max} {unit}" if limit else f"{self.check.used:g}"
        how = "measured" if self.measured else "estimate"
        return f"{self.title}: {size} ({how})"


def page_report(
    sections: Sequence[SizedText],
    shared: Sequence[SharedLimit],
    page: PageFormat,
    counts: PageCounts | None,
) -> tuple[PageLine, ...]:
    """Every page-limited section and shared page limit with its size, measured where it could be."""
    lines = []
    for s in sections:
        if s.limit is not None and s.limit.unit == PAGE_UNIT:
            result, measured = section_check(s.key, s.body, s.limit, page, counts)
            lines.append(PageLine(s.heading, result, measured))
    bodies = {s.key: s.body for s in sections}
    for group in shared:
        if group.limit.unit == PAGE_UNIT:
            result, measured = shared_check(group, bodies, page, counts)
            lines.append(PageLine(shared_title(group), result, measured, shared=True))
    return tuple(lines)
