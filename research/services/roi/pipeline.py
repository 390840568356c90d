"""The pipeline in flight: requested amounts by status, weighted by each round's chance of success."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from research.domain.application_status import IN_FLIGHT, ApplicationStatus
from research.domain.money import to_cents
from research.domain.roi import PipelineRate, pipeline_rate
from research.services.roi.queries import NO_ROUND, Scope, dollars, pipeline_query, round_facts

STATUS_COLUMNS = ["status", "applications", "requested", "expected value", "without a known rate"]
ROUND_COLUMNS = ["round", "funder", "applications", "requested", "success rate", "rate from", "expected value"]


@dataclass(frozen=True)
class Pipeline:
    applications: int
    requested: Decimal
    expected: Decimal
    unknown_requested: Decimal
    unknown: tuple[str, ...]  # the rounds (or "no round") with no known success rate
    table: pd.DataFrame  # by status
    by_round: pd.DataFrame  # which rate each round's applications were weighted by, and where it came from


def pipeline(session: Session, scope: Scope) -> Pipeline:
    rows = session.execute(pipeline_query(scope)).all()
    facts = round_facts(session, {round_id for _, round_id, _, _ in rows if round_id is not None})
    by_status: dict[str, dict[str, Any]] = {
        s.value: {
            "status": s.label,
            "applications": 0,
            "requested": Decimal(0),
            "expected value": Decimal(0),
            "without a known rate": 0,
        }
        for s in IN_FLIGHT
    }
    by_round: dict[str, dict[str, Any]] = {}
    for status, round_id, count, requested_cents in rows:
        requested = dollars(requested_cents, Decimal(100))
        name, funder, rate = _rate(facts, round_id)
        entry = by_status[ApplicationStatus(status).value]
        entry["applications"] += count
        entry["requested"] += requested
        line = by_round.setdefault(
            name,
            {
                "round": name,
                "funder": funder,
                "applications": 0,
                "requested": Decimal(0),
                "success rate": rate.rate,
                "rate from": rate.source,
                "expected value": None if rate.rate is None else Decimal(0),
            },
        )
        line["applications"] += count
        line["requested"] += requested
        if rate.rate is None:
            entry["without a known rate"] += count
        else:
            entry["expected value"] += requested * rate.rate
            line["expected value"] += requested * rate.rate
    return _summed(by_status, by_round)


def _summed(by_status: dict[str, dict[str, Any]], by_round: dict[str, dict[str, Any]]) -> Pipeline:
    table = pd.DataFrame(
        [{**e, "expected value": to_cents(e["expected value"])} for e in by_status.values()], columns=STATUS_COLUMNS
    )
    rounds = pd.DataFrame(
        [
            {**r, "expected value": _cents_or_none(r["expected value"])}
            for r in sorted(by_round.values(), key=lambda r: r["round"])
        ],
        columns=ROUND_COLUMNS,
    )
    unknown = rounds[rounds["success rate"].isna()]
    return Pipeline(
        int(table["applications"].sum()),
        to_cents(sum(table["requested"], Decimal(0))),
        to_cents(sum(table["expected value"], Decimal(0))),
        to_cents(sum(unknown["requested"], Decimal(0))),
        tuple(
            f"{r['round']} ({r['applications']} application{'s' if r['applications'] != 1 else ''})"
            for _, r in unknown.iterrows()
        ),
        table,
        rounds,
    )


def _cents_or_none(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else to_cents(amount)


def _rate(facts: dict[int, tuple[Any, ...]], round_id: int | None) -> tuple[str, str, PipelineRate]:
    if round_id is None or round_id not in facts:
        return NO_ROUND, "—", PipelineRate(None, "unknown: no funding round recorded")
    funder, name, success_rate, expected_awards, applications = facts[round_id]
    return name, funder, pipeline_rate(success_rate, expected_awards, applications)
