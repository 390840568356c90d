"""A template draft as editable rows (one per section / shared limit), and back to a mapping.

The preview of an imported form edits these rows; the mapping they give back goes to
parse_template, which names any row that is wrong (e.g. "sections[3].limit.max"). A row's
"order" puts it in its place; "found in" (where the form had it) is only shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from research.domain.export_document import slug

SECTION_COLUMNS = (
    "order",
    "title",
    "limit unit",
    "limit max",
    "as written",
    "found in",
    "required",
    "key",
    "guidance",
)
SHARED_COLUMNS = ("title", "sections", "limit unit", "limit max", "as written", "found in", "key")
SHOWN_ONLY = ("order", "found in", "as written")
HEAD_FIELDS = ("name", "key", "funder", "scheme", "version")


def section_rows(
    data: dict[str, Any], origins: Mapping[str, str] | None = None, phrases: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """One row per section; `origins` says where in the form each key was found, `phrases` its limit as written."""
    return [
        {
            "order": number,
            "title": s["title"],
            "key": s["key"],
            "limit unit": (s.get("limit") or {}).get("unit", ""),
            "limit max": (s.get("limit") or {}).get("max"),
            "required": s.get("required", True),
            "as written": (phrases or {}).get(s["key"], ""),
            "found in": (origins or {}).get(s["key"], ""),
            "guidance": s.get("guidance", ""),
        }
        for number, s in enumerate(data.get("sections", []), start=1)
    ]


def shared_rows(
    data: dict[str, Any], origins: Mapping[str, str] | None = None, phrases: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    return [
        {
            "title": g["title"],
            "key": g["key"],
            "sections": ", ".join(g["sections"]),
            "limit unit": g["limit"]["unit"],
            "limit max": g["limit"]["max"],
            "as written": (phrases or {}).get(g["key"], ""),
            "found in": (origins or {}).get(g["key"], ""),
        }
        for g in data.get("shared_limits", [])
    ]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _whole(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _limit(row: dict[str, Any]) -> dict[str, Any] | None:
    unit, maximum = _text(row.get("limit unit")), row.get("limit max")
    if not unit and maximum is None:
        return None
    limit: dict[str, Any] = {"unit": unit}
    if maximum is not None:
        limit["max"] = _whole(maximum)
    return limit


def _blank(row: dict[str, Any]) -> bool:
    return all(v is None or v == "" or isinstance(v, bool) for k, v in row.items() if k not in SHOWN_ONLY)


def _in_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows sorted by their "order" number; rows without one keep their place after the numbered ones."""

    def place(item: tuple[int, dict[str, Any]]) -> tuple[float, int]:
        index, row = item
        order = row.get("order")
        number = float(order) if isinstance(order, int | float) and order == order else float("inf")
        return number, index

    return [row for _, row in sorted(enumerate(rows), key=place)]


def template_from_rows(
    head: dict[str, Any],
    sections: list[dict[str, Any]],
    shared: list[dict[str, Any]],
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The template mapping from the preview's fields and rows (blank rows are dropped).

    `extra` carries what the preview does not edit (page format, sources).
    """
    data: dict[str, Any] = {name: _text(head.get(name)) for name in HEAD_FIELDS}
    data["sections"] = []
    for row in _in_order([r for r in sections if not _blank(r)]):
        title = _text(row.get("title"))
        section: dict[str, Any] = {
            "key": _text(row.get("key")) or slug(title),
            "title": title,
            "guidance": _text(row.get("guidance")),
            "required": row.get("required") is not False,
        }
        if (limit := _limit(row)) is not None:
            section["limit"] = limit
        data["sections"].append(section)
    groups = []
    for row in (r for r in shared if not _blank(r)):
        title = _text(row.get("title"))
        names = [n.strip() for n in _text(row.get("sections")).split(",") if n.strip()]
        groups.append(
            {"key": _text(row.get("key")) or slug(title), "title": title, "sections": names, "limit": _limit(row) or {}}
        )
    if groups:
        data["shared_limits"] = groups
    for name, value in (extra or {}).items():
        data.setdefault(name, value)
    return data
