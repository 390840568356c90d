"""python -m research: migrate, create-user, seed-demo, and each capability's commands.

Each command module has `register(subparsers)`, adding parsers whose `run(args, uow)`
returns the exit code.
"""

from __future__ import annotations

import argparse
import sys

from research.cli import (
    accounts_commands,
    backup_commands,
    docx_commands,
    notify_commands,
    roi_commands,
    rounds_commands,
    templates_commands,
)
from research.config import ConfigError, load_settings
from research.db.engine import DatabaseUnavailable
from research.db.startup import prepare_database
from research.db.uow import UnitOfWork
from research.domain.errors import DomainError

MODULES = (
    accounts_commands,
    backup_commands,
    rounds_commands,
    templates_commands,
    docx_commands,
    roi_commands,
    notify_commands,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m research", description="Research Cluster Workspace command line.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in MODULES:
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        uow = UnitOfWork(prepare_database(settings))
        return args.run(args, uow)
    except (ConfigError, DatabaseUnavailable, DomainError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
