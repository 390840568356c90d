"""Writing findings within one section: long sentences, passive constructions, rare words.

Each finding names its kind, the sentence it is about and a message that says why. The
aids never change text and never block: they are advice the writer can dismiss.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from wordfreq import zipf_frequency

from research.services.writing.sentences import Sentence

LONG_SENTENCE_WORDS = 35
# Zipf frequency below which a word is rare for a general reader (under about 3 per 10 million words).
RARE_ZIPF = 2.5
MIN_RARE_LENGTH = 5
_BE = r"(?:am|is|are|was|were|be|been|being)"
_IRREGULAR = [
    "begun",
    "broken",
    "brought",
    "built",
    "chosen",
    "done",
    "drawn",
    "driven",
    "eaten",
    "found",
    "given",
    "gone",
    "grown",
    "held",
    "known",
    "laid",
    "led",
    "left",
    "lost",
    "made",
    "meant",
    "met",
    "paid",
    "put",
    "read",
    "run",
    "said",
    "seen",
    "sent",
    "set",
    "shown",
    "spent",
    "taken",
    "taught",
    "thought",
    "told",
    "understood",
    "undertaken",
    "won",
    "written",
]
_PASSIVE = re.compile(
    rf"\b{_BE}\s+(?:\w+ly\s+)?(?P<verb>\w+ed|{'|'.join(_IRREGULAR)})\b(?!\s+(?:to|that)\b)",
    re.I,
)
_ACRONYM_SHAPE = re.compile(r"^[A-Z][A-Z0-9]+s?$")


class Kind:
    LONG_SENTENCE = "long_sentence"
    PASSIVE = "passive"
    RARE_WORD = "rare_word"
    ACRONYM = "acronym_before_definition"
    ACRONYM_UNDEFINED = "acronym_undefined"
    REPEATED = "repeated_passage"
    INCONSISTENT_TERM = "inconsistent_term"


@dataclass(frozen=True)
class Finding:
    kind: str
    sentence: str
    message: str

    @property
    def key(self) -> str:
        """Stable while the finding stands: the same kind, sentence and message."""
        digest = hashlib.sha256(f"{self.kind}\n{self.sentence}\n{self.message}".encode()).hexdigest()
        return digest[:20]


def long_sentences(sentences: tuple[Sentence, ...]) -> list[Finding]:
    return [
        Finding(
            Kind.LONG_SENTENCE,
            s.text,
            f"{len(s.words)} words in one sentence: panels read sentences over {LONG_SENTENCE_WORDS} words slowly; "
            "consider splitting it.",
        )
        for s in sentences
        if len(s.words) > LONG_SENTENCE_WORDS
    ]


def passive_constructions(sentences: tuple[Sentence, ...]) -> list[Finding]:
    findings = []
    for s in sentences:
        match = _PASSIVE.search(s.text)
        if match:
            findings.append(
                Finding(
                    Kind.PASSIVE,
                    s.text,
                    f"Passive construction “{match.group(0)}”: say who does it, if that matters to the panel.",
                )
            )
    return findings


def rare_words(sentences: tuple[Sentence, ...]) -> list[Finding]:
    """Words a general reader rarely meets (word-frequency lists), once per word."""
    seen: set[str] = set()
    findings = []
    for s in sentences:
        rare = [w for w in s.words if _is_rare(w) and w.lower() not in seen]
        if rare:
            seen.update(w.lower() for w in rare)
            listed = ", ".join(f"“{w}”" for w in rare)
            findings.append(
                Finding(
                    Kind.RARE_WORD,
                    s.text,
                    f"Rare or specialist words for a general panel: {listed}. Explain them or use plainer words.",
                )
            )
    return findings


def _is_rare(word: str) -> bool:
    if len(word) < MIN_RARE_LENGTH or _ACRONYM_SHAPE.match(word) or "-" in word:
        return False
    # A possessive is as common as its word: "funder's" is "funder".
    base = re.sub(r"['\u2019]s$", "", word.lower())
    return zipf_frequency(base, "en") < RARE_ZIPF


def is_acronym(word: str) -> bool:
    return bool(_ACRONYM_SHAPE.match(word)) and sum(ch.isupper() for ch in word) >= 2
