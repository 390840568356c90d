"""A section's text as the reader sees it, cut into sentences and words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from research.domain.counting import plain_text

# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = (
    "e.g.",
    "i.e.",
    "et al.",
    "etc.",
    "Dr.",
    "Prof.",
    "Fig.",
    "vs.",
    "approx.",
    "No.",
    "cf.",
    "Mr.",
    "Ms.",
)
_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*[A-Za-z]|[A-Za-z]")
_PLACEHOLDER = "\u0000"


@dataclass(frozen=True)
class Sentence:
    text: str
    # Position of the sentence in the section's text (0 = first), used to order first uses.
    index: int

    @property
    def words(self) -> tuple[str, ...]:
        return words_of(self.text)


def words_of(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


@lru_cache(maxsize=512)
def sentences_of(markdown: str) -> tuple[Sentence, ...]:
    """The sentences of a section's Markdown, block by block (a heading or list item ends one)."""
    found: list[str] = []
    for block in plain_text(markdown).split("\n"):
        protected = block
        for abbreviation in _ABBREVIATIONS:
            protected = protected.replace(abbreviation, abbreviation.replace(".", _PLACEHOLDER))
        for part in _END.split(protected):
            text = part.replace(_PLACEHOLDER, ".").strip()
            if text:
                found.append(text)
    return tuple(Sentence(text, index) for index, text in enumerate(found))
