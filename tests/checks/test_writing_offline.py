"""The writing aids, the criteria reader and the review measures work with the network off.

Later textstat releases fetch NLTK's CMU dictionary from the internet when they first count
syllables; 0.7.3 counts them with pyphen. A fresh process with every socket refused and an
empty NLTK data path runs each library the way the app does, so an upgrade that needs the
network, or a dictionary download, fails here.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import io, json, socket, sys

def refuse(*args, **kwargs):
    raise OSError("the network is off in this check")

socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = socket.getaddrinfo = refuse

from pypdf import PdfWriter

from research.domain.assessment_criteria import AssessmentCriterion
from research.export.guidance_text import guidance_text
from research.services.review.consistency import ScorePoint, agreement
from research.services.writing.analysis import SectionText, analyse_texts

texts = (
    SectionText(1, "aims", "Aims", 1, "The HRC funds us. The samples were analysed by the team in photogrammetry."),
    SectionText(2, "impact", "Impact", 1, "The Health Research Council (HRC) funds us. Our pathways to impact."),
)
result = analyse_texts(1, texts, (AssessmentCriterion("impact", "Impact", None, ("pathways to impact",)),))
points = [
    ScorePoint(unit, "A", 1, reviewer, f"R{reviewer}", "c", "C", float(score), 4.0)
    for reviewer, row in enumerate([[1, 2, 3, 4], [1, 2, 4, 4]])
    for unit, score in enumerate(row)
]
pdf = io.BytesIO()
writer = PdfWriter()
writer.add_blank_page(width=200, height=200)
writer.write(pdf)
print(json.dumps({
    "grades": [s.flesch_kincaid_grade for s in result.sections],
    "kinds": sorted({f.kind for s in result.sections for f in s.findings}),
    "covered": [c.criterion_key for c in result.sections[1].coverage if c.strength != "not"],
    "alpha": agreement(points)[0].alpha,
    "pdf": guidance_text(pdf.getvalue(), "guide.pdf"),
    "nltk": "nltk" in sys.modules,
}))
"""


def test_the_writing_and_review_libraries_need_no_network(tmp_path: Path):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path), "NLTK_DATA": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert all(isinstance(grade, float) for grade in found["grades"])
    assert {"acronym_before_definition", "passive", "rare_word"} <= set(found["kinds"])
    assert found["covered"] == ["impact"]
    assert 0.8 < found["alpha"] <= 1.0
    assert found["pdf"] == "" and found["nltk"] is False
