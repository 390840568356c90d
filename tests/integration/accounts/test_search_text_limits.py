"""Search text SQLite's LIKE cannot take (wildcards, backslashes, very long patterns) gets a clear answer."""

import pytest

from research.domain.errors import InvalidInput
from research.domain.roles import Role
from research.services.accounts.users import find_users


@pytest.fixture
def admin(make_actor):
    for name in ("full%match", "under_score", "back\\slash", "underxscore", "plain"):
        make_actor(Role.RESEARCHER, name)
    return make_actor(Role.ADMIN, "admin")


def names(uow, admin, search: str) -> list[str]:
    return [u.username for u in find_users(uow, admin, search).items]


def test_search_wildcards_and_backslashes_match_themselves(uow, admin):
    assert names(uow, admin, "%") == ["full%match"]
    assert names(uow, admin, "r_s") == ["under_score"]
    assert names(uow, admin, "k\\s") == ["back\\slash"]
    assert names(uow, admin, "\\") == ["back\\slash"]


def test_search_text_too_long_for_like_gets_a_clear_message(uow, admin):
    for text in ("%" * 30_000, "a_" * 30_000, "x" * 60_000):
        with pytest.raises(InvalidInput, match=r"Search: is [\d,]+ characters long; search for up to 200"):
            find_users(uow, admin, text)
    with pytest.raises(InvalidInput, match=r"Search: contains a NUL character"):
        find_users(uow, admin, "pl\x00ain")
    assert names(uow, admin, "plain") == ["plain"]
