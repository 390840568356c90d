"""Errors the services raise; each message is fit to show a user as it is."""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    """A request the rules refuse. str(error) says what was wrong."""


class NotFound(DomainError):
    pass


class PermissionDenied(DomainError):
    pass


class Conflict(DomainError):
    pass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and why it is wrong."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}" if self.where else self.reason


class InvalidInput(DomainError):
    """One or more problems with an input; nothing was changed."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class DatabaseBusy(DomainError):
    """Other writes held the database longer than a save may wait; nothing was changed."""

    def __init__(self) -> None:
        super().__init__(
            "The workspace is busy with other people's changes right now, so nothing was saved. "
            "Please try again in a moment."
        )
