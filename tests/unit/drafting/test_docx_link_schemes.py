"""Files out are safe to open: a Word export links only to http, https and mailto targets."""

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from research.domain.export_document import ExportSection
from research.export.docx_application import application_docx
from tests.docx_support import reopen
from tests.unit.drafting.test_docx_export_roundtrip import make

TEXT = """Read [the guide](HTTPS://example.org/guide) or [write](mailto:office@example.org).
Then [run this](ms-msdt:/id%20PCWDiagnostic) and <ms-search:query=x> and [share](//evil.example/share)
and [plain](http://example.org) and ![chart](ms-its:evil.chm) and [ftp](ftp://files.example.org).
"""


def test_word_exports_drop_links_with_unsafe_schemes():
    doc = reopen(application_docx(make([ExportSection("aims", "Aims", TEXT, None)]), None, include_counts=False))
    targets = {rel.target_ref for rel in doc.part.rels.values() if rel.reltype == RT.HYPERLINK}
    assert targets == {"HTTPS://example.org/guide", "mailto:office@example.org", "http://example.org"}
    paragraph = next(p for p in doc.paragraphs if "the guide" in p.text)
    assert [link.text for link in paragraph.hyperlinks] == ["the guide", "write", "plain"]
    for words in ("run this", "ms-search:query=x", "share", "[Image: chart]", "ftp"):
        assert words in paragraph.text  # the words stay; only the link goes
