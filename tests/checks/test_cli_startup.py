"""The command line loads only what the command asked for: --help needs no pandas, plotly or streamlit."""

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from research.cli import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "plotly", "streamlit")

PROBE = """
import runpy, sys
sys.argv = ["research", *sys.argv[1:]]
try:
    runpy.run_module("research", run_name="__main__")
except SystemExit as exit:
    code = exit.code
print("LOADED", sorted({m.split(".")[0] for m in sys.modules} & {"pandas", "plotly", "streamlit"}), code)
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_help_lists_every_command_without_loading_heavy_libraries():
    result = _run("--help")
    assert result.returncode == 0, result.stderr
    assert "LOADED [] 0" in result.stdout
    for name in COMMANDS:
        assert name in result.stdout


@pytest.mark.parametrize("command", list(COMMANDS))
def test_each_command_has_working_help(command):
    result = subprocess.run(
        [sys.executable, "-m", "research", command, "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: python -m research {command}")


def _actions(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(found[0].choices) if found else {}


@pytest.mark.parametrize("command", [c for c in COMMANDS if c in ("rounds", "awards", "grants", "templates")])
def test_each_sub_command_has_working_help(command, capsys):
    subcommands = _actions(_actions(build_parser([command]))[command])
    assert subcommands, f"{command} has no actions"
    for action in subcommands:
        with pytest.raises(SystemExit) as done:
            build_parser([command, action]).parse_args([command, action, "--help"])
        assert done.value.code == 0
        assert capsys.readouterr().out.startswith(f"usage: python -m research {command} {action}")


def test_a_command_that_is_not_in_the_catalogue_is_refused():
    result = subprocess.run(
        [sys.executable, "-m", "research", "frobnicate"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "invalid choice: 'frobnicate'" in result.stderr
