"""Page rules a funder's form states in its text: font and minimum size, margins, paper, spacing, headers.

"Arial 11 point minimum", "margins at least 2 cm", "single spaced", "A4 paper", "no headers or
footers". Only what the text says becomes a rule; a form's own styles (its Normal font) are
how the form was typed, not the funder's rule. A sentence that talks about such things but
gives no value this can read is reported by `mentions_rule`, so a person can set it by hand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from research.domain.errors import InvalidInput, Problem
from research.domain.template_spec import PAGE_RANGES, PAGE_RULES

FONTS = (
    "Times New Roman",
    "Palatino Linotype",
    "Book Antiqua",
    "Century Gothic",
    "Courier New",
    "Liberation Sans",
    "Liberation Serif",
    "Arial",
    "Helvetica",
    "Calibri",
    "Cambria",
    "Georgia",
    "Garamond",
    "Palatino",
    "Verdana",
    "Tahoma",
    "Times",
)
CM_PER_INCH = 2.54
_FONT = re.compile(r"\b(?P<font>" + "|".join(re.escape(f) for f in FONTS) + r")\b", re.IGNORECASE)
_SIZE = re.compile(
    r"(?:\b(?P<a>\d{1,2}(?:\.\d)?)\s*-?\s*(?:pt|pts|point|points)\b)"
    r"|(?:font\s+size\s*(?:of\s*)?(?:at\s+least\s*|minimum\s*(?:of\s*)?|min\.?\s*)?:?\s*(?P<b>\d{1,2}(?:\.\d)?)\b)",
    re.IGNORECASE,
)
_LENGTH = r"(\d{1,2}(?:\.\d{1,2})?)\s*(cm|centimet(?:er|re)s?|mm|millimet(?:er|re)s?|in\b|inch(?:es)?|\")"
_MARGINS = re.compile(
    rf"margins?\b[^.;]{{0,40}}?{_LENGTH}|{_LENGTH}[^.;]{{0,20}}?\bmargins?\b",
    re.IGNORECASE,
)
_PAPER = re.compile(
    r"\b(?:A4|US\s+letter|letter)\s+(?:paper|pages?|sheets?|size)\b|\bsides?\s+of\s+A4\b|\bA4\s+(?:side|page)s?\b"
    r"|\bpaper\s+(?:size\s*)?:?\s*(?:A4|US\s+letter|letter)\b|\bin\s+A4\b|\b8[.½]5?\s*(?:x|×|by)\s*11\b",
    re.IGNORECASE,
)
_BARE_PAPER = re.compile(r"\b(?:A4|US\s+letter)\b", re.IGNORECASE)  # "A4, 2 cm margins, 12 pt": among other rules
_SPACING = re.compile(
    r"\b(?P<word>single|double|one-and-a-half|1\.5)[\s-]*(?:line[\s-]*)?spac(?:ed|ing)\b"
    r"|\bline\s+spacing\s*(?:of\s*)?:?\s*(?P<n>\d(?:\.\d+)?|single|double)\b",
    re.IGNORECASE,
)
_NO_HEADERS = re.compile(
    r"\b(?:no|not|without|do\s+not\s+(?:use|include|add))\s+(?:include\s+)?(?:running\s+)?headers?"
    r"\s*(?:or|and|/|,)\s*footers?\b"
    r"|\bheaders?\s*(?:or|and|/)\s*footers?\s+(?:are|is|must)\s+not\b",
    re.IGNORECASE,
)
_HEADERS_OK = re.compile(
    r"\bheaders?\s*(?:or|and|/)\s*footers?\s+(?:are|is)\s+(?:allowed|permitted|acceptable)\b"
    r"|\bheaders?\s*(?:or|and|/)\s*footers?\s+may\s+be\s+used\b",
    re.IGNORECASE,
)
_MENTIONS = re.compile(
    r"\b(?:fonts?|typeface|point\s+size|font\s+size|margins?|line\s+spacing|spacing|spaced|headers?|footers?"
    r"|paper\s+size|page\s+size|A4|US\s+letter|\d+\s*-?\s*(?:pt|points?))\b",
    re.IGNORECASE,
)
_SPACING_WORDS = {"single": 1.0, "double": 2.0, "one-and-a-half": 1.5, "1.5": 1.5}


@dataclass(frozen=True)
class RuleFound:
    rule: str  # one of template_spec.PAGE_RULES
    value: str | float | bool
    phrase: str


def find_page_rules(text: str) -> list[RuleFound]:
    """Every page rule stated in `text`, in the order of PAGE_RULES."""
    text = text or ""
    if not _MENTIONS.search(text) and not _PAPER.search(text):
        return []
    found: list[RuleFound] = []
    size = _SIZE.search(text)
    font = _FONT.search(text)
    if font and (size or re.search(r"\b(?:font|typeface)\b", text, re.IGNORECASE)):
        name = next(f for f in FONTS if f.lower() == font.group("font").lower())
        found.append(RuleFound("font", name, font.group(0)))
    if size:
        points = float(size.group("a") or size.group("b"))
        if _within("font_size_pt", points):
            found.append(RuleFound("font_size_pt", points, size.group(0).strip()))
    margins = _MARGINS.search(text)
    if margins:
        cm = _centimetres(margins)
        if cm is not None and _within("margins_cm", cm):
            found.append(RuleFound("margins_cm", cm, margins.group(0).strip()))
    paper = _PAPER.search(text) or (_BARE_PAPER.search(text) if found else None)
    if paper:
        letter = "letter" in paper.group(0).lower() or "11" in paper.group(0)
        found.append(RuleFound("paper", "Letter" if letter else "A4", paper.group(0)))
    spacing = _SPACING.search(text)
    if spacing:
        word = (spacing.group("word") or spacing.group("n") or "").lower()
        value = _SPACING_WORDS.get(word) or _number(word)
        if value is not None and _within("line_spacing", value):
            found.append(RuleFound("line_spacing", value, spacing.group(0)))
    if headers := _NO_HEADERS.search(text):
        found.append(RuleFound("headers_footers", False, headers.group(0)))
    elif headers := _HEADERS_OK.search(text):
        found.append(RuleFound("headers_footers", True, headers.group(0)))
    return found


def mentions_rule(text: str) -> bool:
    """Does `text` talk about fonts, margins, spacing, paper or headers (whether or not it was read)?"""
    return bool(_MENTIONS.search(text or ""))


def _within(rule: str, value: float) -> bool:
    low, high = PAGE_RANGES[rule]
    return low <= value <= high


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _centimetres(match: re.Match[str]) -> float | None:
    amounts = [g for g in match.groups() if g is not None]
    number, unit = _number(amounts[0]), amounts[1].lower()
    if number is None:
        return None
    if unit.startswith("mm") or unit.startswith("milli"):
        return round(number / 10, 2)
    if unit.startswith("in") or unit == '"':
        return round(number * CM_PER_INCH, 2)
    return number


RULE_LABELS = {
    "paper": "Paper",
    "margins_cm": "Margins",
    "font": "Font",
    "font_size_pt": "Font size",
    "line_spacing": "Line spacing",
    "headers_footers": "Headers and footers",
}
NOT_STATED = "not stated"
_SPACING_NAMES = {1.0: "single", 1.5: "1.5 lines", 2.0: "double"}


def rule_text(rule: str, value: object) -> str:
    """One rule's value as a person reads it: '2 cm', '11 pt', 'single', 'not allowed'."""
    if value is None:
        return NOT_STATED
    if rule == "margins_cm" and isinstance(value, int | float):
        return f"{value:g} cm"
    if rule == "font_size_pt" and isinstance(value, int | float):
        return f"{value:g} pt"
    if rule == "line_spacing" and isinstance(value, int | float):
        return _SPACING_NAMES.get(float(value), f"{value:g} lines")
    if rule == "headers_footers":
        return "allowed" if value else "not allowed"
    return str(value)


def page_summary(stated: Mapping[str, object]) -> list[tuple[str, str]]:
    """(label, value or 'not stated') for every page rule, in one order."""
    return [(RULE_LABELS[rule], rule_text(rule, stated.get(rule))) for rule in PAGE_RULES]


_STATED_NOT = {"", NOT_STATED, "-", "—"}
_HEADER_WORDS = {"not allowed": False, "no": False, "none": False, "allowed": True, "yes": True}


def rule_value(rule: str, text: str) -> str | float | bool | None:
    """A rule typed by a person ('2 cm', '11 pt', 'single', 'not allowed'); None for 'not stated'.

    InvalidInput names the rule and says what would be read.
    """
    typed = " ".join((text or "").split())
    lowered = typed.lower()
    if lowered in _STATED_NOT:
        return None
    if rule in ("paper", "font"):
        paper = {"a4": "A4", "letter": "Letter", "us letter": "Letter"}.get(lowered)
        if rule == "paper" and paper is None:
            raise InvalidInput(
                Problem(f"page: {RULE_LABELS[rule]}", f"{typed!r} is not a paper this app knows (A4 or Letter)")
            )
        return paper or typed
    if rule == "headers_footers":
        if lowered not in _HEADER_WORDS:
            raise InvalidInput(
                Problem(f"page: {RULE_LABELS[rule]}", f"write “allowed” or “not allowed”, not {typed!r}")
            )
        return _HEADER_WORDS[lowered]
    if rule == "line_spacing" and lowered in ("single", "double", "1.5 lines"):
        return {"single": 1.0, "double": 2.0, "1.5 lines": 1.5}[lowered]
    number = _number(re.sub(r"\s*(cm|pt|points?|lines?)$", "", lowered))
    low, high = PAGE_RANGES[rule]
    if number is None or not low <= number <= high:
        raise InvalidInput(
            Problem(f"page: {RULE_LABELS[rule]}", f"must be a number from {low:g} to {high:g}, not {typed!r}")
        )
    return number


def _bad(rule: str, reason: str) -> InvalidInput:
    return InvalidInput(Problem(f"page: {RULE_LABELS[rule]}", reason))


def rules_from_rows(rows: Mapping[str, str]) -> dict[str, str | float | bool]:
    """The stated rules from {label: typed value}; every bad value is named at once."""
    problems: list[Problem] = []
    stated: dict[str, str | float | bool] = {}
    for rule in PAGE_RULES:
        try:
            value = rule_value(rule, rows.get(RULE_LABELS[rule], ""))
        except InvalidInput as exc:
            problems.extend(exc.problems)
            continue
        if value is not None:
            stated[rule] = value
    if problems:
        raise InvalidInput(problems)
    return stated
