"""Counting text the way funders count it, and checking it against limits.

Counts are of the rendered text, not the Markdown: `**bold**` is one word and list
bullets or table pipes are none. Words are split on whitespace, so a hyphenated
word is one; a token with no letter or digit (a lone dash) is not a word.
Characters include spaces. Lines and pages are estimates from the page format.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from research.domain.template_spec import Limit, PageFormat

PAPER_CM = {"A4": (21.0, 29.7), "Letter": (21.59, 27.94)}
POINTS_PER_CM = 72 / 2.54
# Average glyph width of a proportional serif font, as a share of its size.
GLYPH_WIDTH = 0.47
LINE_HEIGHT = 1.17
NEAR_LIMIT = 0.9


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def plain_text(markdown: str) -> str:
    """The text a reader sees, one block per line."""
    blocks: list[str] = []
    for token in _parser().parse(markdown or ""):
        if token.type == "inline":
            blocks.append("".join(_inline_text(token)))
        elif token.type in ("code_block", "fence"):
            blocks.append(token.content.rstrip("\n"))
    return "\n".join(b for b in blocks if b.strip())


def _inline_text(token: Token) -> list[str]:
    out: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return out


def count_words(text: str) -> int:
    return sum(1 for word in text.split() if any(ch.isalnum() for ch in word))


def count_characters(text: str) -> int:
    return len(text)


def _chars_per_line(page: PageFormat) -> int:
    width_cm = PAPER_CM.get(page.paper, PAPER_CM["A4"])[0] - 2 * page.margins_cm
    return max(1, int(width_cm * POINTS_PER_CM / (page.font_size_pt * GLYPH_WIDTH)))


def lines_per_page(page: PageFormat) -> int:
    height_cm = PAPER_CM.get(page.paper, PAPER_CM["A4"])[1] - 2 * page.margins_cm
    return max(1, int(height_cm * POINTS_PER_CM / (page.font_size_pt * LINE_HEIGHT * page.line_spacing)))


def count_lines(text: str, page: PageFormat) -> int:
    width = _chars_per_line(page)
    return sum(max(1, math.ceil(len(line) / width)) for line in text.splitlines() if line.strip())


def count_pages(text: str, page: PageFormat) -> float:
    """Estimated pages, to one decimal place (rounded up)."""
    return math.ceil(10 * count_lines(text, page) / lines_per_page(page)) / 10


def measure(markdown: str, unit: str, page: PageFormat | None = None) -> float:
    """The size of a Markdown text in a limit's unit."""
    text = plain_text(markdown)
    page = page or PageFormat()
    if unit == "words":
        return count_words(text)
    if unit == "characters":
        return count_characters(text)
    if unit == "lines":
        return count_lines(text, page)
    if unit == "pages":
        return count_pages(text, page)
    raise ValueError(f"Unknown limit unit {unit!r}")


@dataclass(frozen=True)
class LimitCheck:
    used: float
    limit: Limit | None

    @property
    def over(self) -> bool:
        return self.limit is not None and self.used > self.limit.max

    @property
    def near(self) -> bool:
        return self.limit is not None and not self.over and self.used >= NEAR_LIMIT * self.limit.max

    @property
    def state(self) -> str:
        """'over', 'near' or 'ok': how a count is coloured."""
        return "over" if self.over else "near" if self.near else "ok"

    def describe(self) -> str:
        used = format_count(self.used)
        if self.limit is None:
            return f"{used} words" if isinstance(self.used, int) else used
        return f"{used} / {format_count(self.limit.max)} {self.limit.unit}"


def format_count(value: float) -> str:
    """A count as people read it: '50,061'; estimates to at most two decimals ('2.35', '1,234.5')."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def check(markdown: str, limit: Limit | None, page: PageFormat | None = None) -> LimitCheck:
    unit = limit.unit if limit else "words"
    return LimitCheck(measure(markdown, unit, page), limit)


def check_shared(bodies: list[str], limit: Limit, page: PageFormat | None = None) -> LimitCheck:
    """A limit that applies to several sections together (e.g. 5 pages for three)."""
    return LimitCheck(sum(measure(body, limit.unit, page) for body in bodies), limit)
