"""The demo's data files (research/demo/data), read from the installed package."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from typing import Any


def data_bytes(name: str) -> bytes:
    return files("research.demo").joinpath("data", name).read_bytes()


def data_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(data_bytes(name).decode("utf-8"))
