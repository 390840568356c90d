"""export-docx APPLICATION_ID -o FILE.docx [--pdf --reference R.docx --anyway ...];
templates from-docx FILE.docx [--toml];
templates import FILE.docx --funder F --scheme S [--name N] [--key K] [--dry-run].

The command line acts with operator rights: whoever runs it on the server has them anyway.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tomli_w

from research.adapters.render_cache import PageCountCache
from research.config import load_settings
from research.domain.clock import utcnow
from research.domain.errors import InvalidInput
from research.domain.export_document import ExportBlocked, ExportOptions
from research.domain.form_template import TemplateDraft, draft_template
from research.domain.locale import workspace_locale
from research.domain.page_rules import page_summary
from research.domain.roles import Role
from research.domain.template_spec import PAGE_RULES
from research.export.docx_base import choose_reference
from research.export.docx_form_reader import read_form
from research.export.submission import SubmissionFiles, submission_files
from research.services.common.actor import Actor
from research.services.drafting.docx_export import CURRENT, TextVersion, export_document_as_operator
from research.services.drafting.draft_import import export_stamp
from research.services.drafting.templates import add_template, template_keys


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
    export.add_argument(
        "--reference",
        type=Path,
        metavar="FILE.docx",
        help="a .docx whose styles the export uses (default: the template's)",
    )
    export.add_argument("--pdf", action="store_true", help="also write FILE.pdf, rendered by LibreOffice")
    export.add_argument(
        "--anyway",
        action="store_true",
        help="export despite empty or over-limit sections; they are listed in FILE-checklist.txt",
    )
    export.add_argument("--cover-sheet", action="store_true", help="start with a page naming funder, round and team")
    export.add_argument("--no-numbers", action="store_true", help="section headings without the template's numbers")
    export.add_argument("--section-breaks", action="store_true", help="start each section on a new page")
    export.set_defaults(run=_export)

    from_docx = _templates_group(subparsers).add_parser(
        "from-docx", help="show the template a funder's Word form would make (nothing is saved)"
    )
    from_docx.add_argument("file", type=Path, metavar="FILE.docx")
    from_docx.add_argument("--toml", action="store_true", help="print it as TOML, the template file format")
    from_docx.set_defaults(run=_from_docx)

    form_import = _templates_group(subparsers).add_parser(
        "import", help="read a funder's blank Word form and save it as a template (--dry-run: only show it)"
    )
    form_import.add_argument("file", type=Path, metavar="FILE.docx")
    form_import.add_argument("--funder", default="", help="the funder's name (needed to save)")
    form_import.add_argument("--scheme", default="", help="the scheme or round type (needed to save)")
    form_import.add_argument("--name", default="", help="the template's name (default: the form's title)")
    form_import.add_argument("--key", default="", help="the template's key (default: from the name, unused)")
    form_import.add_argument("--dry-run", action="store_true", help="show what was found; save nothing")
    form_import.set_defaults(run=_import_form)


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
    if args.reference is not None and not args.reference.is_file():
        print(f"error: --reference {args.reference}: there is no such file")
        return 1
    settings = load_settings()
    version = _version(args)
    # Read before the text: a save in between makes the import of this file cautious, never careless.
    stamp = export_stamp(uow, Actor.operator(Role.MANAGER), args.application_id) if version == CURRENT else None
    document = export_document_as_operator(uow, args.application_id, version, timezone=args.timezone)
    options = ExportOptions(
        cover_sheet=args.cover_sheet,
        counts=args.word_counts,
        numbered=not args.no_numbers,
        section_breaks=args.section_breaks,
        anyway=args.anyway,
    )
    reference = choose_reference(settings.templates_dir, document.template_key, args.reference)
    try:
        cache = PageCountCache(settings.cache_dir)
        files = submission_files(document, options, reference, cache, pdf=args.pdf, stamp=stamp)
    except ExportBlocked as blocked:
        lines = [
            f"error: not exported: application {args.application_id} has {len(blocked.reasons)} thing(s) to fix first:",
            *(f"  - {problem}" for problem in blocked.reasons),
            "Fix them, or add --anyway to export and list them in a checklist file beside the document.",
        ]
        print("\n".join(lines), file=sys.stderr)
        return 1
    _write(args.output, files)
    return 0


def _write(output: Path, files: SubmissionFiles) -> None:
    output.write_bytes(files.docx)
    written = [f"{output} ({len(files.docx) / 1024:.0f} KB)"]
    if files.pdf is not None:
        pdf = output.with_suffix(".pdf")
        pdf.write_bytes(files.pdf)
        written.append(f"{pdf} ({len(files.pdf) / 1024:.0f} KB)")
    checklist = output.with_name(f"{output.stem}-checklist.txt")
    if files.checklist is not None:
        checklist.write_text(files.checklist, encoding="utf-8")
        written.append(f"{checklist} ({len(files.problems)} thing(s) still to do)")
    elif checklist.exists():
        checklist.unlink()  # an old checklist beside a now complete export would mislead
    print("Wrote " + ", ".join(written) + ".")
    for line in files.pages:
        print(f"  {line}")
    for warning in files.warnings:
        print(f"warning: {warning}")


def _read_draft(path: Path, uow) -> TemplateDraft | None:
    if not path.is_file():
        print(f"error: {path}: there is no such file")
        return None
    return draft_template(read_form(path.read_bytes(), path.name), utcnow().date(), template_keys(uow))


def _from_docx(args, uow) -> int:
    draft = _read_draft(args.file, uow)
    if draft is None:
        return 1
    print(tomli_w.dumps(draft.data) if args.toml else describe(draft))
    return 0


def _import_form(args, uow) -> int:
    draft = _read_draft(args.file, uow)
    if draft is None:
        return 1
    chosen = {"funder": args.funder.strip(), "scheme": args.scheme.strip(), "name": args.name.strip()}
    data = {**draft.data, **{k: v for k, v in chosen.items() if v}}
    if args.key.strip():
        data["key"] = args.key.strip()
    print(describe(TemplateDraft(data, draft.notes, draft.questions, draft.shared, draft.rules, draft.unplaced)))
    if args.dry_run:
        print("Dry run: nothing was saved.")
        return 0
    missing = [f"--{name}" for name in ("funder", "scheme") if not data[name]]
    if missing:
        print(f"error: give {' and '.join(missing)} to save the template (or --dry-run to only look)")
        return 1
    saved = add_template(uow, Actor.operator(Role.ADMIN), data, args.file.name)
    print(f"Saved template {saved.key} ({saved.sections} sections).")
    return 0


def describe(draft: TemplateDraft) -> str:
    """What the import found, where each question came from, and every phrase it could not place."""
    data = draft.data
    lines = [
        f"Template: {data['name']} (key {data['key']}, version {data['version']})",
        f"Funder: {data['funder'] or '(fill in)'}    Scheme: {data['scheme'] or '(fill in)'}",
        "Page rules (as the form states them):",
    ]
    origins = {rule.rule: rule for rule in draft.rules}
    for rule, (label, value) in zip(PAGE_RULES, page_summary(data.get("page", {})), strict=True):
        origin = origins.get(rule)
        lines.append(f"  {label}: {value}" + (f" — “{origin.phrase}”, {origin.where}" if origin else ""))
    found = {q.key: q for q in draft.questions}
    lines.append(f"Sections ({len(data['sections'])}):")
    for number, section in enumerate(data["sections"], start=1):
        limit = section.get("limit")
        size = f" — max {limit['max']:,} {limit['unit']}" if limit else ""
        optional = "" if section["required"] else " (optional)"
        lines.append(f"  {number}. {section['title']} [{section['key']}]{size}{optional}")
        if question := found.get(section["key"]):
            phrase = f" (limit read from “{question.phrase}”)" if question.phrase else ""
            lines.append(f"     From: {question.where}{phrase}")
        if section["guidance"]:
            lines.append("     Guidance: " + " ".join(section["guidance"].split())[:300])
    shared_found = {s.key: s for s in draft.shared}
    for shared in data.get("shared_limits", []):
        source = shared_found.get(shared["key"])
        lines.append(
            f"Shared limit: {shared['title']}: {', '.join(shared['sections'])} — "
            f"max {shared['limit']['max']:,} {shared['limit']['unit']}" + (f" — from {source.where}" if source else "")
        )
    if draft.unplaced:
        lines.append(f"Could not place ({len(draft.unplaced)}) — check these by hand:")
        lines += [f"  - {item.where}: “{item.text[:200]}” — {item.reason}" for item in draft.unplaced]
    lines += ["Notes:"] + [f"  - {note}" for note in draft.notes] if draft.notes else []
    return "\n".join(lines)
