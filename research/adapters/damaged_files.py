"""What reading a damaged zip package (.xlsx, .docx) raises, besides the readers' own errors.

A broken compressed entry (zlib), an unknown compression method, a truncated or missing
part, XML that does not parse: errors that can surface while a workbook's sheets are read
lazily, not only when it is opened.
"""

from __future__ import annotations

import zipfile
import zlib
from xml.etree.ElementTree import ParseError

from lxml.etree import XMLSyntaxError

DAMAGED = (zipfile.BadZipFile, KeyError, OSError, EOFError, NotImplementedError, zlib.error, ParseError, XMLSyntaxError)
