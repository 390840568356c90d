"""python -m research: migrate, create-user, seed-demo, and each capability's commands.

Each command module has `register(subparsers)`, adding parsers whose `run(args, uow)`
returns the exit code. Only the module of the command being run is imported (some pull
in pandas, plotly or python-docx): `--help` lists the commands from COMMANDS alone.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

# Command -> (the module that registers it, its one-line help).
COMMANDS: dict[str, tuple[str, str]] = {
    "migrate": ("accounts_commands", "upgrade the database to the newest schema"),
    "create-user": ("accounts_commands", "add a user (any role, e.g. the first admin)"),
    "seed-demo": ("accounts_commands", "load the demo workspace into an empty database"),
    "backup": ("backup_commands", "write a consistent copy of the database to a new file"),
    "restore": ("backup_commands", "replace the configured database's contents with a backup"),
    "rounds": ("rounds_commands", "import, export and publish funding rounds"),
    "check-templates": ("templates_commands", "check the TOML files in templates/ (and templates added in the app)"),
    "export-docx": ("docx_commands", "write an application as a Word .docx file"),
    "templates": ("docx_commands", "application templates"),
    "awards": ("roi_commands", "import or export the money won back (awards)"),
    "grants": ("roi_commands", "import the unit's grants to clusters"),
    "roi": ("roi_commands", "print the return on the cluster grants"),
    "notify": ("notify_commands", "one notify pass: reminders and digests, then send the outbox"),
    "calendar-token": ("notify_commands", "issue a new calendar feed URL for a user (revokes the old)"),
    "analyse": ("writing_commands", "readability, writing findings and the funder's criteria per section"),
    "settings": ("settings_commands", "show or set the workspace's currency, time zone, financial year and area"),
    "rates": ("settings_commands", "show, import or add the dated exchange rates to the reporting currency"),
}


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser, with full sub-parsers for the command named in argv and names only for the rest."""
    parser = argparse.ArgumentParser(prog="python -m research", description="Research Cluster Workspace command line.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    wanted = next((a for a in (sys.argv[1:] if argv is None else argv) if not a.startswith("-")), None)
    if wanted in COMMANDS:
        import_module(f"research.cli.{COMMANDS[wanted][0]}").register(subparsers)
    for name, (_module, help_text) in COMMANDS.items():
        command = subparsers.choices.get(name) or subparsers.add_parser(name, help=help_text)
        command.description = command.description or help_text
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser(argv).parse_args(argv)
    from research.config import ConfigError, load_settings
    from research.db.engine import DatabaseUnavailable
    from research.db.startup import prepare_database
    from research.db.uow import UnitOfWork
    from research.domain.errors import DomainError
    from research.services.common.workspace_settings import use_workspace_settings

    try:
        settings = load_settings()
        uow = UnitOfWork(prepare_database(settings))
        use_workspace_settings(uow.engine)
        return args.run(args, uow)
    except (ConfigError, DatabaseUnavailable, DomainError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
