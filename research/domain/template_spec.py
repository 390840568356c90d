"""The shape of an application template: sections, limits, checklist and rubric.

A template arrives as a plain mapping (from TOML, a .docx import or stored JSON);
`parse_template` checks every key and returns frozen dataclasses, or raises
InvalidInput naming each key that is wrong. `template_to_dict` is its inverse,
used to copy a template into an application.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from research.domain.errors import InvalidInput, Problem

LIMIT_UNITS = ("words", "characters", "lines", "pages")
BEST = ("high", "low")


@dataclass(frozen=True)
class Limit:
    unit: str
    max: int


PAGE_RULES = ("paper", "margins_cm", "font", "font_size_pt", "line_spacing", "headers_footers")


@dataclass(frozen=True)
class PageFormat:
    """The page a section is laid out on.

    The numeric fields always hold a value (the export and the page estimate need one); `stated`
    names the rules the funder actually states. A rule not in `stated` is "not stated": its value
    is only the export default, never shown as the funder's rule.
    """

    paper: str = "A4"
    margins_cm: float = 2.0
    font: str = "Times New Roman"
    font_size_pt: float = 12.0
    line_spacing: float = 1.0
    # None: not stated; False: the funder forbids headers and footers; True: allowed.
    headers_footers: bool | None = None
    stated: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = set(self.stated) - set(PAGE_RULES)
        if unknown:
            raise ValueError(f"not page rules: {sorted(unknown)}")
        # One order, so that equal rules compare equal however they were listed.
        object.__setattr__(self, "stated", tuple(rule for rule in PAGE_RULES if rule in self.stated))

    def is_stated(self, rule: str) -> bool:
        return rule in self.stated


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    guidance: str = ""
    required: bool = True
    limit: Limit | None = None


@dataclass(frozen=True)
class SharedLimit:
    key: str
    title: str
    sections: tuple[str, ...]
    limit: Limit


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    text: str
    required: bool = True


@dataclass(frozen=True)
class Scale:
    """A numeric scale (min..max, step) or, when `ratings` is set, named ratings."""

    min: float = 0
    max: float = 0
    step: float = 1
    best: str = "high"
    ratings: tuple[str, ...] = ()

    @property
    def is_numeric(self) -> bool:
        return not self.ratings


@dataclass(frozen=True)
class Criterion:
    key: str
    title: str
    scale: Scale
    guidance: str = ""
    weight: float = 1.0
    threshold: float | None = None
    pass_rating: str | None = None
    # The funder's own words for what the criterion looks at (matched against the draft's text).
    describes: tuple[str, ...] = ()
    # A criterion of the cluster's own internal review, not one the funder's panel scores.
    internal: bool = False


@dataclass(frozen=True)
class Rubric:
    criteria: tuple[Criterion, ...] = ()
    overall_threshold: float | None = None


@dataclass(frozen=True)
class TemplateSpec:
    key: str
    name: str
    funder: str
    scheme: str
    version: str
    sections: tuple[SectionSpec, ...]
    page: PageFormat = field(default_factory=PageFormat)
    shared_limits: tuple[SharedLimit, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()
    rubric: Rubric = field(default_factory=Rubric)
    sources: tuple[str, ...] = ()

    def section(self, key: str) -> SectionSpec:
        return next(s for s in self.sections if s.key == key)


class _Reader:
    """Reads typed values out of a mapping, collecting a Problem per bad key."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems

    def get(self, data: Any, where: str, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        path = f"{where}.{key}" if where else key
        if not isinstance(data, dict):
            self.problems.append(Problem(where or "template", "must be a table of keys"))
            return None if default is ... else default
        if key not in data:
            if default is ...:
                self.problems.append(Problem(path, "is missing"))
                return None
            return default
        value = data[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value) if abs(value) < 1e300 else math.inf
        if kind in (int, float) and isinstance(value, float) and not math.isfinite(value):
            self.problems.append(Problem(path, f"must be a finite number, not {value!r}"))
            return None
        if isinstance(value, bool) and kind in (int, float):
            self.problems.append(Problem(path, f"must be a number, not {value!r}"))
            return None
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            self.problems.append(Problem(path, f"must be {_article(names)}, not {value!r}"))
            return None
        if isinstance(value, str) and kind is str and not value.strip() and default is ...:
            self.problems.append(Problem(path, "must not be empty"))
            return None
        return value


def _article(name: str) -> str:
    words = {
        "str": "text",
        "int": "a whole number",
        "float": "a number",
        "bool": "true or false",
        "list": "a list",
        "dict": "a table",
    }
    return words.get(name, name)


MAX_LIMIT = 1_000_000  # no funder's limit comes near; larger ones would not fit the database's integers


def _limit(r: _Reader, data: Any, where: str) -> Limit | None:
    if data is None:
        return None
    unit = r.get(data, where, "unit", str)
    maximum = r.get(data, where, "max", int)
    if unit is not None and unit not in LIMIT_UNITS:
        r.problems.append(Problem(f"{where}.unit", f"must be one of {', '.join(LIMIT_UNITS)}, not {unit!r}"))
        return None
    if maximum is not None and maximum <= 0:
        r.problems.append(Problem(f"{where}.max", f"must be more than 0, not {maximum}"))
        return None
    if maximum is not None and maximum > MAX_LIMIT:
        r.problems.append(Problem(f"{where}.max", f"must be at most {MAX_LIMIT:,}"))
        return None
    return Limit(unit, maximum) if unit and maximum else None


def _keyed(r: _Reader, items: Any, where: str, build: Callable[[_Reader, Any, str], Any]) -> tuple[Any, ...]:
    if not isinstance(items, list):
        r.problems.append(Problem(where, "must be a list"))
        return ()
    built, seen = [], set()
    for index, item in enumerate(items, start=1):
        here = f"{where}[{index}]"
        key = r.get(item, here, "key", str)
        if key in seen:
            r.problems.append(Problem(f"{here}.key", f"{key!r} is used twice"))
        seen.add(key)
        value = build(r, item, here)
        if value is not None:
            built.append(value)
    return tuple(built)


def _section(r: _Reader, item: Any, here: str) -> SectionSpec | None:
    key, title = r.get(item, here, "key", str), r.get(item, here, "title", str)
    guidance = r.get(item, here, "guidance", str, "")
    required = r.get(item, here, "required", bool, True)
    limit = _limit(r, item.get("limit") if isinstance(item, dict) else None, f"{here}.limit")
    if key and title:
        return SectionSpec(key, title, guidance or "", bool(required), limit)
    return None


def _shared(r: _Reader, item: Any, here: str) -> SharedLimit | None:
    key, title = r.get(item, here, "key", str), r.get(item, here, "title", str)
    sections = r.get(item, here, "sections", list)
    limit = _limit(r, r.get(item, here, "limit", dict), f"{here}.limit")
    if key and title and sections and limit:
        return SharedLimit(key, title, tuple(str(s) for s in sections), limit)
    return None


def _check_item(r: _Reader, item: Any, here: str) -> ChecklistItem | None:
    key, text = r.get(item, here, "key", str), r.get(item, here, "text", str)
    required = r.get(item, here, "required", bool, True)
    return ChecklistItem(key, text, bool(required)) if key and text else None


def _scale(r: _Reader, data: Any, where: str) -> Scale | None:
    ratings = r.get(data, where, "ratings", list, [])
    if ratings:
        return Scale(ratings=tuple(str(x) for x in ratings))
    low, high = r.get(data, where, "min", float), r.get(data, where, "max", float)
    step = r.get(data, where, "step", float, 1.0)
    best = r.get(data, where, "best", str, "high")
    if None in (low, high, step):
        return None
    if high <= low:
        r.problems.append(Problem(f"{where}.max", f"must be more than min ({low:g}), not {high:g}"))
        return None
    if step <= 0 or step > high - low:
        r.problems.append(Problem(f"{where}.step", f"must be between 0 and {high - low:g}"))
        return None
    if best not in BEST:
        r.problems.append(Problem(f"{where}.best", f"must be 'high' or 'low', not {best!r}"))
        return None
    return Scale(low, high, step, best)


def _criterion(r: _Reader, item: Any, here: str) -> Criterion | None:
    key, title = r.get(item, here, "key", str), r.get(item, here, "title", str)
    scale = _scale(r, r.get(item, here, "scale", dict), f"{here}.scale")
    weight = r.get(item, here, "weight", float, 1.0)
    threshold = r.get(item, here, "threshold", float, None)
    pass_rating = r.get(item, here, "pass_rating", str, None)
    guidance = r.get(item, here, "guidance", str, "")
    describes = _phrases(r, r.get(item, here, "describes", list, []), f"{here}.describes")
    internal = r.get(item, here, "internal", bool, False)
    if weight is not None and weight < 0:
        r.problems.append(Problem(f"{here}.weight", "must not be negative"))
    if scale and threshold is not None and scale.is_numeric and not scale.min <= threshold <= scale.max:
        r.problems.append(Problem(f"{here}.threshold", f"must lie on the scale {scale.min:g}-{scale.max:g}"))
    if scale and pass_rating is not None and pass_rating not in scale.ratings:
        r.problems.append(Problem(f"{here}.pass_rating", f"must be one of the ratings, not {pass_rating!r}"))
    if key and title and scale:
        return Criterion(
            key, title, scale, guidance or "", weight or 0.0, threshold, pass_rating, describes, bool(internal)
        )
    return None


def _phrases(r: _Reader, items: Any, where: str) -> tuple[str, ...]:
    if not all(isinstance(item, str) and item.strip() for item in items or []):
        r.problems.append(Problem(where, "must be a list of phrases (non-empty text)"))
        return ()
    return tuple(item.strip() for item in items or [])


def _check_shared_refs(r: _Reader, sections: Sequence[SectionSpec], shared: Sequence[SharedLimit]) -> None:
    known = {s.key for s in sections}
    for index, group in enumerate(shared, start=1):
        for name in group.sections:
            if name not in known:
                r.problems.append(Problem(f"shared_limits[{index}].sections", f"names unknown section {name!r}"))


# Beyond these a page cannot be laid out, and the line and page estimates divide by nearly nothing.
PAGE_RANGES = {"margins_cm": (0.1, 10.0), "font_size_pt": (1.0, 100.0), "line_spacing": (0.5, 5.0)}


def _page(r: _Reader, data: Any) -> PageFormat:
    """A [page] table: each rule present is one the funder states; the rest take the export default."""
    if data is None:
        return PageFormat()
    defaults = PageFormat()
    headers_footers = r.get(data, "page", "headers_footers", bool, None)
    values = {
        "paper": r.get(data, "page", "paper", str, defaults.paper),
        "margins_cm": r.get(data, "page", "margins_cm", float, defaults.margins_cm),
        "font": r.get(data, "page", "font", str, defaults.font),
        "font_size_pt": r.get(data, "page", "font_size_pt", float, defaults.font_size_pt),
        "line_spacing": r.get(data, "page", "line_spacing", float, defaults.line_spacing),
    }
    for name, (low, high) in PAGE_RANGES.items():
        if values[name] is not None and values[name] <= 0:
            r.problems.append(Problem(f"page.{name}", "must be more than 0"))
        elif values[name] is not None and not low <= values[name] <= high:
            r.problems.append(Problem(f"page.{name}", f"must be between {low:g} and {high:g}"))
    stated = tuple(rule for rule in PAGE_RULES if isinstance(data, dict) and data.get(rule) is not None)
    return PageFormat(
        **{k: (v if v is not None else getattr(defaults, k)) for k, v in values.items()},
        headers_footers=headers_footers,
        stated=stated,
    )


def parse_template(data: Any, source: str = "template") -> TemplateSpec:
    """Check a template mapping; raise InvalidInput naming `source` and each bad key."""
    problems: list[Problem] = []
    r = _Reader(problems)
    head = {k: r.get(data, "", k, str) for k in ("key", "name", "funder", "scheme", "version")}
    if not isinstance(data, dict):
        raise InvalidInput(Problem(source, "must be a table of keys"))
    sections = _keyed(r, data.get("sections", None), "sections", _section)
    if not sections and "sections" in data:
        problems.append(Problem("sections", "must list at least one section"))
    elif "sections" not in data:
        problems.append(Problem("sections", "is missing"))
    shared = _keyed(r, data.get("shared_limits", []), "shared_limits", _shared)
    _check_shared_refs(r, sections, shared)
    checklist = _keyed(r, data.get("checklist", []), "checklist", _check_item)
    rubric_data = r.get(data, "", "rubric", dict, {})
    criteria = _keyed(r, (rubric_data or {}).get("criteria", []), "rubric.criteria", _criterion)
    overall = r.get(rubric_data or {}, "rubric", "overall_threshold", float, None)
    sources = r.get(data, "", "sources", list, [])
    page = _page(r, data.get("page"))
    if problems:
        raise InvalidInput([Problem(f"{source}: {p.where}" if p.where else source, p.reason) for p in problems])
    return TemplateSpec(
        sections=sections,
        page=page,
        shared_limits=shared,
        checklist=checklist,
        rubric=Rubric(criteria, overall),
        sources=tuple(str(s) for s in sources),
        **head,
    )


def template_to_dict(spec: TemplateSpec) -> dict[str, Any]:
    """A plain mapping that parse_template reads back to an equal spec."""
    data = asdict(spec)
    data["page"] = {rule: data["page"][rule] for rule in spec.page.stated}
    for section in data["sections"]:
        if section["limit"] is None:
            del section["limit"]
    for criterion in data["rubric"]["criteria"]:
        for name in ("threshold", "pass_rating"):
            if criterion[name] is None:
                del criterion[name]
        if not criterion["describes"]:
            del criterion["describes"]
        if not criterion["internal"]:
            del criterion["internal"]
        scale = criterion["scale"]
        if scale["ratings"]:
            criterion["scale"] = {"ratings": list(scale["ratings"])}
        else:
            del scale["ratings"]
    if data["rubric"]["overall_threshold"] is None:
        del data["rubric"]["overall_threshold"]
    plain: dict[str, Any] = _lists(data)
    return plain


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
    return value
