"""What goes into an exported application, independent of the file format.

The drafting services gather it (respecting who may read what); research/export writes it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from research.domain.template_spec import Limit, PageFormat

EMPTY_SECTION_TEXT = "(no text yet)"


@dataclass(frozen=True)
class ExportSection:
    key: str
    title: str
    body: str  # Markdown
    limit: Limit | None = None


@dataclass(frozen=True)
class ExportDocument:
    title: str
    funder: str
    scheme: str
    round_name: str
    team: tuple[str, ...]
    dated: date
    text_source: str  # which text this is: current, frozen for a review round, or as at a time
    template_key: str
    page: PageFormat
    sections: tuple[ExportSection, ...]

    @property
    def file_name(self) -> str:
        """A safe .docx file name from the title: ASCII letters, digits and hyphens."""
        return f"{slug(self.title, '-') or 'application'}.docx"


def slug(text: str, joiner: str = "_", max_words: int = 8) -> str:
    """Lower-case ASCII words of a text joined by `joiner` (macrons folded: Māori -> maori)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words, current = [], []
    for ch in folded:
        if ch.isalnum():
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return joiner.join(words[:max_words])
