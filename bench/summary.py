"""One row per measured figure, and the table `python -m bench` ends with."""

from __future__ import annotations

from dataclasses import dataclass

COLUMNS = ("benchmark", "figure", "floor", "ratio", "target", "ok?")


@dataclass(frozen=True)
class Result:
    """A figure against its floor (the same work done the plainest way, or the demo data)."""

    benchmark: str
    figure: str
    floor: str
    ratio: float | None
    target: str
    ok: bool


def ratio_result(
    benchmark: str, figure: float, floor: float, limit: float, unit: str = "ms", floor_label: str = ""
) -> Result:
    ratio = figure / floor if floor else float("inf")
    return Result(
        benchmark, f"{figure:,.1f} {unit}", f"{floor_label}{floor:,.1f} {unit}", ratio, f"<= {limit:g}x", ratio <= limit
    )


def ceiling_result(benchmark: str, figure: float, ceiling: float, unit: str = "MB") -> Result:
    return Result(benchmark, f"{figure:,.0f} {unit}", "—", None, f"< {ceiling:,.0f} {unit}", figure < ceiling)


def table(results: list[Result]) -> str:
    rows = [COLUMNS] + [
        (
            r.benchmark,
            r.figure,
            r.floor,
            "—" if r.ratio is None else f"{r.ratio:.2f}x",
            r.target,
            "yes" if r.ok else "NO",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    met = sum(r.ok for r in results)
    return "\n".join(lines) + f"\n{met} of {len(results)} figures within their targets"
