"""Writing aids and the criteria map for a whole application, computed from its current text.

The analysis of a given set of texts and criteria is cached in the process (it depends on
nothing else), so a rerun of the editor does not compute it again until a section changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import textstat

from research.domain.assessment_criteria import AssessmentCriterion
from research.domain.counting import count_words, plain_text
from research.services.writing import across_sections, findings
from research.services.writing.criteria_map import Coverage, criteria_coverage, uncovered
from research.services.writing.findings import Finding
from research.services.writing.sentences import sentences_of


@dataclass(frozen=True)
class SectionText:
    section_id: int
    key: str
    title: str
    version: int
    markdown: str


@dataclass(frozen=True)
class SectionAnalysis:
    section_id: int
    key: str
    title: str
    version: int
    words: int
    flesch_kincaid_grade: float | None
    findings: tuple[Finding, ...]
    coverage: tuple[Coverage, ...]
    dismissed: frozenset[str] = frozenset()

    @property
    def open_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.key not in self.dismissed)


@dataclass(frozen=True)
class ApplicationAnalysis:
    application_id: int
    sections: tuple[SectionAnalysis, ...]
    criteria: tuple[AssessmentCriterion, ...]
    uncovered: tuple[AssessmentCriterion, ...]

    def section(self, section_id: int) -> SectionAnalysis:
        return next(s for s in self.sections if s.section_id == section_id)

    def with_dismissed(self, dismissed: dict[int, frozenset[str]]) -> ApplicationAnalysis:
        sections = tuple(replace(s, dismissed=dismissed.get(s.section_id, frozenset())) for s in self.sections)
        return replace(self, sections=sections)


def grade(markdown: str) -> float | None:
    """Flesch-Kincaid grade of the text a reader sees, or None for a section with no sentence."""
    return section_facts(markdown)[1]


@lru_cache(maxsize=1024)
def section_facts(markdown: str) -> tuple[int, float | None, tuple[Finding, ...]]:
    """What one section's text alone decides: its words, reading grade and own findings."""
    sentences = sentences_of(markdown)
    text = plain_text(markdown)
    words = count_words(text)
    found = (
        *findings.long_sentences(sentences),
        *findings.passive_constructions(sentences),
        *findings.rare_words(sentences),
    )
    return words, float(textstat.flesch_kincaid_grade(text)) if words else None, found


@lru_cache(maxsize=64)
def analyse_texts(
    application_id: int, texts: tuple[SectionText, ...], criteria: tuple[AssessmentCriterion, ...]
) -> ApplicationAnalysis:
    per_section = [(t.key, sentences_of(t.markdown)) for t in texts]
    across = [
        across_sections.acronym_findings(per_section),
        across_sections.repeated_passages(per_section),
        across_sections.inconsistent_terms(per_section),
    ]
    coverage = criteria_coverage([(t.key, plain_text(t.markdown)) for t in texts], criteria)
    sections = []
    for text in texts:
        words, reading_grade, own = section_facts(text.markdown)
        found = (*own, *(f for group in across for f in group.get(text.key, [])))
        sections.append(
            SectionAnalysis(
                text.section_id,
                text.key,
                text.title,
                text.version,
                words,
                reading_grade,
                found,
                coverage.get(text.key, ()),
            )  # fmt: skip
        )
    missing = set(uncovered(coverage, criteria)) if texts else {c.key for c in criteria}
    return ApplicationAnalysis(
        application_id, tuple(sections), criteria, tuple(c for c in criteria if c.key in missing)
    )
