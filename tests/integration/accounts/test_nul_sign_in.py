"""Input with NUL bytes is refused with a message: sign-in (PostgreSQL answered with a server error)."""

import pytest

from research.domain.roles import Role
from research.services.accounts import auth


@pytest.mark.parametrize(("username", "password"), [("adm\x00in", "secret"), ("admin", "pass\x00word")])
def test_sign_in_with_nul_bytes_is_refused_with_a_message(uow, make_actor, username, password):
    make_actor(Role.ADMIN, "admin")
    with pytest.raises(auth.LoginRefused) as refused:
        auth.login(uow, username, password)
    assert refused.value.code == "nul" and "character" in str(refused.value)
