"""Make templates/<key>.reference.docx: the Word styles an application exported from that template uses.

    PYTHONPATH=. python scripts/make_reference_docx.py marsden-full-proposal

Any .docx works as a reference (as with pandoc's --reference-doc): make one in Word with the
funder's fonts, margins, heading looks and footer, and save it under that name. This script
makes a plain one from a page format, for templates that ship with the app.
"""

from __future__ import annotations

import argparse

import docx
from docx.shared import Pt, RGBColor

from research.config import ROOT
from research.domain.template_spec import PageFormat
from research.export.docx_base import REFERENCE_SUFFIX, apply_page_format

HEADING_COLOUR = RGBColor(0x1F, 0x4E, 0x5F)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("key", help="the template's key")
    parser.add_argument("--footer", default="", help="text for the footer, before the page number")
    args = parser.parse_args()
    document = docx.Document()
    apply_page_format(document, PageFormat())
    for level in (1, 2, 3):
        style = document.styles[f"Heading {level}"]
        style.font.color.rgb = HEADING_COLOUR
        style.paragraph_format.space_before = Pt(12 if level == 1 else 8)
    if args.footer:
        document.sections[0].footer.paragraphs[0].text = args.footer
    document.add_paragraph("Reference document: only its styles, page set-up and footer are used.")
    path = ROOT / "templates" / f"{args.key}{REFERENCE_SUFFIX}"
    path.parent.mkdir(exist_ok=True)
    document.save(path)
    print(f"Wrote {path}")


if __name__ == "__main__":
    main()
