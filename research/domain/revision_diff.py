"""A readable difference between two texts, one sentence per line, as a unified diff."""

from __future__ import annotations

import difflib
import re

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=\S)")


def _sentences(text: str) -> list[str]:
    # Paragraphs are long single lines in Markdown; splitting them into sentences makes a
    # one-word change show as one changed sentence rather than a whole changed paragraph.
    lines: list[str] = []
    for line in text.splitlines():
        lines.extend(_SENTENCE_END.split(line) if line.strip() else [""])
    return lines


def diff_text(old: str, new: str, old_label: str, new_label: str) -> str:
    """Unified diff of two texts; empty when they are the same."""
    diff = difflib.unified_diff(
        _sentences(old), _sentences(new), fromfile=old_label, tofile=new_label, lineterm="", n=2
    )
    return "\n".join(diff)


def change_summary(old: str, new: str) -> str:
    """'+12 / -3 words' style summary of a change."""
    old_words, new_words = old.split(), new.split()
    added = removed = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            removed += i2 - i1
        if tag in ("replace", "insert"):
            added += j2 - j1
    return f"+{added} / -{removed} words"
