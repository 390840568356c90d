"""A round's assessment criteria: read by everyone who reads rounds, set by those who manage them."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session

from research.db.models import FundingRound
from research.db.uow import UnitOfWork
from research.domain.assessment_criteria import (
    MAX_CRITERIA,
    MAX_TITLE,
    AssessmentCriterion,
    criterion_key,
    from_rubric,
)
from research.domain.errors import InvalidInput, NotFound, Problem
from research.domain.roles import Action, require
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.drafting.templates import find_template


def stored_criteria(rows: list[dict[str, Any]]) -> tuple[AssessmentCriterion, ...]:
    return tuple(
        AssessmentCriterion(
            str(r["key"]),
            str(r["title"]),
            None if r.get("weight") is None else float(r["weight"]),
            tuple(str(p) for p in r.get("describes", [])),
            str(r.get("description", "")),
        )
        for r in rows
    )


def _round(session: Session, round_id: int) -> FundingRound:
    funding_round = session.get(FundingRound, round_id)
    if funding_round is None:
        raise NotFound(f"There is no funding round with id {round_id}.")
    return funding_round


def round_criteria(uow: UnitOfWork, actor: Actor, round_id: int) -> tuple[tuple[AssessmentCriterion, ...], str]:
    """The round's criteria and where they come from ('round', 'template' or 'none')."""
    require(actor.role, Action.READ_ROUNDS)
    with uow as session:
        funding_round = _round(session, round_id)
        if funding_round.assessment_criteria:
            return stored_criteria(funding_round.assessment_criteria), "round"
        if funding_round.template_key:
            try:
                template = find_template(session, funding_round.template_key)
            except NotFound:
                return (), "none"
            return from_rubric(template.rubric.criteria), "template"
    return (), "none"


def criteria_problems(criteria: list[AssessmentCriterion]) -> list[Problem]:
    problems = []
    if len(criteria) > MAX_CRITERIA:
        problems.append(Problem("criteria", f"at most {MAX_CRITERIA} criteria, not {len(criteria)}"))
    for n, c in enumerate(criteria, start=1):
        if not c.title.strip():
            problems.append(Problem(f"criterion {n}.title", "must not be empty"))
        elif len(c.title) > MAX_TITLE:
            problems.append(Problem(f"criterion {n}.title", f"at most {MAX_TITLE} characters"))
        if c.weight is not None and not 0 <= c.weight <= 100:
            problems.append(Problem(f"criterion {n}.weight", "must be a percentage from 0 to 100"))
    return problems


def set_round_criteria(uow: UnitOfWork, actor: Actor, round_id: int, criteria: list[AssessmentCriterion]) -> None:
    """Replace the round's criteria (an empty list falls back to the template's rubric)."""
    require(actor.role, Action.MANAGE_ROUNDS)
    problems = criteria_problems(criteria)
    if problems:
        raise InvalidInput(problems)
    taken: set[str] = set()
    rows = []
    for c in criteria:
        key = c.key if c.key and c.key not in taken else criterion_key(c.title, taken)
        taken.add(key)
        rows.append({**asdict(c), "key": key, "title": c.title.strip(), "describes": list(c.describes)})
    with uow as session:
        funding_round = _round(session, round_id)
        funding_round.assessment_criteria = rows or None
        record(session, actor.audit_id, "set assessment criteria", "round", funding_round.id, count=len(rows))
