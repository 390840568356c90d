"""backup FILE / restore FILE [--force]: consistent copies of the workspace, and putting one back."""

from __future__ import annotations

import argparse
from pathlib import Path

from research.db.backup import backup
from research.db.restore import restore


def register(subparsers) -> None:
    copy = subparsers.add_parser("backup")
    copy.add_argument("file", nargs="?", type=Path, help="the new backup file")
    copy.add_argument("-o", "--output", type=Path, help=argparse.SUPPRESS)  # the older spelling, still accepted
    copy.set_defaults(run=_backup)

    back = subparsers.add_parser("restore")
    back.add_argument("file", type=Path, help="a file written by `backup`")
    back.add_argument("--force", action="store_true", help="replace a database that already holds a workspace")
    back.set_defaults(run=_restore)


def _backup(args, uow) -> int:
    target = args.file or args.output
    if target is None:
        print("error: name the backup file, e.g. `python -m research backup workspace-2026-11-22.bak`.")
        return 2
    written = backup(uow.engine, target)
    print(f"Backed up the workspace to {written} ({written.stat().st_size:,} bytes).")
    return 0


def _restore(args, uow) -> int:
    restored = restore(uow.engine, args.file, force=args.force)
    counts = ", ".join(f"{n:,} {table}" for table, n in restored.rows.items()) or "no rows"
    upgraded = " (its schema was upgraded to this version of the app)" if restored.upgraded else ""
    where = uow.engine.url.render_as_string(hide_password=True)
    print(f"Restored {restored.source} into {where}{upgraded}: {counts}.")
    return 0
