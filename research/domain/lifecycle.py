"""Which status an application may move to next, and who may move it.

The lead moves their own application. Managers record the outcomes of a submission
(submitted, awarded, declined); only they record an award, because an award is an
entry in the unit's ledger. Reviewers and anyone else never change a status.
"""

from __future__ import annotations

from enum import StrEnum

from research.domain.application_status import ApplicationStatus as S
from research.domain.errors import InvalidInput, PermissionDenied, Problem


class Mover(StrEnum):
    LEAD = "lead"
    MANAGER = "manager"
    OTHER = "other"


_LEAD = frozenset({Mover.LEAD})
_MANAGER = frozenset({Mover.MANAGER})
_EITHER = frozenset({Mover.LEAD, Mover.MANAGER})

TRANSITIONS: dict[S, dict[S, frozenset[Mover]]] = {
    S.DRAFTING: {S.IN_REVIEW: _LEAD, S.READY: _LEAD, S.WITHDRAWN: _LEAD},
    S.IN_REVIEW: {S.REVISING: _LEAD, S.READY: _LEAD, S.WITHDRAWN: _LEAD},
    S.REVISING: {S.IN_REVIEW: _LEAD, S.READY: _LEAD, S.WITHDRAWN: _LEAD},
    S.READY: {S.SUBMITTED: _EITHER, S.REVISING: _LEAD, S.IN_REVIEW: _LEAD, S.WITHDRAWN: _LEAD},
    S.SUBMITTED: {S.AWARDED: _MANAGER, S.DECLINED: _EITHER, S.WITHDRAWN: _LEAD},
    S.AWARDED: {},
    S.DECLINED: {},
    S.WITHDRAWN: {},
}

_WHO = {_LEAD: "the application's lead", _MANAGER: "a manager", _EITHER: "the lead or a manager"}


def _status(value: str, where: str) -> S:
    try:
        return S(value)
    except ValueError:
        known = ", ".join(s.label for s in S)
        raise InvalidInput(Problem(where, f"{value!r} is not a status; use one of {known}")) from None


def next_statuses(current: str, mover: Mover) -> list[S]:
    """The statuses this mover may move an application to from `current`."""
    return [target for target, movers in TRANSITIONS[_status(current, "status")].items() if mover in movers]


def check_move(current: str, target: str, mover: Mover) -> S:
    """Refuse a move the table does not allow, saying why; return the target status."""
    here, there = _status(current, "current status"), _status(target, "new status")
    allowed = TRANSITIONS[here]
    if here == there:
        raise InvalidInput(Problem("status", f"the application is already {here.label}"))
    if not allowed:
        raise InvalidInput(Problem("status", f"the application is {here.label}, a final status; it cannot change"))
    if there not in allowed:
        options = " or ".join(s.label for s in allowed)
        raise InvalidInput(
            Problem(
                "status", f"an application that is {here.label} cannot move to {there.label}; it can move to {options}"
            )
        )
    if mover not in allowed[there]:
        raise PermissionDenied(
            f"Only {_WHO[allowed[there]]} may move an application from {here.label} to {there.label}."
        )
    return there
