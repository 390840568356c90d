"""The status table: which moves exist, who may make them, and what a refusal says."""

import pytest

from research.domain.application_status import ApplicationStatus as S
from research.domain.errors import InvalidInput, PermissionDenied
from research.domain.lifecycle import TRANSITIONS, Mover, check_move, next_statuses


def test_every_status_has_a_row_and_final_statuses_go_nowhere():
    assert set(TRANSITIONS) == set(S)
    for final in (S.AWARDED, S.DECLINED, S.WITHDRAWN):
        assert TRANSITIONS[final] == {}


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.DRAFTING, S.IN_REVIEW),
        (S.IN_REVIEW, S.REVISING),
        (S.REVISING, S.IN_REVIEW),
        (S.REVISING, S.READY),
        (S.READY, S.SUBMITTED),
        (S.READY, S.REVISING),
        (S.SUBMITTED, S.DECLINED),
        (S.SUBMITTED, S.WITHDRAWN),
    ],
)
def test_the_lead_moves_along_the_usual_path(current, target):
    assert check_move(current, target, Mover.LEAD) == target


@pytest.mark.parametrize("target", [S.SUBMITTED, S.AWARDED, S.DECLINED])
def test_managers_record_the_outcomes(target):
    current = S.READY if target == S.SUBMITTED else S.SUBMITTED
    assert check_move(current, target, Mover.MANAGER) == target


def test_only_a_manager_records_an_award():
    with pytest.raises(PermissionDenied, match="Only a manager may move an application from submitted to awarded"):
        check_move(S.SUBMITTED, S.AWARDED, Mover.LEAD)


@pytest.mark.parametrize(
    ("current", "target"), [(S.DRAFTING, S.READY), (S.IN_REVIEW, S.REVISING), (S.SUBMITTED, S.WITHDRAWN)]
)
def test_managers_do_not_move_drafts(current, target):
    with pytest.raises(PermissionDenied, match="Only the application's lead"):
        check_move(current, target, Mover.MANAGER)


@pytest.mark.parametrize("current", list(S))
def test_anyone_else_never_changes_a_status(current):
    assert next_statuses(current, Mover.OTHER) == []
    for target in TRANSITIONS[current]:
        with pytest.raises(PermissionDenied):
            check_move(current, target, Mover.OTHER)


def test_an_invalid_move_says_where_the_application_can_go():
    with pytest.raises(InvalidInput) as caught:
        check_move(S.SUBMITTED, S.DRAFTING, Mover.LEAD)
    assert str(caught.value) == (
        "status: an application that is submitted cannot move to drafting; "
        "it can move to awarded or declined or withdrawn"
    )


def test_a_final_status_and_a_non_move_are_refused_clearly():
    with pytest.raises(InvalidInput, match="awarded, a final status"):
        check_move(S.AWARDED, S.SUBMITTED, Mover.MANAGER)
    with pytest.raises(InvalidInput, match="already ready"):
        check_move(S.READY, S.READY, Mover.LEAD)


def test_an_unknown_status_is_named():
    with pytest.raises(InvalidInput, match="'shelved' is not a status"):
        check_move(S.DRAFTING, "shelved", Mover.LEAD)


def test_next_statuses_per_mover():
    assert next_statuses(S.SUBMITTED, Mover.LEAD) == [S.DECLINED, S.WITHDRAWN]
    assert next_statuses(S.SUBMITTED, Mover.MANAGER) == [S.AWARDED, S.DECLINED]
    assert next_statuses(S.READY, Mover.MANAGER) == [S.SUBMITTED]
