"""Who may do what: the permissions table, by role."""

from __future__ import annotations

from enum import StrEnum

from research.domain.errors import PermissionDenied


class Role(StrEnum):
    RESEARCHER = "researcher"
    REVIEWER = "reviewer"
    MANAGER = "manager"
    ADMIN = "admin"

    @property
    def article(self) -> str:
        return "an" if self.value[0] in "aeiou" else "a"


class Action(StrEnum):
    READ_ROUNDS = "read funding rounds"
    MANAGE_ROUNDS = "create, edit and archive funding rounds"
    DRAFT_APPLICATIONS = "start and draft applications"
    REVIEW_APPLICATIONS = "review applications"
    VIEW_ROI_SUMMARY = "see the return summary"
    VIEW_ROI_DASHBOARD = "see the full return dashboard"
    MANAGE_LEDGERS = "record cluster grants and awards"
    MANAGE_USERS = "manage accounts and roles"
    MANAGE_TEMPLATES = "add application templates"
    OVERSEE_APPLICATIONS = "oversee every application"
    MANAGE_WORKSPACE = "change the workspace settings and exchange rates"


_EVERYONE = {Action.READ_ROUNDS, Action.VIEW_ROI_SUMMARY}

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.RESEARCHER: frozenset(_EVERYONE | {Action.DRAFT_APPLICATIONS, Action.REVIEW_APPLICATIONS}),
    Role.REVIEWER: frozenset(_EVERYONE | {Action.REVIEW_APPLICATIONS}),
    Role.MANAGER: frozenset(
        _EVERYONE
        | {
            Action.MANAGE_ROUNDS,
            Action.VIEW_ROI_DASHBOARD,
            Action.MANAGE_LEDGERS,
            Action.OVERSEE_APPLICATIONS,
        }
    ),
    Role.ADMIN: frozenset(
        _EVERYONE
        | {
            Action.MANAGE_ROUNDS,
            Action.MANAGE_USERS,
            Action.MANAGE_TEMPLATES,
            Action.VIEW_ROI_DASHBOARD,
            Action.MANAGE_WORKSPACE,
        }
    ),
}


def can(role: Role | str, action: Action) -> bool:
    return action in PERMISSIONS[Role(role)]


def require(role: Role | str, action: Action) -> None:
    if not can(role, action):
        role = Role(role)
        raise PermissionDenied(f"{role.article.capitalize()} {role.value} may not {action.value}.")
