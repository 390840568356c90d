"""Findings that need the whole application: acronyms, repeated passages, inconsistent terms.

Sections are read in the application's order, as a panel reads them, so an acronym defined
in section 2 but used in section 1 is used before its definition.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from research.services.writing.findings import Finding, Kind, is_acronym
from research.services.writing.sentences import Sentence

REPEATED_MIN_WORDS = 12
REPEATED_SIMILARITY = 90.0
# "Full words (ABC)" or "ABC (full words)": the parenthesis defines the acronym.
_DEFINED_AFTER = re.compile(r"\(([A-Z][A-Z0-9]+s?)\)")
_DEFINED_BEFORE = re.compile(r"\b([A-Z][A-Z0-9]+s?)\s+\((?:[a-z]+\s+)?[A-Za-z][a-z]+(?:[\s-]+[A-Za-z]+)+\)")

SectionSentences = tuple[str, tuple[Sentence, ...]]


def acronym_findings(sections: Sequence[SectionSentences]) -> dict[str, list[Finding]]:
    """Per section key: acronyms used before they are defined, or never defined at all."""
    definitions = _first_definitions(sections)
    seen: set[str] = set()
    found: dict[str, list[Finding]] = defaultdict(list)
    for position, (key, sentences) in enumerate(sections):
        for sentence in sentences:
            for word in dict.fromkeys(sentence.text.replace("(", " ").replace(")", " ").split()):
                acronym = word.strip(".,;:!?\"'")
                if not is_acronym(acronym) or acronym in seen:
                    continue
                seen.add(acronym)
                defined = definitions.get(acronym)
                if defined is None:
                    found[key].append(
                        Finding(Kind.ACRONYM_UNDEFINED, sentence.text, f"“{acronym}” is never spelled out.")
                    )
                elif defined > (position, sentence.index):
                    where = sections[defined[0]][0]
                    found[key].append(
                        Finding(
                            Kind.ACRONYM,
                            sentence.text,
                            f"“{acronym}” is used here before it is defined (in section “{where}”).",
                        )
                    )
    return found


def _first_definitions(sections: Sequence[SectionSentences]) -> dict[str, tuple[int, int]]:
    firsts: dict[str, tuple[int, int]] = {}
    for position, (_, sentences) in enumerate(sections):
        for sentence in sentences:
            for pattern in (_DEFINED_AFTER, _DEFINED_BEFORE):
                for match in pattern.finditer(sentence.text):
                    firsts.setdefault(match.group(1), (position, sentence.index))
    return firsts


def repeated_passages(sections: Sequence[SectionSentences]) -> dict[str, list[Finding]]:
    """Per section key: long sentences that stand, nearly word for word, in another section."""
    candidates = [(key, s.text) for key, sentences in sections for s in sentences if len(s.words) >= REPEATED_MIN_WORDS]
    if len(candidates) < 2:
        return {}
    texts = [_normalised(text) for _, text in candidates]
    scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=REPEATED_SIMILARITY, workers=1)
    found: dict[str, list[Finding]] = defaultdict(list)
    for i, (key, text) in enumerate(candidates):
        others = [candidates[j][0] for j in range(len(candidates)) if scores[i][j] and candidates[j][0] != key]
        if others:
            where = ", ".join(f"“{k}”" for k in dict.fromkeys(others))
            found[key].append(Finding(Kind.REPEATED, text, f"This passage is repeated in section {where}."))
    return found


@lru_cache(maxsize=65536)
def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", text.lower())).strip()


def inconsistent_terms(sections: Sequence[SectionSentences]) -> dict[str, list[Finding]]:
    """Per section key: a term written two ways ('data set' / 'dataset', 'organisation' / 'organization')."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    first_use: dict[str, tuple[str, str]] = {}
    words = [(key, s.text, w) for key, sentences in sections for s in sentences for w in _words(s.words)]
    single = {_term_key(w) for _, _, w in words}
    pairs = [(key, s.text, p) for key, sentences in sections for s in sentences for p in _pairs(s.words)]
    for key, sentence, form in [*words, *((k, s, p) for k, s, p in pairs if _term_key(p) in single)]:
        forms[_term_key(form)][form] += 1
        first_use.setdefault(form, (key, sentence))
    found: dict[str, list[Finding]] = defaultdict(list)
    for counts in forms.values():
        if len(counts) < 2:
            continue
        (common, _), *rest = counts.most_common()
        for form, n in rest:
            section, sentence = first_use[form]
            found[section].append(
                Finding(
                    Kind.INCONSISTENT_TERM,
                    sentence,
                    f"“{form}” ({n}×) and “{common}” ({counts[common]}×) name the same thing: use one form throughout.",
                )
            )
    return found


def _words(words: tuple[str, ...]) -> list[str]:
    return [w.lower() for w in words if len(w) > 3]


def _pairs(words: tuple[str, ...]) -> list[str]:
    """Two-word forms; they count only where the same term is also written as one word."""
    lowered = [w.lower() for w in words]
    return [f"{a} {b}" for a, b in zip(lowered, lowered[1:], strict=False) if len(a) > 2 and len(b) > 2]


@lru_cache(maxsize=65536)
def _term_key(form: str) -> str:
    """Spellings of one term share a key: no spaces or hyphens, -ise/-ize and -our/-or alike."""
    key = re.sub(r"[\s\-\u2019']", "", form)
    key = re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", key)
    return re.sub(r"our(s|ed|ing|able)?$", r"or\1", key)
