"""analyse: the writing aids and the criteria map of one application, for scripts and reports.

The command line reads as a manager overseeing applications would (see Actor.operator).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.services.common.actor import Actor
from research.services.writing.aids import analyse_application
from research.services.writing.analysis import ApplicationAnalysis, SectionAnalysis
from research.services.writing.criteria_map import PARTLY

OPERATOR = Actor.operator(Role.MANAGER)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "analyse", help="readability, writing findings and the funder's criteria per section"
    )
    parser.add_argument("application_id", type=int, metavar="APPLICATION_ID")
    parser.add_argument("--json", action="store_true", help="print the analysis as JSON")
    parser.set_defaults(run=_analyse)


def _analyse(args: argparse.Namespace, uow: UnitOfWork) -> int:
    analysis = analyse_application(uow, OPERATOR, args.application_id)
    print(json.dumps(as_json(analysis), indent=2, ensure_ascii=False) if args.json else as_text(analysis))
    return 0


def as_json(analysis: ApplicationAnalysis) -> dict[str, Any]:
    return {
        "application_id": analysis.application_id,
        "sections": [_section_json(s) for s in analysis.sections],
        "uncovered_criteria": [{"key": c.key, "title": c.title} for c in analysis.uncovered],
    }


def _section_json(section: SectionAnalysis) -> dict[str, Any]:
    return {
        "key": section.key,
        "title": section.title,
        "words": section.words,
        "readability": {"flesch_kincaid_grade": section.flesch_kincaid_grade},
        "findings": [
            {"kind": f.kind, "sentence": f.sentence, "message": f.message, "dismissed": f.key in section.dismissed}
            for f in section.findings
        ],
        "criteria": [
            {"key": c.criterion_key, "title": c.criterion_title, "score": c.score, "matched": list(c.matched)}
            for c in section.coverage
            if c.score >= PARTLY
        ],
    }


def as_text(analysis: ApplicationAnalysis) -> str:
    lines = []
    for s in analysis.sections:
        grade = "-" if s.flesch_kincaid_grade is None else f"{s.flesch_kincaid_grade:.1f}"
        covered = ", ".join(f"{c.criterion_title} {c.score:.2f}" for c in s.coverage if c.score >= PARTLY) or "none"
        lines.append(f"{s.key}: {s.words} words, grade {grade}, {len(s.open_findings)} findings; criteria: {covered}")
        lines.extend(f"  - {f.kind}: {f.message}" for f in s.open_findings)
    uncovered = ", ".join(c.title for c in analysis.uncovered) or "none"
    lines.append(f"Criteria no section addresses: {uncovered}")
    return "\n".join(lines)
