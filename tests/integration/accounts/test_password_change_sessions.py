"""Issue 12: changing your own password ends your other sessions, as an admin reset does."""

from research.domain.roles import Role
from research.services.accounts import auth
from research.services.accounts.users import change_own_password

PASSWORD = "correct horse battery"  # pragma: allowlist secret (a made-up password for tests)
NEW = "a brand new passphrase"  # pragma: allowlist secret (a made-up password for tests)


def test_changing_your_own_password_ends_your_other_sessions(uow, make_actor):
    hana = make_actor(Role.RESEARCHER, "hana")
    here = auth.login(uow, "hana", PASSWORD).token
    elsewhere = auth.login(uow, "hana", PASSWORD).token
    change_own_password(uow, hana, PASSWORD, NEW, keep_token=here)
    assert auth.resolve(uow, elsewhere, 120) is None
    assert auth.resolve(uow, here, 120).username == "hana"
