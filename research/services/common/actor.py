"""The acting user, as every service receives it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from research.domain.roles import Role

if TYPE_CHECKING:
    from research.db.models import User


@dataclass(frozen=True)
class Actor:
    id: int
    username: str
    display_name: str
    role: Role
    must_change_password: bool = False
    timezone: str = "Pacific/Auckland"

    @classmethod
    def from_user(cls, user: User) -> Actor:
        return cls(user.id, user.username, user.display_name, Role(user.role), user.must_change_password, user.timezone)
