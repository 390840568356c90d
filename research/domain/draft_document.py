"""A filled application read from Word, as blocks of editor Markdown, before it is matched to sections.

The reader (research/export/docx_draft_reader.py) makes one block per paragraph, list item or
table, in document order, with Track Changes accepted: insertions kept, deletions dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class BlockKind(StrEnum):
    HEADING = "heading"  # a Word heading style or outline level (0 is the Title style)
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"  # one item; consecutive items join into one Markdown list
    TABLE = "table"
    CODE = "code"


@dataclass(frozen=True)
class DraftBlock:
    kind: BlockKind
    markdown: str  # the block as the editor's Markdown (for a heading: its inline text, no '#')
    text: str  # the words a reader sees, for counting and for matching headings
    where: str  # where in the file: "paragraph 12", "table 2"
    level: int | None = None  # a heading's Word level
    bold_line: bool = False  # a short paragraph all in bold, not a heading style: maybe a question

    @property
    def may_start_section(self) -> bool:
        return self.kind is BlockKind.HEADING or self.bold_line


@dataclass(frozen=True)
class ExportStamp:
    """Which application a file was exported from, and each section's version in it."""

    application_id: int
    versions: tuple[tuple[str, int], ...]  # (section key, version)

    def version_of(self, key: str) -> int | None:
        return next((v for k, v in self.versions if k == key), None)

    def as_text(self) -> str:
        return ";".join([f"application={self.application_id}", *(f"{k}={v}" for k, v in self.versions)])

    @classmethod
    def from_text(cls, text: str) -> ExportStamp | None:
        """The stamp written by `as_text`, or None for anything else (never an error: it is only a hint)."""
        pairs = [part.partition("=") for part in (text or "").split(";")]
        values = {k.strip(): v.strip() for k, sep, v in pairs if sep and v.strip().isdigit()}
        if "application" not in values:
            return None
        application = int(values.pop("application"))
        return cls(application, tuple((k, int(v)) for k, v in values.items()))


@dataclass(frozen=True)
class DraftDocument:
    name: str
    title: str  # the file's own title property ("" when it has none)
    blocks: tuple[DraftBlock, ...]
    insertions: int = 0  # tracked insertions taken
    deletions: int = 0  # tracked deletions dropped
    stamp: ExportStamp | None = None  # set when the file is one this workspace exported
