"""A funder's form reduced to what a template needs: headings, text and tables, in order.

The .docx reader (research/export/docx_form_reader.py) builds it; form_template turns it
into a template. Level 0 is the document's title; 1..9 are heading levels.
"""

from __future__ import annotations

from dataclasses import dataclass

from research.domain.template_spec import PageFormat


@dataclass(frozen=True)
class FormHeading:
    text: str
    level: int


@dataclass(frozen=True)
class FormText:
    text: str
    bold: bool = False  # every run bold: a heading in a form without heading styles


@dataclass(frozen=True)
class FormTable:
    rows: tuple[tuple[str, ...], ...]


FormBlock = FormHeading | FormText | FormTable


@dataclass(frozen=True)
class FormOutline:
    source_name: str
    blocks: tuple[FormBlock, ...]
    title: str = ""  # from the file's properties, when it has one
    page: PageFormat | None = None

    @property
    def has_headings(self) -> bool:
        return any(isinstance(b, FormHeading) and b.level > 0 for b in self.blocks)
