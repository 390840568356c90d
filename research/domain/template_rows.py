"""A template draft as editable rows (one per section / shared limit), and back to a mapping.

The preview of an imported form edits these rows; the mapping they give back goes to
parse_template, which names any row that is wrong (e.g. "sections[3].limit.max").
"""

from __future__ import annotations

from typing import Any

from research.domain.export_document import slug

SECTION_COLUMNS = ("title", "key", "limit unit", "limit max", "required", "guidance")
SHARED_COLUMNS = ("title", "key", "sections", "limit unit", "limit max")
HEAD_FIELDS = ("name", "key", "funder", "scheme", "version")


def section_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "title": s["title"],
            "key": s["key"],
            "limit unit": (s.get("limit") or {}).get("unit", ""),
            "limit max": (s.get("limit") or {}).get("max"),
            "required": s.get("required", True),
            "guidance": s.get("guidance", ""),
        }
        for s in data.get("sections", [])
    ]


def shared_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "title": g["title"],
            "key": g["key"],
            "sections": ", ".join(g["sections"]),
            "limit unit": g["limit"]["unit"],
            "limit max": g["limit"]["max"],
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
    return all(v is None or v == "" or isinstance(v, bool) for v in row.values())


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
    for row in (r for r in sections if not _blank(r)):
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
