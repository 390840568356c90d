"""A funder's assessment criteria: what each one is called, weighs and looks at.

A round's criteria come from its template's rubric or from the call's guidance, found in
its text by `criteria_from_text`: numbered or bulleted lines and headings that name a
criterion, often with a weighting ("1. Excellence (50%)", "Impact - weighting 30%"), and
"assessed on ..." sentences that list them. Headings are Markdown's "## ..." (the guidance
reader writes a Word heading so): one names a criterion when it is weighted or labelled, or
when it sits under an "Assessment criteria" heading; another heading ends the criterion
above it. The lines under a criterion describe it; its phrases are what a draft is checked
against. Lines that look like a criterion but could not be read are returned too, so the
preview can show them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from research.domain.template_spec import Criterion

MAX_CRITERIA = 30
MAX_TITLE = 200
_NUMBERED = re.compile(r"^\s*(?:criterion\s+)?(?:\(?[0-9]{1,2}[.)]|\(?[a-h][.)]|[-*\u2022])\s+(?P<rest>.+)$", re.I)
_CRITERION_LABEL = re.compile(r"^\s*criterion\s+[0-9a-z]{1,2}\s*[:.\-\u2013\u2014]\s*(?P<rest>.+)$", re.I)
_WEIGHT = re.compile(
    r"[(\[]?\s*(?:weight(?:ing|ed)?\s*(?:of|:)?\s*)?(?P<pct>[0-9]{1,3}(?:\.[0-9]+)?)\s*(?:%|per\s*cent|percent)\s*[)\]]?",
    re.I,
)
_ASSESSED_ON = re.compile(
    r"(?:assessed|evaluated|scored|judged|reviewed)\s+(?:on|against|according to)(?:\s+the\s+following)?"
    r"(?:\s+criteria)?\s*:?\s*(?P<list>.+)",
    re.I,
)
_CRITERIA_HEADING = re.compile(r"^\s*(?:assessment|award|evaluation|selection|review)?\s*criteria\s*:?\s*$", re.I)
_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.+?)(?:\s+#+)?\s*$")
_SPLIT_PHRASES = re.compile(r"\s*(?:[,;:]|\band\b|\bor\b|\u2013|\u2014|\s-\s)\s*", re.I)


@dataclass(frozen=True)
class AssessmentCriterion:
    key: str
    title: str
    weight: float | None = None
    describes: tuple[str, ...] = ()
    description: str = ""

    def words(self) -> str:
        """Everything that says what this criterion looks at, as one text."""
        return " ".join((self.title, *self.describes, self.description))


@dataclass(frozen=True)
class CriteriaFound:
    criteria: tuple[AssessmentCriterion, ...]
    unplaced: tuple[str, ...] = field(default=())


def from_rubric(criteria: tuple[Criterion, ...]) -> tuple[AssessmentCriterion, ...]:
    """The template's rubric criteria the funder scores (not the internal review's), with their weights
    only where they differ (all 1 means unweighted), as a criterion's weight is: a percentage of the
    whole (a rubric's weights are multipliers: NIH's 1, 1 and 0 are 50%, 50% and 0%).

    A criterion without its own phrases takes them from its guidance ("Ambition, originality and
    soundness" -> three), leaving out scale notes such as "0 fails, 1 poor"."""
    criteria = tuple(c for c in criteria if not c.internal)
    weighted = len({c.weight for c in criteria}) > 1 or any(c.weight not in (0.0, 1.0) for c in criteria)
    total = sum(c.weight for c in criteria)
    return tuple(
        AssessmentCriterion(
            c.key,
            c.title,
            round(100 * c.weight / total, 1) if weighted and total else None,
            c.describes or phrases_of(c.guidance),
            c.guidance,
        )
        for c in criteria
    )


def criterion_key(title: str, taken: set[str]) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", title.lower()).split()
    base = ""
    for word in words:
        if base and len(base) + len(word) + 1 > 40:
            break
        base = f"{base}_{word}" if base else word[:40]
    base = base or "criterion"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def phrases_of(text: str) -> tuple[str, ...]:
    """The short phrases a description lists ('ambition, feasibility and novelty' -> three)."""
    inside = re.findall(r"\(([^)]{3,200})\)", text)
    parts = [
        p.strip(" .?!") for chunk in [*inside, re.sub(r"\([^)]*\)", "", text)] for p in _SPLIT_PHRASES.split(chunk)
    ]
    seen: dict[str, None] = {}
    for part in parts:
        words = part.split()
        if 1 <= len(words) <= 6 and any(len(w) > 3 for w in words) and not re.search(r"[0-9]", part):
            seen.setdefault(part.lower(), None)
    return tuple(seen)


def _weight(text: str) -> tuple[str, float | None]:
    match = _WEIGHT.search(text)
    if not match:
        return text, None
    pct = float(match.group("pct"))
    rest = (text[: match.start()] + text[match.end() :]).strip(" -:\u2013\u2014,;.")
    return rest, pct if 0 < pct <= 100 else None


def _title_and_rest(text: str) -> tuple[str, str]:
    """'Impact: pathways to impact and uptake' -> ('Impact', 'pathways to impact and uptake')."""
    parts = re.split(r"\s*[:\u2013\u2014]\s*|\s-\s", text, maxsplit=1)
    if len(parts) == 2 and parts[1].strip() and len(parts[0].split()) <= 8:
        return parts[0].strip(), parts[1].strip()
    return text.strip(), ""


def _criterion_line(line: str, in_criteria: bool) -> str | None:
    """The criterion named by a labelled line ('Criterion 2: ...'), by a short title with its
    weighting ('Excellence (50%)'), or by a numbered or bulleted one under a criteria heading,
    with a weighting, or short like a title; else None."""
    labelled = _CRITERION_LABEL.match(line)
    if labelled:
        return labelled.group("rest").strip()
    numbered = _NUMBERED.match(line)
    if not numbered:
        return line if _weighted_title(line) else None
    named = numbered.group("rest").strip()
    if in_criteria or _WEIGHT.search(named) or _looks_like_title(_title_and_rest(named)[0]):
        return named
    return None


def _criterion_heading(line: str, under_criteria: bool) -> str | None:
    """The criterion a heading names: as a line would, or any short title under a criteria heading."""
    named = _criterion_line(line, under_criteria)
    if named is None and under_criteria and _looks_like_title(_title_and_rest(line)[0]):
        return line
    return named


def _weighted_title(line: str) -> bool:
    """A heading that lost its style (a PDF's, a pasted one): a short title and its weighting, not a sentence."""
    rest, weight = _weight(line)
    title = _title_and_rest(rest)[0]
    return (
        weight is not None
        and len(line.split()) <= 12
        and not line.endswith((".", "?", "!", ":"))
        and not re.search(r"[0-9]", title)
        and _looks_like_title(title)
    )


def _heading_level(line: str) -> tuple[int, str]:
    """A Markdown heading's level and text ('## Impact' -> (2, 'Impact')); 0 for any other line."""
    heading = _HEADING.match(line)
    return (len(heading.group("marks")), heading.group("text").strip()) if heading else (0, line)


def criteria_from_text(text: str) -> CriteriaFound:
    """Criteria named in a call's guidance, each with the lines that describe it."""
    lines = [ln.strip() for ln in (text or "").replace("\r", "\n").split("\n")]
    found: list[dict[str, object]] = []
    unplaced: list[str] = []
    in_criteria = False
    # The level of the criteria heading whose sub-headings are criteria (None: no such heading).
    criteria_level: int | None = None
    describing = False
    for raw in lines:
        if not raw:
            continue
        level, line = _heading_level(raw)
        if _CRITERIA_HEADING.match(line):
            in_criteria, criteria_level, describing = True, level or None, False
            continue
        if level:
            if criteria_level is not None and level <= criteria_level:
                criteria_level = None
            named = _criterion_heading(line, criteria_level is not None)
            describing = describing and named is not None
        else:
            named = _criterion_line(line, in_criteria)
        listed = _ASSESSED_ON.search(line)
        items = _listed(listed.group("list")) if listed and named is None and not found else []
        if len(items) >= 2:
            found.extend({"text": item[:1].upper() + item[1:], "description": []} for item in items)
            in_criteria = describing = True
            continue
        if named is not None:
            found.append({"text": named, "description": []})
            in_criteria = describing = True
        elif describing:
            description = found[-1]["description"]
            assert isinstance(description, list)
            description.append(line)
        elif _WEIGHT.search(line) or "criteri" in line.lower():
            unplaced.append(line)
    return CriteriaFound(_build(found), tuple(unplaced))


def _listed(text: str) -> list[str]:
    items = [p.strip(" .") for p in re.split(r"\s*(?:;|,|\band\b)\s*", text) if p.strip(" .")]
    return [item for item in items if 0 < len(item.split()) <= 10 and not re.search(r"[0-9]", item)]


def _looks_like_title(text: str) -> bool:
    """A short line with a capital start: likely a criterion under a numbered list."""
    words = text.split()
    return 0 < len(words) <= 12 and text[0].isupper() and not text.endswith("?")


def _build(found: list[dict[str, object]]) -> tuple[AssessmentCriterion, ...]:
    taken: set[str] = set()
    criteria = []
    for item in found[:MAX_CRITERIA]:
        text, weight = _weight(str(item["text"]))
        title, rest = _title_and_rest(text)
        description_lines = item["description"]
        assert isinstance(description_lines, list)
        description = " ".join([rest, *description_lines]).strip()
        key = criterion_key(title, taken)
        taken.add(key)
        describes = phrases_of(" ".join([title if "(" in title else "", description]))
        short = re.sub(r"\s*\([^)]*\)\s*$", "", title) or title
        criteria.append(AssessmentCriterion(key, short[:MAX_TITLE], weight, describes, description))
    return tuple(criteria)
