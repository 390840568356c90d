"""Turning a funder's form outline into a template draft a person checks before saving.

Questions are found however the form marks them: heading styles, bold or numbered list
paragraphs, tables of questions (question | guidance | limit), content controls. The text
under each becomes its guidance. A heading over sub-headings either is one question whose
sub-headings are parts of its answer (it states a limit of its own and they state none),
or groups them (its limit, or a "Sections 2 and 3 together: 4 pages", becomes a limit the
group shares). Page rules come only from what the text states. The draft says where each
question came from and lists every limit-like or rule-like phrase it could not place.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Any

from research.domain.errors import InvalidInput, Problem
from research.domain.export_document import slug
from research.domain.form_findings import FoundRule, Para, Unplaced, merged, page_rules, unplaced_limits
from research.domain.form_outline import FormBlock, FormHeading, FormOutline, FormTable, FormText
from research.domain.form_questions import Question, read_questions
from research.domain.limit_phrases import (
    FoundLimit,
    find_limit,
    find_shared,
    heading_number,
    says_together,
    strip_heading_number,
    strip_limit,
)
from research.domain.page_rules import find_page_rules
from research.domain.template_spec import Limit

BOLD_HEADING_CHARS = 150
OPTIONAL_MARKS = ("(optional)", "[optional]", "- optional", "– optional")
QUESTION_LEVEL = 10  # bold or numbered questions sit under any styled heading
LIST_PREFIX = "- "
KEY_CHARS = 60
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9\[(])")


@dataclass(frozen=True)
class FoundQuestion:
    """A section found in the form: where it came from and the limit phrase as written."""

    key: str
    title: str
    limit: Limit | None
    phrase: str
    where: str


@dataclass(frozen=True)
class TemplateDraft:
    data: dict[str, Any]
    notes: tuple[str, ...] = ()
    questions: tuple[FoundQuestion, ...] = ()
    shared: tuple[FoundQuestion, ...] = ()
    rules: tuple[FoundRule, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()


@dataclass
class _Node:
    title: str
    level: int
    where: str = ""
    number: str = ""
    texts: list[Para] = field(default_factory=list)
    questions: list[tuple[Question, str]] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)

    def all_texts(self) -> Iterator[Para]:
        yield from self.texts
        for question, where in self.questions:
            if question.guidance:
                yield Para(question.guidance, where)
        for child in self.children:
            yield Para(child.title, child.where)
            yield from child.all_texts()


@dataclass
class _Builder:
    sections: list[dict[str, Any]] = field(default_factory=list)
    shared: list[dict[str, Any]] = field(default_factory=list)
    found: list[FoundQuestion] = field(default_factory=list)
    shared_found: list[FoundQuestion] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    numbers: dict[str, str] = field(default_factory=dict)  # "2.1" -> section key
    used: set[tuple[str, str]] = field(default_factory=set)  # (where, phrase) of limits placed
    pending: list[tuple[Para, list[str]]] = field(default_factory=list)  # shared phrases, with their group

    def key_for(self, title: str, prefix: str = "") -> str:
        base = slug(title, "_", max_words=5) or f"section_{len(self.sections) + 1}"
        key, n = prefix + base, 2
        while key in self.keys:
            key, n = f"{prefix}{base}_{n}", n + 1
        self.keys.add(key)
        return key

    def add_section(
        self, raw_title: str, guidance: str, where: str, number: str = "", found: FoundLimit | None = None, at: str = ""
    ) -> str:
        """A section; its limit comes from its title, else `found` (read at `at`)."""
        title, required = _optional(raw_title)
        own = find_limit(title, bare_ok=True)
        title = strip_heading_number(strip_limit(title, own)) or raw_title.strip()
        if own.limit or own.note:
            found, at = own, where
        found = found or FoundLimit(None)
        key = self.key_for(title)
        section: dict[str, Any] = {"key": key, "title": title, "guidance": guidance, "required": required}
        if found.limit:
            section["limit"] = {"unit": found.limit.unit, "max": found.limit.max}
        if found.note:
            self.notes.append(f"{title}: {found.note}.")
        if found.phrase:
            self.used.add((at, found.phrase))
        self.sections.append(section)
        self.found.append(FoundQuestion(key, title, found.limit, _shown(found.phrase), where))
        number = number or heading_number(raw_title)
        if number:
            self.numbers.setdefault(number, key)
        return key

    def add_shared(self, title: str, keys: list[str], found: FoundLimit, where: str) -> None:
        if not found.limit or len(keys) < 2:
            return
        key = self.key_for(title, "total_")
        limit = found.limit
        self.shared.append(
            {
                "key": key,
                "title": f"{title} (together)",
                "sections": keys,
                "limit": {"unit": limit.unit, "max": limit.max},
            }
        )
        self.shared_found.append(FoundQuestion(key, f"{title} (together)", limit, _shown(found.phrase), where))
        self.used.add((where, found.phrase))


def _shown(phrase: str) -> str:
    """The phrase as written, without a bracket left over from its surroundings: 'max 150 words)'."""
    if phrase.count("(") != phrase.count(")") or phrase.count("[") != phrase.count("]"):
        return phrase.strip("()[] ")
    return phrase


def _optional(title: str) -> tuple[str, bool]:
    lowered = title.lower()
    for mark in OPTIONAL_MARKS:
        at = lowered.find(mark)
        if at >= 0:
            return (title[:at] + title[at + len(mark) :]).strip(), False
    return title, True


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text) if part.strip()]


def _own_limit(texts: list[Para]) -> tuple[FoundLimit, str]:
    """The first limit in a question's own text that is not one it shares with others."""
    for para in texts:
        for sentence in _sentences(para.text):
            if find_shared(sentence) or says_together(sentence):
                continue
            found = find_limit(sentence)
            if found.limit or found.note:
                return found, para.where
    return FoundLimit(None), ""


def _is_question_text(block: FormText, styled: bool) -> bool:
    if not (block.bold or block.numbered):
        return False
    text = block.text.removeprefix(LIST_PREFIX) if block.text.startswith(LIST_PREFIX) else block.text
    rules = [rule for rule in find_page_rules(text) if rule.rule != "paper"]  # "[1 A4 page]" is a limit
    if len(text) > BOLD_HEADING_CHARS or rules or find_shared(text) or says_together(text):
        return False
    limit = find_limit(text, bare_ok=True)
    has_limit = bool(limit.limit or limit.note)
    if has_limit and not any(ch.isalpha() for ch in text.replace(limit.phrase, "")):
        return False  # a bold "[1 side]" under a question is that question's limit
    numbered = block.numbered or bool(heading_number(text))
    if block.bold:
        return not styled or numbered or has_limit or text.rstrip().endswith("?")
    return block.numbered and block.list_level == 0 and has_limit


def _mark_questions(blocks: tuple[FormBlock, ...]) -> list[FormBlock]:
    """Bold and numbered question paragraphs become headings, below any styled heading."""
    styled = any(isinstance(b, FormHeading) and b.level > 0 for b in blocks)
    base = QUESTION_LEVEL if styled else 1
    marked: list[FormBlock] = []
    for block in blocks:
        if isinstance(block, FormText) and _is_question_text(block, styled):
            text = block.text.removeprefix(LIST_PREFIX) if block.text.startswith(LIST_PREFIX) else block.text
            marked.append(FormHeading(text, base + block.list_level, block.where, block.number))
        else:
            marked.append(block)
    return marked


def _states_a_limit(heading: FormHeading, after: list[FormBlock]) -> bool:
    found = find_limit(heading.text, bare_ok=True)
    if found.limit or found.note or heading.number or heading_number(heading.text):
        return True
    for block in after:
        if isinstance(block, FormHeading):
            return False
        if isinstance(block, FormText) and (find_limit(block.text).limit or find_limit(block.text).note):
            return True
    return False


def _take_title(blocks: list[FormBlock]) -> tuple[str, list[FormBlock]]:
    """The form's own title: a Title paragraph, or a first heading over all the others that is no question."""
    headings = [b for b in blocks if isinstance(b, FormHeading)]
    titled = next((b for b in headings if b.level == 0), None)
    if titled:
        return titled.text, [b for b in blocks if b is not titled]
    if len(headings) >= 3 and all(h.level > headings[0].level for h in headings[1:]):
        first = headings[0]
        at = blocks.index(first)
        if not _states_a_limit(first, blocks[at + 1 :]):
            return first.text, [b for b in blocks if b is not first]
    return "", blocks


def _tree(blocks: list[FormBlock], no_headings: bool) -> _Node:
    root = _Node("", -1)
    stack = [root]
    for block in blocks:
        if isinstance(block, FormHeading):
            while len(stack) > 1 and stack[-1].level >= block.level:
                stack.pop()
            node = _Node(block.text, block.level, block.where, block.number)
            stack[-1].children.append(node)
            stack.append(node)
        elif isinstance(block, FormText):
            stack[-1].texts.append(Para(block.text, block.where))
        else:
            _table(stack[-1], block, no_headings)
    return root


def _table(node: _Node, table: FormTable, no_headings: bool) -> None:
    questions = read_questions(table.rows, no_headings)
    if questions:
        node.questions.extend((q, f"{table.where}, row {q.row}") for q in questions)
    else:
        node.texts.extend(
            Para(" | ".join(c for c in row if c.strip()), f"{table.where}, row {n}")
            for n, row in enumerate(table.rows, start=1)
            if any(c.strip() for c in row)
        )


def _joined(texts: list[Para], inherited: str = "") -> str:
    return "\n\n".join(t for t in [inherited, *(p.text for p in texts)] if t.strip())


def _has_own_limits(node: _Node) -> bool:
    for child in node.children:
        found = find_limit(child.title, bare_ok=True)
        if found.limit or found.note or _own_limit(child.texts)[0].limit or _has_own_limits(child):
            return True
    return any(q.found.limit or q.found.note for q, _ in node.questions)


def _emit(node: _Node, builder: _Builder, inherited: str = "") -> list[str]:
    guidance = _joined(node.texts, inherited)
    if not node.children and not node.questions:
        found, at = _own_limit(node.texts)
        _queue_shared(node.texts, builder, [])
        return [builder.add_section(node.title, guidance, node.where, node.number, found, at)]
    title_limit = find_limit(node.title, bare_ok=True)
    own, at = (title_limit, node.where) if title_limit.limit or title_limit.note else _own_limit(node.texts)
    if own.limit and not _has_own_limits(node):
        return [_one_question(node, builder, own, at)]  # sub-headings are parts of one answer
    if (own.limit or own.note) and node.questions and not node.children:
        # A question with its own limit, then a table of questions: both are questions.
        first = builder.add_section(node.title, guidance, node.where, node.number, own, at)
        _queue_shared(node.texts, builder, [])
        return [first] + [builder.add_section(q.title, q.guidance, w, "", q.found, w) for q, w in node.questions]
    keys = [builder.add_section(q.title, q.guidance, where, "", q.found, where) for q, where in node.questions]
    for index, child in enumerate(node.children):
        lead_in = guidance if index == 0 and not node.questions else ""
        keys += _emit(child, builder, lead_in)
    _queue_shared(node.texts, builder, keys)
    if node.title and own.limit:
        builder.add_shared(strip_heading_number(strip_limit(node.title, own)), keys, own, at)
    elif node.title and own.note:
        builder.notes.append(f"{strip_heading_number(strip_limit(node.title, own))}: {own.note}.")
    return keys


def _one_question(node: _Node, builder: _Builder, found: FoundLimit, at: str) -> str:
    parts = [p.text for p in node.texts]
    for para in node.all_texts():
        if para not in node.texts:
            parts.append(para.text)
    return builder.add_section(node.title, "\n\n".join(parts), node.where, node.number, found, at)


def _queue_shared(texts: list[Para], builder: _Builder, group: list[str]) -> None:
    for para in texts:
        for sentence in _sentences(para.text):
            if find_shared(sentence) or (says_together(sentence) and find_limit(sentence, bare_ok=True).limit):
                builder.pending.append((Para(sentence, para.where), group))


def _place_shared(builder: _Builder) -> None:
    """'Sections 2 and 3 together: 4 pages': the numbered questions share the limit."""
    for para, group in builder.pending:
        shared = find_shared(para.text)
        keys = [builder.numbers[ref] for ref in shared.refs if ref in builder.numbers] if shared else []
        found = shared.found if shared else find_limit(para.text, bare_ok=True)
        if not (shared and len(keys) == len(shared.refs) >= 2):
            keys = _named(para.text, builder) or group  # else "together: 5 pages" under a heading: those under it
        if len(keys) >= 2 and found.limit:
            title = " and ".join(next(s["title"] for s in builder.sections if s["key"] == key) for key in keys[:3]) + (
                " ..." if len(keys) > 3 else ""
            )
            builder.add_shared(title, list(dict.fromkeys(keys)), found, para.where)


def _named(text: str, builder: _Builder) -> list[str]:
    """The questions a sentence names by title ('Background + Overall aims together 5 pages'), if two or more."""
    lowered = " ".join(text.lower().split())
    named = [s["key"] for s in builder.sections if len(s["title"]) > 3 and s["title"].lower() in lowered]
    return named if len(named) >= 2 else []


def unique_key(name: str, taken: Collection[str]) -> str:
    """A template key from the form's name, not used by any template yet."""
    base = slug(name, "-")[:KEY_CHARS].strip("-") or "imported-form"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def draft_template(outline: FormOutline, today: date, taken: Collection[str] = ()) -> TemplateDraft:
    """A template draft from a form outline; InvalidInput when the form has nothing to read.

    `taken` holds the template keys already used, so two forms never get the same key.
    """
    blocks = _mark_questions(outline.blocks)
    title, blocks = _take_title(blocks)
    builder = _Builder()
    fallback = not any(isinstance(b, FormHeading) and b.level > 0 for b in blocks)
    root = _tree(blocks, fallback)
    if root.texts and (root.children or root.questions):
        builder.notes.append(
            "The text before the first question was not used as guidance (it reads as an introduction)."
        )
    for question, where in root.questions:
        builder.add_section(question.title, question.guidance, where, "", question.found, where)
    for child in root.children:
        _emit(child, builder)
    _queue_shared(root.texts, builder, [])
    _place_shared(builder)
    if not builder.sections:
        raise InvalidInput(
            Problem(
                outline.source_name,
                "has no headings, no bold or numbered questions and no table of questions, so no "
                "sections were found. Mark each question with a Heading style in Word, or list the "
                "questions in a table (question | guidance | limit), and upload it again.",
            )
        )
    name = (title or outline.title or PurePath(outline.source_name).stem).strip()
    name = strip_heading_number(name) or name
    page, rules, unplaced_rules = page_rules(outline.blocks)
    data: dict[str, Any] = {
        "key": unique_key(name, taken),
        "name": name,
        "funder": "",
        "scheme": "",
        "version": today.isoformat(),
        "sections": builder.sections,
        "sources": [outline.source_name],
    }
    if builder.shared:
        data["shared_limits"] = builder.shared
    if page:
        data["page"] = page
    notes = ["Fill in the funder and the scheme: a form rarely says them in a way that can be read reliably."]
    if not page:
        notes.append("The form states no page rules (font, margins, paper, spacing): the template says “not stated”.")
    return TemplateDraft(
        data,
        tuple(notes + builder.notes),
        tuple(builder.found),
        tuple(builder.shared_found),
        tuple(rules),
        merged(unplaced_limits(outline.blocks, builder.used) + unplaced_rules),
    )
