"""Money is typed one way on every form: a round's pool, a requested amount, a grant, an award.

Each form's reader is the one rule in research/domain/money.py, so the same text is accepted or
refused alike everywhere (issue: "360k" was accepted for a pool and refused for a requested amount).
"""

from decimal import Decimal

import pytest

from research.domain.errors import InvalidInput
from research.domain.grant_rows import grant_amount
from research.domain.round_form import RoundForm, to_round_input
from research.services.drafting.applications import parse_amount
from research.services.review.lifecycle import _money as award_amount
from tests.unit.rounds.test_rounds_form import FILLED


def pool(text: str) -> Decimal | None:
    return to_round_input(RoundForm(**{**FILLED.__dict__, "pool": text, "min_award": "", "max_award": ""})).pool


READERS = {
    "round pool": pool,
    "requested amount": lambda text: parse_amount(text, "NZD"),
    "cluster grant": grant_amount,
    "amount awarded": lambda text: award_amount(text, "NZD", "amount awarded"),
}


@pytest.mark.parametrize("reader", READERS, ids=str)
@pytest.mark.parametrize(
    ("text", "amount"),
    [("360k", "360000"), ("360K", "360000"), ("$1.2m", "1200000"), ("1,200,000", "1200000"), ("NZD 950,000", "950000")],
)
def test_every_money_field_accepts_the_same_text(reader, text, amount):
    assert READERS[reader](text) == Decimal(amount)


@pytest.mark.parametrize("reader", READERS, ids=str)
@pytest.mark.parametrize("text", ["lots", "1e6", "1.234,50", "360.555", "USD 5,000"])
def test_every_money_field_refuses_the_same_text(reader, text):
    with pytest.raises((ValueError, InvalidInput)):
        READERS[reader](text)
