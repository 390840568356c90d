"""The export's options: cover sheet, numbering, lengths, page breaks, PDF, export anyway, and the reference."""

from __future__ import annotations

import streamlit as st

from research.adapters.reference_files import REFERENCE_SUFFIX, stored_references, template_reference
from research.domain.export_document import ExportOptions
from research.export.docx_base import Reference
from research.ui import deps

TEMPLATE_OWN, UPLOAD = "template", "upload"


def export_options(key: str) -> tuple[ExportOptions, bool]:
    """(the options, whether to make a PDF too)."""
    left, right = st.columns(2)
    numbered = left.checkbox("Number the sections (1., 2., …) as the template orders them", True, key=f"{key}_numbers")
    counts = left.checkbox(
        "Show each section's length against its limit",
        key=f"{key}_counts",
        help="Adds a line under each heading, e.g. “Length: 180 of 200 words”. Not for the file you submit.",
    )
    cover = left.checkbox(
        "Add a cover sheet (funder, round, team, date, which text)",
        key=f"{key}_cover",
        help="For the team's own copies; a funder's upload has no cover sheet.",
    )
    breaks = right.checkbox("Start each section on a new page", key=f"{key}_breaks", help="Only if the funder asks.")
    pdf = right.checkbox("Also make a PDF (LibreOffice)", key=f"{key}_pdf")
    anyway = right.checkbox(
        "Export even if sections are empty or over their limits",
        key=f"{key}_anyway",
        help="What still needs doing goes to a separate checklist file, never into the document.",
    )
    options = ExportOptions(cover_sheet=cover, counts=counts, numbered=numbered, section_breaks=breaks, anyway=anyway)
    return options, pdf


def reference_choice(key: str, template_key: str) -> Reference | None:
    """The styles to export with: the template's own reference (the default), a stored one, or an upload."""
    folder = deps.settings().templates_dir
    own = template_reference(folder, template_key)
    stored = {p.name: p for p in stored_references(folder) if p != own}
    labels = {TEMPLATE_OWN: f"The template's: {own.name}" if own else "None: the template's page rules"}
    labels |= {name: f"Stored: {name.removesuffix(REFERENCE_SUFFIX)}" for name in stored}
    labels[UPLOAD] = "Upload a reference .docx…"
    choice = st.selectbox(
        "Styles (reference document)",
        list(labels),
        format_func=labels.__getitem__,
        key=f"{key}_reference",
        help="A .docx from the funder or your institution: its fonts, margins, header and footer win over "
        "the template's; the funder's stated rules are still checked.",
    )
    if choice == UPLOAD:
        upload = st.file_uploader("Reference .docx", type=["docx"], key=f"{key}_reference_file")
        return Reference(upload.name, upload.getvalue()) if upload is not None else None
    if choice in stored:
        return Reference.from_path(stored[choice])
    return Reference.from_path(own) if own else None
