"""The acting user, as every service receives it."""

from __future__ import annotations

from dataclasses import dataclass, field

from research.domain.locale import workspace_locale
from research.domain.roles import Role


@dataclass(frozen=True)
class Actor:
    id: int
    username: str
    display_name: str
    role: Role
    must_change_password: bool = False
    timezone: str = field(default_factory=lambda: workspace_locale().timezone)

    @classmethod
    def from_user(cls, user) -> Actor:
        return cls(user.id, user.username, user.display_name, Role(user.role), user.must_change_password, user.timezone)
