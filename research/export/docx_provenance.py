"""Which application, and which version of each section, an exported .docx holds.

Kept as a custom document property (docProps/custom.xml, File > Properties > Custom in Word),
which Word and LibreOffice keep when the file is edited and saved. When the file comes back,
the import compares each section against the version that was exported, so text saved in the
app after the export is never silently replaced by the co-author's older copy.
"""

from __future__ import annotations

import io

import docx
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from research.domain.draft_document import ExportStamp
from research.export.docx_text import xml_safe

PROPERTY = "ResearchWorkspaceExport"
CUSTOM_URI = "/docProps/custom.xml"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one Word uses for user-defined properties
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True)


def stamp_export(data: bytes, stamp: ExportStamp) -> bytes:
    """The same .docx with the stamp added (or replaced) as a custom property."""
    document = docx.Document(io.BytesIO(data))
    part = _custom_part(document)
    root = (
        etree.fromstring(part.blob, _SAFE)
        if part is not None
        else etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    )
    for old in root.findall(f"{{{CUSTOM_NS}}}property[@name='{PROPERTY}']"):
        root.remove(old)
    pids = [int(p.get("pid", "1")) for p in root.findall(f"{{{CUSTOM_NS}}}property") if p.get("pid", "").isdigit()]
    prop = etree.SubElement(
        root, f"{{{CUSTOM_NS}}}property", fmtid=FMTID, pid=str(max(pids, default=1) + 1), name=PROPERTY
    )
    etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = xml_safe(stamp.as_text())
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if part is not None:
        part._blob = blob
    else:
        package = document.part.package
        package.relate_to(Part(PackURI(CUSTOM_URI), CT.OFC_CUSTOM_PROPERTIES, blob, package), RT.CUSTOM_PROPERTIES)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def read_stamp(document: Document) -> ExportStamp | None:
    part = _custom_part(document)
    if part is None:
        return None
    try:
        root = etree.fromstring(part.blob, _SAFE)
    except etree.XMLSyntaxError:
        return None  # a damaged property part costs only the hint, never the import
    value = root.find(f"{{{CUSTOM_NS}}}property[@name='{PROPERTY}']/{{{VT_NS}}}lpwstr")
    return ExportStamp.from_text(value.text or "") if value is not None else None


def _custom_part(document: Document) -> Part | None:
    return next((p for p in document.part.package.iter_parts() if str(p.partname) == CUSTOM_URI), None)
