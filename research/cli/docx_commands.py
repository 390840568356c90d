"""export-docx APPLICATION_ID -o FILE.docx; templates from-docx FILE.docx [--toml].

The command line acts with operator rights: whoever runs it on the server has them anyway.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tomli_w

from research.config import load_settings
from research.domain.clock import utcnow
from research.domain.errors import InvalidInput
from research.domain.form_template import TemplateDraft, draft_template
from research.domain.locale import workspace_locale
from research.export.docx_application import application_docx
from research.export.docx_form_reader import read_form
from research.services.drafting.docx_export import CURRENT, TextVersion, export_document_as_operator


def register(subparsers) -> None:
    export = subparsers.add_parser("export-docx")
    export.add_argument("application_id", type=int, metavar="APPLICATION_ID")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.docx")
    which = export.add_mutually_exclusive_group()
    which.add_argument("--review-round", type=int, metavar="N", help="the text frozen for review round N")
    which.add_argument(
        "--at",
        metavar="TIME",
        help="the latest saved text at or before TIME (ISO 8601, "
        "e.g. 2026-02-20T12:00; without an offset it is read in --timezone)",
    )
    export.add_argument("--timezone", help="for --at and dates (default: the workspace's time zone, `settings show`)")
    export.add_argument("--word-counts", action="store_true", help="show each section's length against its limit")
    export.set_defaults(run=_export)

    from_docx = _templates_group(subparsers).add_parser(
        "from-docx", help="show the template a funder's Word form would make (nothing is saved)"
    )
    from_docx.add_argument("file", type=Path, metavar="FILE.docx")
    from_docx.add_argument("--toml", action="store_true", help="print it as TOML, the template file format")
    from_docx.set_defaults(run=_from_docx)


def _templates_group(subparsers):
    """The sub-commands of `templates`, shared with any other module that adds some."""
    group = subparsers.choices.get("templates")
    if group is None:
        group = subparsers.add_parser("templates")
        group.add_subparsers(dest="templates_command", required=True, metavar="TEMPLATES_COMMAND")
    return next(a for a in group._actions if isinstance(a, argparse._SubParsersAction))


def _version(args) -> TextVersion:
    if args.review_round is not None:
        return TextVersion.review_round_numbered(args.review_round)
    if args.at is None:
        return CURRENT
    try:
        moment = datetime.fromisoformat(args.at)
    except ValueError:
        raise InvalidInput(f"--at {args.at!r} is not a time; write e.g. 2026-02-20T12:00") from None
    return TextVersion.at_time(moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(args.timezone)))


def _export(args, uow) -> int:
    args.timezone = args.timezone or workspace_locale().timezone
    try:
        ZoneInfo(args.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        print(f"error: --timezone {args.timezone!r} is not a known time zone")
        return 1
    if args.output.suffix.lower() != ".docx":
        print(f"error: {args.output} should end in .docx")
        return 1
    document = export_document_as_operator(uow, args.application_id, _version(args), timezone=args.timezone)
    data = application_docx(document, load_settings().templates_dir, include_counts=args.word_counts)
    args.output.write_bytes(data)
    print(
        f"Wrote {args.output} ({len(document.sections)} sections, {len(data) / 1024:.0f} KB; {document.text_source})."
    )
    return 0


def _from_docx(args, uow) -> int:
    if not args.file.is_file():
        print(f"error: {args.file}: there is no such file")
        return 1
    draft = draft_template(read_form(args.file.read_bytes(), args.file.name), utcnow().date())
    print(tomli_w.dumps(draft.data) if args.toml else describe(draft))
    return 0


def describe(draft: TemplateDraft) -> str:
    data = draft.data
    lines = [
        f"Template: {data['name']} (key {data['key']}, version {data['version']})",
        f"Funder: {data['funder'] or '(fill in)'}    Scheme: {data['scheme'] or '(fill in)'}",
    ]
    if page := data.get("page"):
        lines.append(
            f"Page: {page['paper']}, {page['margins_cm']:g} cm margins, {page['font']} "
            f"{page['font_size_pt']:g} pt, line spacing {page['line_spacing']:g}"
        )
    lines.append(f"Sections ({len(data['sections'])}):")
    for number, section in enumerate(data["sections"], start=1):
        limit = section.get("limit")
        size = f" — max {limit['max']:,} {limit['unit']}" if limit else ""
        optional = "" if section["required"] else " (optional)"
        lines.append(f"  {number}. {section['title']} [{section['key']}]{size}{optional}")
        if section["guidance"]:
            lines.append("     Guidance: " + " ".join(section["guidance"].split())[:300])
    for shared in data.get("shared_limits", []):
        lines.append(
            f"Shared limit: {shared['title']}: {', '.join(shared['sections'])} — "
            f"max {shared['limit']['max']:,} {shared['limit']['unit']}"
        )
    lines += ["Notes:"] + [f"  - {note}" for note in draft.notes] if draft.notes else []
    return "\n".join(lines)
