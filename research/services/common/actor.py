"""The acting user, as every service receives it, and the command-line operator.

The operator is whoever runs `python -m research ...` on the server. It has no account: it acts
in the role a command needs (an admin to create users, a manager to import ledgers) and passes
the very same permission checks as a signed-in user of that role. Nothing skips a check for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from research.domain.errors import PermissionDenied
from research.domain.locale import workspace_locale
from research.domain.roles import Role

OPERATOR_ID = 0  # no user row has id 0; the audit log credits the operator to no user (audit_id None)

if TYPE_CHECKING:
    from research.db.models import User


@dataclass(frozen=True)
class Actor:
    id: int
    username: str
    display_name: str
    role: Role
    must_change_password: bool = False
    timezone: str = field(default_factory=lambda: workspace_locale().timezone)
    is_operator: bool = False

    @classmethod
    def from_user(cls, user: User) -> Actor:
        return cls(user.id, user.username, user.display_name, Role(user.role), user.must_change_password, user.timezone)

    @classmethod
    def operator(cls, role: Role) -> Actor:
        """The command line, acting in `role` for one command."""
        return cls(OPERATOR_ID, "command-line", "Command line", role, is_operator=True)

    @property
    def audit_id(self) -> int | None:
        """The user credited in the audit log and created-by columns: nobody for the operator."""
        return None if self.is_operator else self.id


def require_account(actor: Actor) -> None:
    """For what only a signed-in person has: their own password, time zone, open sections."""
    if actor.is_operator:
        raise PermissionDenied("The command line has no account of its own; sign in as a user to do this.")
