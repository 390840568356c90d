"""Which of the funder's criteria each section addresses, and how strongly, with the evidence.

Two explainable measures, combined: phrase coverage (the share of the criterion's own
phrases whose content words all stand in the section) and TF-IDF cosine similarity between
the section and the criterion's words, over the application's sections and the criteria as
the documents. A criterion is addressed "strongly" at a score of 0.45 or more, "partly" from
0.2; below that it is not addressed.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from research.domain.assessment_criteria import AssessmentCriterion

STRONG = 0.45
PARTLY = 0.2
COVERAGE_SHARE = 0.6
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "from",
        "at",
        "as",
        "is",
        "are",
        "be",
        "this",
        "that",
        "these",
        "those",
        "its",
        "it",
        "their",
        "our",
        "we",
        "will",
        "can",
        "how",
        "what",
        "which",
        "who",
        "does",
        "do",
        "into",
        "over",
        "under",
        "between",
        "within",
        "about",
        "each",
        "per",
        "any",
        "all",
        "not",
        "no",
        "more",
        "most",
        "such",
        "than",
        "there",
        "where",
        "when",
        "why",
        "whether",
        "also",
    ]
)
_TOKEN = re.compile(r"[a-z][a-z\-]+")
_STEMMER = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class Coverage:
    criterion_key: str
    criterion_title: str
    score: float
    matched: tuple[str, ...]
    shared_terms: tuple[str, ...]

    @property
    def strength(self) -> str:
        return "strongly" if self.score >= STRONG else "partly" if self.score >= PARTLY else "not"


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Porter2 (Snowball) stem, so that 'innovative', 'innovation' and 'innovate' meet."""
    stemmed: str = _STEMMER.stemWord(word)
    return stemmed


@lru_cache(maxsize=512)
def terms(text: str) -> tuple[str, ...]:
    return tuple(stem(t) for t in _TOKEN.findall(text.lower()) if t not in _STOP and len(t) > 2)


def criteria_coverage(
    sections: Sequence[tuple[str, str]], criteria: Sequence[AssessmentCriterion]
) -> dict[str, tuple[Coverage, ...]]:
    """Per section key, each criterion's coverage (sections given as (key, plain text))."""
    section_terms = {key: terms(text) for key, text in sections}
    criterion_terms = {c.key: terms(c.words()) for c in criteria}
    idf = _idf([*section_terms.values(), *criterion_terms.values()])
    criterion_vectors = {k: _tfidf(v, idf) for k, v in criterion_terms.items()}
    result = {}
    for key, words in section_terms.items():
        vector, present = _tfidf(words, idf), set(words)
        result[key] = tuple(_coverage(c, present, vector, criterion_vectors[c.key]) for c in criteria)
    return result


def _coverage(
    criterion: AssessmentCriterion, present: set[str], vector: dict[str, float], against: dict[str, float]
) -> Coverage:
    phrases = [criterion.title, *criterion.describes]
    matched = tuple(p for p in phrases if (words := terms(p)) and all(w in present for w in words))
    share = len(matched) / len(phrases) if phrases else 0.0
    similarity = _cosine(vector, against)
    shared = sorted(set(vector) & set(against), key=lambda t: -(vector[t] * against[t]))[:6]
    score = round(COVERAGE_SHARE * share + (1 - COVERAGE_SHARE) * min(1.0, 2 * similarity), 3)
    return Coverage(criterion.key, criterion.title, score, matched, tuple(shared))


def _idf(documents: list[tuple[str, ...]]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for document in documents:
        counts.update(set(document))
    n = len(documents)
    return {term: math.log((1 + n) / (1 + df)) + 1 for term, df in counts.items()}


def _tfidf(words: tuple[str, ...], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(words)
    return {t: (c / len(words)) * idf[t] for t, c in counts.items()} if words else {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def uncovered(coverage: dict[str, tuple[Coverage, ...]], criteria: Sequence[AssessmentCriterion]) -> list[str]:
    """Keys of criteria that no section addresses at least partly."""
    best = {c.key: 0.0 for c in criteria}
    for covers in coverage.values():
        for c in covers:
            best[c.criterion_key] = max(best[c.criterion_key], c.score)
    return [key for key, score in best.items() if score < PARTLY]
