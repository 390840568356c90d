"""What changed in a section's text between two versions, as plain unified-diff text."""

from __future__ import annotations

import difflib


def diff_text(before: str, after: str, before_label: str, after_label: str) -> str:
    """A unified diff of the two texts line by line; empty when nothing changed."""
    lines = difflib.unified_diff(
        (before or "").splitlines(),
        (after or "").splitlines(),
        fromfile=before_label,
        tofile=after_label,
        lineterm="",
        n=2,
    )
    return "\n".join(lines)


def change_summary(before: str, after: str) -> str:
    """'unchanged', or how many lines were added and removed."""
    added = removed = 0
    for line in difflib.ndiff((before or "").splitlines(), (after or "").splitlines()):
        if line.startswith("+ "):
            added += 1
        elif line.startswith("- "):
            removed += 1
    if not added and not removed:
        return "unchanged"
    return f"{added} line{'s' if added != 1 else ''} added, {removed} removed"
