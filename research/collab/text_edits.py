"""Turning a whole new text into edits of a shared Y.Text, so concurrent typing around it survives.

pycrdt's Text counts positions in UTF-8 bytes (yrs' default), so character positions from the
diff are converted before each edit.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from pycrdt import Doc, Text


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def replace_text(doc: Doc[Text], body: Text, new: str) -> None:
    """Edit `body` until it reads `new`, touching only the parts that differ."""
    old = str(body)
    operations = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    with doc.transaction():
        # From the end backwards, so earlier offsets stay valid.
        for tag, i1, i2, j1, j2 in reversed(operations):
            if tag == "equal":
                continue
            start, stop = _byte_offset(old, i1), _byte_offset(old, i2)
            if stop > start:
                del body[start:stop]
            if j2 > j1:
                body.insert(start, new[j1:j2])


def text_update(new: str) -> bytes:
    """A standalone update whose document reads `new` (to start a room from a saved text)."""
    doc: Doc[Text] = Doc()
    body = doc.get("body", type=Text)
    body += new
    return doc.get_update()
