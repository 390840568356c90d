"""import-draft APPLICATION_ID FILE.docx [--dry-run] [--as USERNAME] [--section KEY ...].

Prints how the file's text matches the application's sections (section <- heading, words),
the unplaced text, and the words in, placed and unplaced. Without --dry-run it saves each
changed section (or only those named by --section) as a revision. A revision is credited to
a person, so writing needs --as, a member of the application's team; a dry run reads as the
command-line operator overseeing applications.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from research.cli.acting_user import acting_user
from research.db.uow import UnitOfWork
from research.domain.errors import InvalidInput
from research.domain.roles import Role
from research.export.docx_draft_reader import read_draft
from research.services.common.actor import Actor
from research.services.drafting.draft_import import DraftPreview, accept_imported_section, preview_draft_import

OPERATOR = Actor.operator(Role.MANAGER)
SHOWN_CHARS = 160


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("import-draft", help="bring a filled or edited Word draft into an application")
    parser.add_argument("application_id", type=int, metavar="APPLICATION_ID")
    parser.add_argument("file", type=Path, metavar="FILE.docx")
    parser.add_argument("--dry-run", action="store_true", help="show the matching; write nothing")
    parser.add_argument("--as", dest="username", help="save the revisions as this user (a team member)")
    parser.add_argument(
        "--section", action="append", default=[], metavar="KEY", help="save only this section (repeatable)"
    )
    parser.set_defaults(run=_import_draft)


def _import_draft(args: argparse.Namespace, uow: UnitOfWork) -> int:
    if not args.file.is_file():
        print(f"error: {args.file}: there is no such file")
        return 1
    if not args.dry_run and not args.username:
        print("error: a revision is credited to a person: add --as USERNAME (on the team), or use --dry-run")
        return 1
    actor = acting_user(uow, args.username, OPERATOR)
    try:
        document = read_draft(args.file.read_bytes(), args.file.name)
    except InvalidInput as exc:
        for problem in exc.problems:
            print(f"error: {problem}")
        return 1
    preview = preview_draft_import(uow, actor, args.application_id, document)
    print(describe(preview))
    unknown = sorted(set(args.section) - {s.key for s in preview.sections})
    if unknown:
        print(f"error: --section {', '.join(unknown)}: no such section in this application. Nothing was written.")
        return 1
    if args.dry_run:
        print("Dry run: nothing was written.")
        return 0
    return _write(uow, actor, preview, set(args.section))


def _write(uow: UnitOfWork, actor: Actor, preview: DraftPreview, only: set[str]) -> int:
    chosen = [s for s in preview.changed if not only or s.key in only]
    conflicts = 0
    for section in chosen:
        outcome = accept_imported_section(
            uow,
            actor,
            preview.application_id,
            section.section_id,
            section.imported or "",
            section.version,
            preview.file_name,
        )
        if outcome.conflict:
            conflicts += 1
            print(
                f"conflict: {section.key} changed since it was read; the imported text is kept as "
                f"revision {outcome.revision} in its history, the current text is unchanged"
            )
        else:
            print(f"saved: {section.key} as revision {outcome.revision}")
    print(f"Saved {len(chosen) - conflicts} section(s); {conflicts} conflict(s).")
    return 1 if conflicts else 0


def describe(preview: DraftPreview) -> str:
    lines = [
        f"{preview.file_name} -> “{preview.application_title}” (application {preview.application_id})",
        f"Matched {len(preview.matched)} of {len(preview.sections)} sections:",
    ]
    for s in preview.sections:
        if s.imported is None:
            lines.append(f"  {s.key}: {s.title} — not in the file (unchanged)")
            continue
        source = f"“{s.heading}” ({s.how} {s.score:g}, {s.where})" if s.heading else f"assigned ({s.where})"
        since = ""
        if s.changed_since_export:
            since = f"; saved in the app since the export (v{s.version} -> v{s.current_version})"
        lines.append(f"  {s.key}: {s.title} <- {source}, {s.words:,} words, {s.status.value} ({s.summary}){since}")
    lines.append(f"Unplaced text: {preview.words_unplaced:,} words in {len(preview.unplaced)} part(s)")
    for part in preview.unplaced:
        text = " ".join(part.markdown.split())
        shown = text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + " …"
        lines.append(f"  [{part.index}] {part.where} ({part.words:,} words): {shown}")
    lines.append(
        f"Words: {preview.words_in:,} in the file = {preview.words_placed:,} placed + "
        f"{preview.words_unplaced:,} unplaced"
    )
    if preview.insertions or preview.deletions:
        lines.append(
            f"Tracked changes accepted: {preview.insertions} insertion(s) taken, "
            f"{preview.deletions} deletion(s) dropped"
        )
    lines.extend(f"warning: {w}" for w in preview.warnings)
    return "\n".join(lines)
