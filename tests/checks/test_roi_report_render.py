"""LibreOffice renders the council report's widest table with every header word whole.

Seen in the rendered PDF before: "Schem / e", "Awarde / d" and "Researc / h Progra / mmes" over the
success-by-funder table, whose columns had been narrowed as a whole to fit the page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime

import pandas as pd
import pytest

from research.export.roi_report import ReportSection, build_roi_report
from tests.unit.roi.test_roi_report_layout import WIDE

pytestmark = pytest.mark.slow

PIPELINE = pd.DataFrame(
    {
        "status": ["Drafting", "Ready to submit"],
        "applications": [4, 12],
        "requested": ["$1,000,000", "$2,000,000"],
        "expected value": ["$100,000", "$200,000"],
        "without a known rate": [1, 0],
    }
)


def test_every_header_word_is_whole_on_the_page(tmp_path):
    for tool in ("soffice", "pdftotext"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: run scripts/system-deps.sh", pytrace=False)
    big = WIDE.assign(requested=["$120,500,000", "$92,640,000"], decided=[1210, 2033])
    sections = [ReportSection("By funder", None, WIDE), ReportSection("Big", None, big)]
    sections.append(ReportSection("Pipeline", None, PIPELINE))
    source = tmp_path / "report.docx"
    source.write_bytes(build_roi_report("Return", "All dates", [("Won", "$1")], sections, datetime(2026, 1, 2)))
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "report.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    words = set(re.findall(r"[\w$,.%]+", text))
    headers = {
        w.capitalize() if i == 0 else w for c in [*WIDE.columns, *PIPELINE.columns] for i, w in enumerate(c.split())
    }
    assert headers - words == set()
    assert {"Programmes", "Employment", "$120,500,000", "$7,500,000"} <= words  # nor a value
