"""Who wrote which characters of a text, followed through a series of versions, and per paragraph."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

UNKNOWN = ""


def _common_ends(old: str, new: str) -> tuple[int, int]:
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return head, tail


def attribute(marks: list[str], old: str, new: str, author: str) -> list[str]:
    """The author of each character of `new`: unchanged characters keep theirs, inserted ones are `author`'s."""
    # A keystroke changes one place: compare only what lies between the common start and end.
    head, tail = _common_ends(old, new)
    middle: list[str] = []
    old_mid, new_mid = old[head : len(old) - tail], new[head : len(new) - tail]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_mid, new_mid, autojunk=False).get_opcodes():
        middle.extend(marks[head + i1 : head + i2] if tag == "equal" else [author] * (j2 - j1))
    return marks[:head] + middle + marks[len(old) - tail :]


@dataclass(frozen=True)
class Paragraph:
    text: str
    shares: tuple[tuple[str, float], ...]  # (author, share of the paragraph's characters), largest first


def paragraphs(text: str, marks: list[str]) -> list[Paragraph]:
    """Paragraphs (separated by blank lines) with each author's share of their visible characters."""
    result, start = [], 0
    for block in text.split("\n\n"):
        end = start + len(block)
        counts = Counter(m for ch, m in zip(block, marks[start:end], strict=True) if not ch.isspace())
        total = sum(counts.values())
        if block.strip():
            shares = tuple((who, n / total) for who, n in counts.most_common()) if total else ()
            result.append(Paragraph(block.strip(), shares))
        start = end + 2
    return result
