"""Turning a funder's form outline into a template draft a person checks before saving.

Headings become sections and the text under each becomes its guidance; a heading with
sub-headings groups them (its limit becomes a limit shared by the group); tables of
questions become sections row by row. Limits are read from headings, limit columns and
guidance. The draft is a plain mapping in the template format, plus notes on what
could not be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Any

from research.domain.errors import InvalidInput, Problem
from research.domain.export_document import slug
from research.domain.form_outline import FormBlock, FormHeading, FormOutline, FormTable, FormText
from research.domain.form_questions import Question, read_questions
from research.domain.limit_phrases import FoundLimit, find_limit, strip_heading_number, strip_limit
from research.domain.template_spec import Limit

BOLD_HEADING_CHARS = 150
OPTIONAL_MARKS = ("(optional)", "[optional]", "- optional", "– optional")


@dataclass(frozen=True)
class TemplateDraft:
    data: dict[str, Any]
    notes: tuple[str, ...] = ()


@dataclass
class _Node:
    title: str
    level: int
    texts: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


@dataclass
class _Builder:
    sections: list[dict[str, Any]] = field(default_factory=list)
    shared: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)

    def key_for(self, title: str, prefix: str = "") -> str:
        base = slug(title, "_", max_words=5) or f"section_{len(self.sections) + 1}"
        key, n = prefix + base, 2
        while key in self.keys:
            key, n = f"{prefix}{base}_{n}", n + 1
        self.keys.add(key)
        return key

    def add_section(
        self, raw_title: str, guidance: str, found_in_text: FoundLimit | None = None, own_text: str | None = None
    ) -> str:
        """A section; its limit comes from its title, else `found_in_text`, else its own text.

        `own_text` is the guidance without any lead-in inherited from a group heading, whose
        limit belongs to the group, not to this section.
        """
        title, required = _optional(raw_title)
        found = find_limit(title, bare_ok=True)
        title = strip_heading_number(strip_limit(title, found)) or raw_title.strip()
        if not (found.limit or found.note) and found_in_text is not None:
            found = found_in_text
        if not (found.limit or found.note):
            found = find_limit(guidance if own_text is None else own_text)
        key = self.key_for(title)
        section: dict[str, Any] = {"key": key, "title": title, "guidance": guidance, "required": required}
        if found.limit:
            section["limit"] = {"unit": found.limit.unit, "max": found.limit.max}
        if found.note:
            self.notes.append(f"{title}: {found.note}.")
        self.sections.append(section)
        return key


def _optional(title: str) -> tuple[str, bool]:
    lowered = title.lower()
    for mark in OPTIONAL_MARKS:
        at = lowered.find(mark)
        if at >= 0:
            return (title[:at] + title[at + len(mark) :]).strip(), False
    return title, True


def _promote_bold(blocks: tuple[FormBlock, ...]) -> tuple[FormBlock, ...]:
    """Forms without heading styles often mark questions in bold: read those as headings."""
    return tuple(
        FormHeading(b.text, 1) if isinstance(b, FormText) and b.bold and len(b.text) <= BOLD_HEADING_CHARS else b
        for b in blocks
    )


def _take_title(blocks: list[FormBlock]) -> tuple[str, list[FormBlock]]:
    headings = [b for b in blocks if isinstance(b, FormHeading)]
    titled = next((b for b in headings if b.level == 0), None)
    if titled:
        return titled.text, [b for b in blocks if b is not titled]
    if len(headings) >= 3 and all(h.level > headings[0].level for h in headings[1:]):
        return headings[0].text, [b for b in blocks if b is not headings[0]]
    return "", blocks


def _tree(blocks: list[FormBlock], no_headings: bool) -> _Node:
    root = _Node("", 0)
    stack = [root]
    for block in blocks:
        if isinstance(block, FormHeading):
            while len(stack) > 1 and stack[-1].level >= block.level:
                stack.pop()
            node = _Node(block.text, block.level)
            stack[-1].children.append(node)
            stack.append(node)
        elif isinstance(block, FormText):
            stack[-1].texts.append(block.text)
        else:
            _table(stack[-1], block, no_headings)
    return root


def _table(node: _Node, table: FormTable, no_headings: bool) -> None:
    questions = read_questions(table.rows, no_headings)
    if questions:
        node.questions.extend(questions)
    else:
        node.texts.extend(" | ".join(c for c in row if c.strip()) for row in table.rows if any(c.strip() for c in row))


def _emit(node: _Node, builder: _Builder, inherited: str = "") -> list[str]:
    guidance = "\n\n".join(t for t in [inherited, *node.texts] if t.strip())
    if not node.children and not node.questions:
        return [builder.add_section(node.title, guidance, own_text="\n\n".join(node.texts))]
    keys = [builder.add_section(q.title, q.guidance, q.found) for q in node.questions]
    for index, child in enumerate(node.children):
        lead_in = guidance if index == 0 and not node.questions else ""
        keys += _emit(child, builder, lead_in)
    if node.title:
        _group_limit(node, guidance, keys, builder)
    return keys


def _group_limit(node: _Node, guidance: str, keys: list[str], builder: _Builder) -> None:
    found = find_limit(node.title, bare_ok=True)
    if not (found.limit or found.note):
        found = find_limit(guidance)
    title = strip_heading_number(strip_limit(node.title, found))
    if found.note:
        builder.notes.append(f"{title}: {found.note}.")
    if found.limit and keys:
        builder.shared.append(_shared(builder.key_for(title, "total_"), title, keys, found.limit))


def _shared(key: str, title: str, keys: list[str], limit: Limit) -> dict[str, Any]:
    return {
        "key": key,
        "title": f"{title} (together)",
        "sections": keys,
        "limit": {"unit": limit.unit, "max": limit.max},
    }


def _page(outline: FormOutline) -> dict[str, Any] | None:
    if outline.page is None:
        return None
    p = outline.page
    return {
        "paper": p.paper,
        "margins_cm": p.margins_cm,
        "font": p.font,
        "font_size_pt": p.font_size_pt,
        "line_spacing": p.line_spacing,
    }


def draft_template(outline: FormOutline, today: date) -> TemplateDraft:
    """A template draft from a form outline; InvalidInput when the form has nothing to read."""
    no_headings = not outline.has_headings
    blocks = list(_promote_bold(outline.blocks) if no_headings else outline.blocks)
    title, blocks = _take_title(blocks)
    builder = _Builder()
    fallback = not any(isinstance(b, FormHeading) and b.level > 0 for b in blocks)
    root = _tree(blocks, fallback)
    if root.texts and (root.children or root.questions):
        builder.notes.append(
            "The text before the first heading or table of questions was not used (it reads as an introduction)."
        )
    for question in root.questions:
        builder.add_section(question.title, question.guidance, question.found)
    for child in root.children:
        _emit(child, builder)
    if not builder.sections:
        raise InvalidInput(
            Problem(
                outline.source_name,
                "has no headings and no table of questions, so no sections "
                "were found. Mark each question with a Heading style in Word, or list the "
                "questions in a table (question | guidance | limit), and upload it again.",
            )
        )
    name = (title or outline.title or PurePath(outline.source_name).stem).strip()
    name = strip_heading_number(name) or name
    data: dict[str, Any] = {
        "key": slug(name, "-") or "imported-form",
        "name": name,
        "funder": "",
        "scheme": "",
        "version": today.isoformat(),
        "sections": builder.sections,
        "sources": [outline.source_name],
    }
    if builder.shared:
        data["shared_limits"] = builder.shared
    if page := _page(outline):
        data["page"] = page
    notes = ["Fill in the funder and the scheme: a form rarely says them in a way that can be read reliably."]
    return TemplateDraft(data, tuple(notes + builder.notes))
