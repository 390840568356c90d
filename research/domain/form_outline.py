"""A funder's form reduced to what a template needs: headings, text and tables, in order.

The .docx reader (research/export/docx_form_reader.py) builds it; form_template turns it
into a template. Level 0 is the document's title; 1..9 are heading levels. Each block says
where in the document it came from ("paragraph 12, style Heading 1"), so a person checking
the import can find it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormHeading:
    text: str
    level: int
    where: str = ""
    number: str = ""  # Word's automatic number of a numbered heading ("2", "2.1"), when it has one


@dataclass(frozen=True)
class FormText:
    text: str  # a list paragraph's text starts with "- "
    bold: bool = False  # every run bold: a heading in a form without heading styles
    where: str = ""
    numbered: bool = False  # a numbered (not bulleted) list paragraph
    number: str = ""  # its automatic number ("3"), which is not in its text
    list_level: int = 0


@dataclass(frozen=True)
class FormTable:
    rows: tuple[tuple[str, ...], ...]
    where: str = ""


FormBlock = FormHeading | FormText | FormTable


@dataclass(frozen=True)
class FormOutline:
    source_name: str
    blocks: tuple[FormBlock, ...]
    title: str = ""  # from the file's properties, when it has one

    @property
    def has_headings(self) -> bool:
        return any(isinstance(b, FormHeading) and b.level > 0 for b in self.blocks)
