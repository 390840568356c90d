"""check-templates: list the application templates and say what is wrong with any of them."""

from __future__ import annotations

from research.services.drafting.templates import list_templates


def register(subparsers) -> None:
    check = subparsers.add_parser("check-templates")
    check.set_defaults(run=_check_templates)


def _check_templates(args, uow) -> int:
    templates = list_templates(uow)
    for template in templates:
        if template.usable:
            print(f"ok     {template.key:<24} {template.name} ({template.sections} sections) — {template.origin}")
        else:
            print(f"error  {template.key:<24} {template.problem}")
    broken = sum(1 for t in templates if not t.usable)
    print(f"{len(templates)} templates, {broken} with problems.")
    return 1 if broken else 0
