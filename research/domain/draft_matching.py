"""Matching a filled application's text to the template's sections; nothing is ever dropped.

A block that may start a section (a heading, or a short all-bold line) is matched to a section
title by similarity (numbering stripped, a matching number counting in its favour), best pairs
first, one heading per section. Everything after a matched heading belongs to that section up to
the next section start, or up to an unmatched heading of the same or a higher level, which opens
"unplaced" text. Unplaced text keeps its words and can be assigned to a section by the user.
Every block lands in exactly one place, so the words in are the words placed plus those unplaced.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from research.domain.counting import count_words
from research.domain.draft_document import BlockKind, DraftBlock, DraftDocument

# What exports made before issue 15 wrote under an empty section's heading.
EMPTY_SECTION_MARKER = "(no text yet)"
HEADING_THRESHOLD = 65.0  # a Word heading is meant as a heading: a looser match is enough
BOLD_LINE_THRESHOLD = 75.0  # a bold line may just be emphasis: it must match more closely
NUMBER_BONUS = 15.0
MAX_MARKDOWN_HEADING = 6

_NUMBER = re.compile(
    r"^\s*(?:(?:section|part|question|q)\s*)?(?P<num>\d+(?:\.\d+)*)\s*[.):\-–—]?\s+"
    r"|^\s*(?P<letter>[a-z]|[ivx]+)[.)]\s+",
    re.IGNORECASE,
)
_SMALL_WORDS = frozenset(("a", "an", "and", "the", "of", "for", "in", "on", "to", "with", "by", "or", "at", "from"))
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")


@dataclass(frozen=True)
class TemplateSlot:
    key: str
    title: str
    number: int  # its place in the template, from 1


@dataclass(frozen=True)
class PlacedText:
    key: str
    markdown: str
    words: int
    heading: str  # the file's heading it came under ("" when assigned by the user)
    where: str
    how: str  # "heading", "numbering" or "assigned"
    score: float


@dataclass(frozen=True)
class UnplacedText:
    index: int
    markdown: str
    words: int
    where: str


@dataclass(frozen=True)
class DraftMatching:
    placed: tuple[PlacedText, ...]  # in template order
    unplaced: tuple[UnplacedText, ...]
    words_in: int
    words_placed: int

    @property
    def words_unplaced(self) -> int:
        return sum(u.words for u in self.unplaced)

    def for_key(self, key: str) -> PlacedText | None:
        return next((p for p in self.placed if p.key == key), None)


@dataclass
class _Region:
    key: str | None  # None: unplaced
    blocks: list[DraftBlock] = field(default_factory=list)
    start: DraftBlock | None = None
    how: str = ""
    score: float = 0.0


def heading_number(text: str) -> str | None:
    found = _NUMBER.match(text)
    return (found.group("num") or found.group("letter")) if found else None


def heading_title(text: str) -> str:
    """The heading's words without numbering or a bracketed limit: '2. Aims (1 page)' -> 'Aims'."""
    return " ".join(_BRACKETED.sub(" ", _NUMBER.sub("", text, count=1)).split())


def title_score(heading: str, title: str) -> float:
    """0-100: how well a heading in the file names a section title."""
    a, b = _content_words(heading_title(heading)), _content_words(title)
    if not a or not b:
        return 0.0
    return float((fuzz.token_set_ratio(a, b) + fuzz.ratio(a, b)) / 2)


def _content_words(text: str) -> str:
    """Lower-case words without the small ones ('and', 'of') that make unrelated titles look alike."""
    words = default_process(text).split()
    kept = [w for w in words if w not in _SMALL_WORDS]
    return " ".join(kept or words)


def _score(block: DraftBlock, slot: TemplateSlot) -> tuple[float, str]:
    score = title_score(block.text, slot.title)
    number = heading_number(block.text)
    if number is not None and number.split(".")[0] == str(slot.number) and score >= 40:
        return min(100.0, score + NUMBER_BONUS), "numbering"
    return score, "heading"


def _starts(blocks: Sequence[DraftBlock], slots: Sequence[TemplateSlot]) -> dict[int, tuple[str, str, float]]:
    """Block index -> (section key, how, score): best pairs first, one block per section and vice versa."""
    pairs = []
    for index, block in enumerate(blocks):
        if not block.may_start_section or block.level == 0 or not block.text.strip():  # 0: the document's title
            continue
        threshold = HEADING_THRESHOLD if block.kind is BlockKind.HEADING else BOLD_LINE_THRESHOLD
        for slot in slots:
            score, how = _score(block, slot)
            if score >= threshold:
                pairs.append((-score, index, slot.number, slot.key, how))
    starts: dict[int, tuple[str, str, float]] = {}
    taken: set[str] = set()
    for negative, index, _number, key, how in sorted(pairs):
        if index not in starts and key not in taken:
            starts[index] = (key, how, -negative)
            taken.add(key)
    return starts


def _section_level(blocks: Sequence[DraftBlock], starts: Mapping[int, object]) -> int | None:
    """The Word level of the headings that start sections (the highest, if they differ)."""
    levels = [level for i in starts if (level := blocks[i].level) is not None]
    return min(levels) if levels else None


def _regions(blocks: Sequence[DraftBlock], starts: Mapping[int, tuple[str, str, float]]) -> list[_Region]:
    section_level = _section_level(blocks, starts)
    regions: list[_Region] = [_Region(None)]
    for index, block in enumerate(blocks):
        if index in starts:
            key, how, score = starts[index]
            regions.append(_Region(key, start=block, how=how, score=score))
            continue
        closes = block.kind is BlockKind.HEADING and (
            section_level is None or block.level is None or block.level <= section_level
        )
        if closes and regions[-1].key is not None:
            regions.append(_Region(None))
        regions[-1].blocks.append(block)
    return [r for r in regions if r.key is not None or r.blocks]


def blocks_markdown(blocks: Sequence[DraftBlock], base_level: int) -> str:
    """Blocks joined as one Markdown text: list items tight, headings shifted below `base_level`."""
    parts: list[str] = []
    previous: DraftBlock | None = None
    for block in blocks:
        text = block.markdown
        if block.kind is BlockKind.HEADING:
            level = max(1, min(MAX_MARKDOWN_HEADING, (block.level or 1) - base_level))
            text = f"{'#' * level} {text}"
        if previous is not None:
            tight = previous.kind is BlockKind.LIST_ITEM and block.kind is BlockKind.LIST_ITEM
            parts.append("\n" if tight else "\n\n")
        parts.append(text)
        previous = block
    return "".join(parts)


def _words(blocks: Sequence[DraftBlock]) -> int:
    return sum(count_words(b.text) for b in blocks)


def _where(blocks: Sequence[DraftBlock]) -> str:
    if not blocks:
        return ""
    return blocks[0].where if len(blocks) == 1 else f"{blocks[0].where} to {blocks[-1].where}"


def _body(region: _Region, section_level: int) -> str:
    markdown = blocks_markdown(region.blocks, section_level)
    # The export's marker of an empty section is not text anyone wrote, even with words typed after it.
    for marker in (f"*{EMPTY_SECTION_MARKER}*", EMPTY_SECTION_MARKER):
        if markdown.startswith(marker):
            return markdown[len(marker) :].lstrip()
    return markdown


def match_draft(
    document: DraftDocument, slots: Sequence[TemplateSlot], assigned: Mapping[int, str] | None = None
) -> DraftMatching:
    """Place the document's text in the sections; `assigned` moves unplaced text (by index) to a section key."""
    starts = _starts(document.blocks, slots)
    regions = _regions(document.blocks, starts)
    section_level = _section_level(document.blocks, starts) or 0
    placed: dict[str, PlacedText] = {}
    unplaced: list[UnplacedText] = []
    known = {slot.key for slot in slots}
    moved: dict[str, list[UnplacedText]] = {}
    for region in regions:
        if region.key is not None and region.start is not None:
            placed[region.key] = PlacedText(
                region.key,
                _body(region, section_level),
                _words([region.start, *region.blocks]),
                region.start.text,
                region.start.where,
                region.how,
                round(region.score, 1),
            )
            continue
        chunk = UnplacedText(
            len(unplaced) + sum(len(v) for v in moved.values()),
            blocks_markdown(region.blocks, section_level),
            _words(region.blocks),
            _where(region.blocks),
        )
        target = (assigned or {}).get(chunk.index)
        if target in known and target is not None:
            moved.setdefault(target, []).append(chunk)
        else:
            unplaced.append(chunk)
    for key, chunks in moved.items():
        placed[key] = _with_assigned(placed.get(key), key, chunks)
    ordered = tuple(placed[slot.key] for slot in slots if slot.key in placed)
    return DraftMatching(
        ordered,
        tuple(unplaced),
        _words(document.blocks),
        sum(p.words for p in ordered),
    )


def _with_assigned(found: PlacedText | None, key: str, chunks: list[UnplacedText]) -> PlacedText:
    texts = [found.markdown] if found and found.markdown else []
    texts += [c.markdown for c in chunks]
    words = (found.words if found else 0) + sum(c.words for c in chunks)
    if found is None:
        return PlacedText(key, "\n\n".join(texts), words, "", ", ".join(c.where for c in chunks), "assigned", 0.0)
    return PlacedText(key, "\n\n".join(texts), words, found.heading, found.where, found.how, found.score)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _signature(markdown: str) -> list[tuple[str, ...]]:
    """What a reader sees: block structure and formatted text, without Markdown's spelling choices."""
    out: list[tuple[str, ...]] = []
    for token in _parser().parse(markdown or ""):
        if token.type == "inline":
            inline: list[tuple[str, ...]] = []
            for child in token.children or []:
                if child.type in ("softbreak", "text") and inline and inline[-1][0] == "text":
                    content = " " if child.type == "softbreak" else child.content
                    inline[-1] = ("text", inline[-1][1] + content)
                elif child.type == "softbreak":
                    inline.append(("text", " "))
                else:
                    inline.append((child.type, child.content, str(child.attrs.get("href", ""))))
            out.extend(_normalised(inline))
        elif token.nesting != 0 or token.type in ("fence", "code_block", "hr"):
            if token.type in ("paragraph_open", "paragraph_close"):
                continue  # a loose list's items are paragraphs, a tight list's not: Word has no such difference
            out.append((token.type, token.tag, token.content if token.type in ("fence", "code_block") else ""))
    return out


def _normalised(inline: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    result: list[tuple[str, ...]] = []
    for item in inline:
        if item[0] == "text":
            text = " ".join(item[1].split())
            if text:
                result.append(("text", text))
        else:
            result.append(item)
    return result


def same_text(a: str, b: str) -> bool:
    """Whether two Markdown texts read the same (escaping, list markers and line wrapping aside)."""
    return a == b or _signature(a) == _signature(b)
