"""What an application keeps of its template: the copied spec, and each section's limit columns.

Read here, once, with one failure behaviour: nothing stored means "none"; something stored that
cannot be read is refused with a message naming whose it is, never silently taken as "none".
"""

from __future__ import annotations

from typing import Any

from research.domain.errors import DomainError, InvalidInput
from research.domain.template_spec import LIMIT_UNITS, Limit, TemplateSpec, parse_template

REPAIR = "Ask an admin to repair it."


def copied_template(data: Any, title: str) -> TemplateSpec | None:
    """The template copied into application `title`; None for one started without a template."""
    if not data:
        return None
    try:
        return parse_template(data, "the application's template")
    except InvalidInput as exc:
        raise DomainError(f"The template stored with “{title}” cannot be read ({exc}). {REPAIR}") from None


def stored_limit(unit: str | None, maximum: int | None, title: str) -> Limit | None:
    """Section `title`'s limit from its columns; None when it has none."""
    if unit is None and maximum is None:
        return None
    if unit not in LIMIT_UNITS or maximum is None or maximum <= 0:
        raise DomainError(f"The limit stored with section “{title}” ({maximum!r} {unit!r}) cannot be read. {REPAIR}")
    return Limit(unit, maximum)
