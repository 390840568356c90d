"""Plotly figures as PNG images, rendered offline by kaleido in the system's Chromium.

Kaleido 1.x drives a Chrome; here it is Debian's /usr/bin/chromium (BROWSER_PATH overrides).
MathJax is switched off because kaleido would fetch it from a CDN; plotly.js comes from the
plotly package, so nothing is downloaded. One browser renders every figure of a report.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path

import kaleido

DEFAULT_BROWSER = "/usr/bin/chromium"
WIDTH, HEIGHT, SCALE = 1000, 480, 2
TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class Rendered:
    images: tuple[bytes | None, ...]
    problem: str = ""  # why there are no images, when there are none


def browser_path() -> str:
    return os.environ.get("BROWSER_PATH") or DEFAULT_BROWSER


def render_pngs(figures) -> Rendered:
    """Every figure as a PNG; if the browser cannot run, no images and the reason."""
    path = browser_path()
    if not Path(path).exists():
        return Rendered(tuple(None for _ in figures), f"no browser to draw charts with at {path}")
    try:
        return Rendered(tuple(_run(_render_all([f.to_dict() for f in figures], path))))
    except Exception as exc:  # noqa: BLE001 - any failure of the browser means: report without images
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return Rendered(tuple(None for _ in figures), f"the chart images could not be drawn ({reason})")


def _run(coroutine):
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    # Called from inside an event loop (a server): render in a thread of its own.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _render_all(figure_dicts: list[dict], path: str) -> list[bytes]:
    options = {"format": "png", "width": WIDTH, "height": HEIGHT, "scale": SCALE}
    async with kaleido.Kaleido(path=path, mathjax=False, timeout=TIMEOUT_SECONDS) as renderer:
        return [await renderer.calc_fig(figure, opts=options) for figure in figure_dicts]
