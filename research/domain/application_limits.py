"""An application's limits checked together: each section's own, and the shared ones."""

from __future__ import annotations

from dataclasses import dataclass

from research.domain.counting import LimitCheck, check, check_shared, measure
from research.domain.section_rules import is_empty
from research.domain.template_spec import Limit, PageFormat, SharedLimit


@dataclass(frozen=True)
class SharedCheck:
    key: str
    title: str
    sections: tuple[str, ...]
    check: LimitCheck


@dataclass(frozen=True)
class ApplicationChecks:
    sections: dict[str, LimitCheck]
    shared: tuple[SharedCheck, ...]

    def shared_over_for(self, section_key: str) -> tuple[SharedCheck, ...]:
        return tuple(s for s in self.shared if section_key in s.sections and s.check.over)


def check_application(
    bodies: dict[str, str], limits: dict[str, Limit | None], shared: tuple[SharedLimit, ...], page: PageFormat
) -> ApplicationChecks:
    own = {key: check(bodies.get(key, ""), limits.get(key), page) for key in limits}
    groups = tuple(
        SharedCheck(
            group.key,
            group.title,
            group.sections,
            check_shared([bodies.get(k, "") for k in group.sections], group.limit, page),
        )
        for group in shared
    )
    return ApplicationChecks(own, groups)


def shared_with_text(group: SharedLimit, others_used: float, text: str, page: PageFormat) -> LimitCheck:
    """A shared limit with one section's text replaced by what is being typed."""
    return LimitCheck(others_used + measure(text, group.limit.unit, page), group.limit)


def ready_problems(body: str, own: LimitCheck, shared: list[tuple[str, LimitCheck]]) -> list[str]:
    """Why a section may not be marked ready (empty, over its limit, or a shared limit it is
    part of is over); empty when it may."""
    problems = []
    if is_empty(body):
        problems.append("it is empty")
    if own.over:
        problems.append(f"it is over its limit ({own.describe()})")
    problems += [f"{title} are over their shared limit ({c.describe()})" for title, c in shared if c.over]
    return problems
