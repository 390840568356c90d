"""The demo's prose and records are data files that ship in the package and read as they should."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch

from research.config import ROOT
from research.demo.data_files import data_bytes, data_toml

DATA = ROOT / "research" / "demo" / "data"


def test_every_data_file_is_declared_as_package_data():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    shipped = patterns["research.demo"]
    files = sorted(p.relative_to(DATA.parent).as_posix() for p in DATA.iterdir() if p.is_file())
    assert files and all(any(fnmatch(f, pattern) for pattern in shipped) for f in files), files


def test_every_toml_file_parses_and_the_earlier_awards_file_has_its_rows():
    for path in DATA.glob("*.toml"):
        assert data_toml(path.name), path.name
    lines = data_bytes("earlier_awards.csv").decode("utf-8").splitlines()
    # Four earlier wins in the city, three elsewhere, one with no place, one with no cluster, one withdrawn.
    assert lines[0].startswith("Identifier,Title") and len(lines) == 11
