"""Measured page counts kept on disk, one small JSON file per fingerprint of the text and page rules.

Safe for several app processes: a file is written to a temporary name and renamed into place.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from research.domain.page_counts import PageCounts


class PageCountCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> PageCounts | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return PageCounts({str(k): float(v) for k, v in data["pages"].items()}, True)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, counts: PageCounts) -> None:
        if not counts.measured:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"pages": dict(counts.pages)}, out)
        os.replace(temporary, self._path(key))
