"""Plain-text and HTML bodies from the template files next to this module (Jinja2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

_env = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)


def render(template: str, **values: Any) -> tuple[str, str]:
    """(text, html) from templates/<name>.txt and templates/<name>.html."""
    text = _env.get_template(f"{template}.txt").render(**values)
    html = _env.get_template(f"{template}.html").render(**values)
    return text, html
