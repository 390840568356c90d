"""Where a template's own reference .docx lives: templates/<key>.reference.docx, if there is one."""

from __future__ import annotations

import hashlib
from pathlib import Path

REFERENCE_SUFFIX = ".reference.docx"


def template_reference(templates_dir: Path | None, template_key: str) -> Path | None:
    """templates/<key>.reference.docx if the template has one (keys with path parts never match)."""
    if (
        templates_dir is None
        or not template_key
        or Path(template_key).name != template_key
        or template_key.startswith(".")
    ):
        return None
    path = Path(templates_dir) / f"{template_key}{REFERENCE_SUFFIX}"
    return path if path.is_file() else None


def template_reference_digest(templates_dir: Path | None, template_key: str) -> str:
    """The sha256 of the template's reference file ('' without one): part of a page count's fingerprint."""
    path = template_reference(templates_dir, template_key)
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path else ""
    except OSError:
        return ""


def stored_references(templates_dir: Path | None) -> tuple[Path, ...]:
    """Every reference .docx kept with the templates, by name."""
    if templates_dir is None or not Path(templates_dir).is_dir():
        return ()
    return tuple(sorted(Path(templates_dir).glob(f"*{REFERENCE_SUFFIX}")))
