"""What a form's text states besides its questions, and what the import could not place.

Page rules are read from every paragraph and table cell (the first statement of a rule wins; a
different later one is reported). Every amount with a length unit that was not given to a question
or a shared limit is reported too, so nothing the form says is silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from research.domain.form_outline import FormBlock, FormTable
from research.domain.limit_phrases import limit_like
from research.domain.page_rules import RULE_LABELS, find_page_rules, mentions_rule
from research.domain.template_spec import PAGE_RULES


@dataclass(frozen=True)
class Para:
    """A paragraph's (or table cell's) text and where it is in the document."""

    text: str
    where: str


@dataclass(frozen=True)
class FoundRule:
    """A page rule the form states, as written and where."""

    rule: str
    value: str | float | bool
    phrase: str
    where: str


@dataclass(frozen=True)
class Unplaced:
    """A limit-like or rule-like phrase the import could not place, for a person to look at."""

    text: str
    where: str
    reason: str


def page_rules(blocks: tuple[FormBlock, ...]) -> tuple[dict[str, Any], list[FoundRule], list[Unplaced]]:
    """The rules stated (in PAGE_RULES order), where each was found, and statements that could not be used."""
    rules: dict[str, Any] = {}
    found: list[FoundRule] = []
    unplaced: list[Unplaced] = []
    for para in paragraphs(blocks):
        hits = find_page_rules(para.text)
        for hit in hits:
            if hit.rule not in rules:
                rules[hit.rule] = hit.value
                found.append(FoundRule(hit.rule, hit.value, hit.phrase, para.where))
            elif rules[hit.rule] != hit.value:
                rule = RULE_LABELS[hit.rule].lower()
                reason = f"states the {rule} again as {hit.value!r}; the first, {rules[hit.rule]!r}, is used"
                unplaced.append(Unplaced(para.text, para.where, reason))
        if not hits and mentions_rule(para.text) and len(para.text) <= 400:
            unplaced.append(Unplaced(para.text, para.where, "mentions a page rule that could not be read"))
    ordered = {rule: rules[rule] for rule in PAGE_RULES if rule in rules}
    return ordered, found, unplaced


def paragraphs(blocks: tuple[FormBlock, ...]) -> Iterator[Para]:
    for block in blocks:
        if isinstance(block, FormTable):
            for n, row in enumerate(block.rows, start=1):
                for cell in dict.fromkeys(c for c in row if c.strip()):
                    yield Para(cell, f"{block.where}, row {n}")
        else:
            yield Para(block.text, block.where)


def unplaced_limits(blocks: tuple[FormBlock, ...], used: set[tuple[str, str]]) -> list[Unplaced]:
    """Paragraphs stating an amount with a unit that no question or shared limit took."""
    used_at = {where for where, _ in used}
    unplaced = []
    for para in paragraphs(blocks):
        phrases = limit_like(para.text)
        if not phrases or para.where in used_at and len(phrases) == 1:
            continue
        placed = {phrase for where, phrase in used if where == para.where}
        left = [p for p in phrases if not any(p in q or q in p for q in placed)]
        if left:
            reason = f"states {', '.join(repr(p) for p in left)}, which was not given to any question or group"
            unplaced.append(Unplaced(para.text, para.where, reason))
    return unplaced


def merged(items: list[Unplaced]) -> tuple[Unplaced, ...]:
    """One entry per paragraph, its reasons joined, in document order of first mention."""
    reasons: dict[tuple[str, str], list[str]] = {}
    for item in items:
        reasons.setdefault((item.where, item.text), []).append(item.reason)
    return tuple(Unplaced(text, where, "; ".join(found)) for (where, text), found in reasons.items())
