"""The round form: what a manager types becomes a valid round, or problems named by field."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from research.domain.errors import InvalidInput
from research.domain.round_form import RoundForm, from_round_input, to_round_input

FILLED = RoundForm(
    funder_id=3,
    scheme=" Smart  Ideas ",
    closes_day=date(2025, 3, 5),
    closes_time=time(12, 0),
    opens_day=date(2025, 1, 20),
    pool="17m",
    min_award="400k",
    max_award="1m",
    success_rate="",
    expected_awards=47,
    cluster_ids=(1, 2),
    offsets={"intent": 15, "draft": 5, "signoff": 2},
)


def test_a_filled_form_becomes_a_round():
    r = to_round_input(FILLED)
    assert r.scheme == "Smart Ideas" and r.funder_id == 3
    assert r.closes_at == datetime(2025, 3, 4, 23, 0, tzinfo=UTC)
    assert r.pool == Decimal("17000000.00") and r.min_award == Decimal("400000.00")
    assert r.expected_awards == 47 and r.offsets == {"intent": 15, "draft": 5, "signoff": 2}


def test_the_form_shows_a_saved_round_as_it_was_typed():
    again = from_round_input(to_round_input(FILLED))
    assert again.closes_day == date(2025, 3, 5) and again.closes_time == time(12, 0)
    assert again.pool == "17,000,000" and again.max_award == "1,000,000"
    assert to_round_input(again) == to_round_input(FILLED)


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"funder_id": None}, "Funder", "choose a funder"),
        ({"closes_day": None}, "Closes", "choose the closing date"),
        ({"opens_day": date(2025, 4, 1)}, "Closes", "is not after the round opens"),
        ({"pool": "-1"}, "Pool", "must not be negative"),
        ({"success_rate": "lots"}, "Success rate", "is not a percentage"),
        ({"min_award": "2m"}, "Minimum award", "is more than the maximum award"),
        ({"decision_expected": date(2025, 1, 1)}, "Decision expected", "is before the round closes"),
        ({"url": "www.mbie.govt.nz"}, "Link", "must be a web address"),
        ({"timezone": "Middle Earth"}, "Time zone", "is not a time zone"),
        ({"closes_time": time(2, 30), "closes_day": date(2026, 9, 27), "opens_day": None}, "Closes", "does not exist"),
        ({"offsets": {"intent": 2, "draft": 5, "signoff": 2}}, "Milestones", "must not come before"),
        ({"scheme": "  "}, "Scheme", "must not be empty"),
    ],
)
def test_each_problem_is_named_by_its_field(changes, field, reason):
    form = RoundForm(**{**FILLED.__dict__, **changes})
    with pytest.raises(InvalidInput) as raised:
        to_round_input(form)
    assert any(p.where == field and reason in p.reason for p in raised.value.problems), raised.value.problems
