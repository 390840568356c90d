"""Issue 12: search text SQLite's LIKE cannot take, or holding a NUL, gets a clear answer in the rounds lists too."""

import pytest

from research.domain.errors import InvalidInput
from research.domain.roles import Role
from research.services.rounds import editing
from research.services.rounds.calendar import list_rounds
from research.services.rounds.queries import RoundFilter
from tests.integration.rounds_helpers import add_funders_and_clusters, add_round


@pytest.fixture
def manager(uow, make_actor):
    manager = make_actor(Role.MANAGER)
    ids = add_funders_and_clusters(uow, manager)
    add_round(uow, manager, ids, scheme="Fast%Start")
    add_round(uow, manager, ids, scheme="Standard")
    return manager


def schemes(uow, manager, text: str) -> list[str]:
    return list_rounds(uow, manager, RoundFilter(text=text))["scheme"].tolist()


def test_round_search_wildcards_match_themselves(uow, manager):
    assert schemes(uow, manager, "%") == ["Fast%Start"]
    assert schemes(uow, manager, "  stand   ard ") == [] and schemes(uow, manager, " standard ") == ["Standard"]


@pytest.mark.parametrize("text", ["%" * 30_000, "x" * 60_000])
def test_round_search_too_long_for_like_gets_a_clear_message(uow, manager, text):
    with pytest.raises(InvalidInput, match=r"Search: is [\d,]+ characters long; search for up to 200"):
        list_rounds(uow, manager, RoundFilter(text=text))
    with pytest.raises(InvalidInput, match=r"Search: is [\d,]+ characters long"):
        editing.find_rounds(uow, manager, text)


def test_round_search_with_a_nul_names_the_search_box(uow, manager):
    with pytest.raises(InvalidInput) as refused:
        list_rounds(uow, manager, RoundFilter(text="Fast\x00"))
    assert [p.where for p in refused.value.problems] == ["Search"]
