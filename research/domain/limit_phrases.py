"""Reading length limits and heading numbers the ways funders write them in their forms.

"max 500 words", "(1 page)", "no more than 2,000 characters", "up to 30 lines",
"maximum of 4 pages", "a 200-word summary", "1,000-1,500 words", "Section 2:", "1.1".
Sides are pages ("[2 sides]", "2 sides of A4", "[Maximum 1 A4 page]", "One A4 page maximum").
A limit several questions share ("Sections 2 and 3 together: 4 pages") is read by `find_shared`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from research.domain.template_spec import MAX_LIMIT, Limit

UNITS = {
    "word": "words",
    "words": "words",
    "character": "characters",
    "characters": "characters",
    "char": "characters",
    "chars": "characters",
    "line": "lines",
    "lines": "lines",
    "page": "pages",
    "pages": "pages",
    "side": "pages",  # "1 side of A4" is one page
    "sides": "pages",
}
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "a single": 1,
    "a": 1,
}

_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_UNIT = r"words?|characters?|chars?|lines?|pages?|sides?"
_SPACES = r"(?:\s*\(?\s*(?P<spaces>including|incl\.?|with|excluding|excl\.?|without|not\s+including)\s+spaces\s*\)?)?"
_AMOUNT = (
    rf"(?:(?P<low>{_NUMBER})\s*(?:-|–|—|to)\s*)?(?P<n>{_NUMBER})[\s-]*(?:A4\s+)?(?P<unit>{_UNIT})\b"
    rf"(?:\s+of\s+A4\b)?{_SPACES}"
)
_CUE_BEFORE = (
    r"(?:max(?:imum)?\.?(?:\s+(?:of|length|length\s+of))?|up\s+to|no\s+more\s+than|not\s+more\s+than"
    r"|not\s+(?:to\s+)?exceed(?:ing)?|at\s+most|limit(?:ed)?(?:\s+(?:to|of))?|length|word\s+limit"
    r"|page\s+limit|character\s+limit|less\s+than|fewer\s+than|within)\s*:?\s*"
)
_CUE_AFTER = r"\s*(?:limit|max(?:imum)?\b|or\s+(?:less|fewer)|in\s+total|maximum)"
_PATTERN = re.compile(
    rf"(?P<cue>{_CUE_BEFORE})?(?P<open>[(\[]\s*)?\b{_AMOUNT}(?P<close>\s*[)\]])?(?P<after>{_CUE_AFTER})?",
    re.IGNORECASE,
)
_HEADING_NUMBER = re.compile(
    r"^\s*(?:(?:section|part|question|q|item|criterion|step)\s*)?"
    r"(?:\d+(?:\.\d+)*[a-z]?|[a-z]\d*(?:\.\d+)*|[ivxlc]+)"
    r"(?:\s*[.):]\s*|\s*[-–—]\s+|\s+(?=\S))",
    re.IGNORECASE,
)
_TRIM = " \t:;,.-–—()[]"
_LEAD_ONLY = {"", "limit", "length", "word limit", "page limit", "character limit", "maximum", "max"}
_NO_SPACES = ("excluding", "excl", "excl.", "without", "not including")
_REF = r"\d+(?:\.\d+)*[a-z]?"
_SHARED = re.compile(
    rf"\b(?:sections?|questions?|parts?|items?|q)\s*(?P<refs>{_REF}(?:\s*(?:,|and|&|to|through|-|–|—|\+)\s*{_REF})+)",
    re.IGNORECASE,
)
_TOGETHER = re.compile(r"\b(?:together|combined|in\s+total|jointly|between\s+them|shared)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FoundLimit:
    limit: Limit | None
    phrase: str = ""
    note: str = ""


def _number(text: str) -> float:
    text = text.lower().replace(",", "").strip()
    return float(NUMBER_WORDS[text]) if text in NUMBER_WORDS else float(text)


def _is_limit(match: re.Match[str], bare_ok: bool, text: str) -> bool:
    if match.group("cue") or match.group("after"):
        return True
    bracketed = bool(match.group("open") and match.group("close"))
    # A line that says nothing but the limit ("150 characters", "Limit: 2 sides") is one.
    alone = (text[: match.start()] + " " + text[match.end() :]).strip(_TRIM + " ").lower() in _LEAD_ONLY
    return bracketed or bare_ok or alone


_UNIT_WORD = re.compile(rf"(?:{_UNIT})\b", re.IGNORECASE)  # no unit, no limit: skips the costly pattern


def find_limit(text: str, bare_ok: bool = False) -> FoundLimit:
    """The first limit stated in `text`.

    In guidance a bare "3 pages" may describe something else, so it counts only with a cue
    ("max", "up to", "no more than", "limit") or in brackets; in a heading or a limit column
    (`bare_ok`) a bare amount is the limit.
    """
    if not _UNIT_WORD.search(text or ""):
        return FoundLimit(None)
    for match in _PATTERN.finditer(text or ""):
        if match.group("n").lower() == "a" and not match.group("cue"):
            continue  # "a page" alone is prose, not a limit
        if not _is_limit(match, bare_ok, text):
            continue
        phrase = match.group(0).strip()
        amount = _number(match.group("n"))
        unit = UNITS[match.group("unit").lower()]
        if amount <= 0:
            continue
        if amount > MAX_LIMIT:  # also keeps int() off an infinite float from 400 digits
            return FoundLimit(None, phrase, f"the limit {phrase!r} is larger than any template allows; set it by hand")
        if amount != int(amount):
            return FoundLimit(None, phrase, f"the limit {phrase!r} is not a whole number of {unit}; set it by hand")
        spaces = (match.group("spaces") or "").lower()
        if unit == "characters" and spaces in _NO_SPACES:
            note = f"the limit {phrase!r} counts characters without spaces; this app counts them with spaces (stricter)"
            return FoundLimit(Limit(unit, int(amount)), phrase, note)
        return FoundLimit(Limit(unit, int(amount)), phrase)
    return FoundLimit(None)


@dataclass(frozen=True)
class SharedPhrase:
    """'Sections 2 and 3 together: 4 pages': the numbers of the questions and their limit."""

    refs: tuple[str, ...]
    found: FoundLimit


def says_together(text: str) -> bool:
    return bool(_TOGETHER.search(text or ""))


def find_shared(text: str) -> SharedPhrase | None:
    """A limit stated for several numbered questions at once, or None."""
    match = _SHARED.search(text or "")
    if match is None:
        return None
    found = find_limit(text[match.end() :], bare_ok=True)
    if not (found.limit or found.note):
        return None
    return SharedPhrase(_expand(match.group("refs")), found)


def _expand(refs: str) -> tuple[str, ...]:
    """'2 and 3' -> 2, 3; '1-3' -> 1, 2, 3; '2.1 to 2.3' -> 2.1, 2.2, 2.3."""
    parts = re.split(r"\s*(,|and|&|\+|to|through|-|–|—)\s*", refs.strip())
    names: list[str] = [parts[0].lower()]
    for joint, name in zip(parts[1::2], parts[2::2], strict=True):
        name = name.lower()
        if joint in ("to", "through", "-", "–", "—"):
            names += _range(names[-1], name)
        names.append(name)
    return tuple(dict.fromkeys(names))


def _range(first: str, last: str) -> list[str]:
    head_a, _, tail_a = first.rpartition(".")
    head_b, _, tail_b = last.rpartition(".")
    if head_a != head_b or not (tail_a.isdigit() and tail_b.isdigit()) or int(tail_b) - int(tail_a) > 50:
        return []
    prefix = f"{head_a}." if head_a else ""
    return [f"{prefix}{n}" for n in range(int(tail_a) + 1, int(tail_b))]


def heading_number(title: str) -> str:
    """The number a heading starts with ('2.1 Aims' -> '2.1', 'Section 3: Team' -> '3'), or ''."""
    match = _HEADING_NUMBER.match(title or "")
    if not match or not _looks_numbered(match.group(0)):
        return ""
    digits = re.search(_REF, match.group(0), re.IGNORECASE)
    return digits.group(0).lower() if digits else ""


def strip_limit(title: str, found: FoundLimit) -> str:
    """The heading without its limit phrase: 'Summary (max 200 words)' -> 'Summary'."""
    if not found.phrase:
        return title.strip()
    before, _, after = title.partition(found.phrase)
    if not before.strip(_TRIM):
        return after.strip(_TRIM) or title.strip()
    kept = before.rstrip(_TRIM) + ((" " + after.strip(_TRIM)) if after.strip(_TRIM) else "")
    return kept.strip() or title.strip()


def strip_heading_number(title: str) -> str:
    """'1.1 Objectives' -> 'Objectives', 'Section 2: Methods' -> 'Methods'; otherwise unchanged."""
    match = _HEADING_NUMBER.match(title)
    if not match:
        return title.strip()
    rest = title[match.end() :].strip()
    if not rest or not _looks_numbered(match.group(0)):
        return title.strip()
    return rest


def _looks_numbered(prefix: str) -> bool:
    """Guard against eating a real word: 'I think' or 'A new approach' are not numbers."""
    core = prefix.strip().rstrip(".):-–—").strip()
    if any(ch.isdigit() for ch in core):
        return True
    # A lone letter or roman numeral needs its punctuation: 'A.' 'iv)' 'B:'
    return prefix.strip()[-1:] in ".):-–—" and len(core.split()[-1]) <= 4


def limit_like(text: str) -> list[str]:
    """Every amount with a length unit in `text`, cue or not: what a person should see if it was not used."""
    if not _UNIT_WORD.search(text or ""):
        return []
    return [
        match.group(0).strip()
        for match in _PATTERN.finditer(text or "")
        if match.group("n").lower() != "a" or match.group("cue")
    ]
