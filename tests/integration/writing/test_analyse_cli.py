"""python -m research analyse APPLICATION_ID --json: the keys scripts rely on, and refusals."""

import json
import subprocess
import sys

import pytest

from research.cli import main
from research.domain.roles import Role
from tests.review_builders import build_application

TEXTS = {
    "summary": "The HRC funds this work. The samples were analysed by the team.",
    "aims": "The Health Research Council (HRC) is our funder. Our aims show excellence and ambition.",
}


@pytest.fixture
def cli(uow, database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    return uow


def test_analyse_json_has_each_sections_key_grade_findings_and_criteria(cli, make_actor, capsys):
    app = build_application(cli, make_actor(Role.RESEARCHER), texts=TEXTS)
    assert main(["analyse", str(app), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["key"] for s in data["sections"]] == ["summary", "aims", "vm"]
    summary, aims, _ = data["sections"]
    assert isinstance(summary["readability"]["flesch_kincaid_grade"], float)
    assert {"kind": "acronym_before_definition", "sentence": "The HRC funds this work."} in [
        {"kind": f["kind"], "sentence": f["sentence"]} for f in summary["findings"]
    ]
    assert all(set(f) >= {"kind", "sentence", "message"} for f in summary["findings"])
    assert [c["key"] for c in aims["criteria"]] == ["excellence"] and 0 < aims["criteria"][0]["score"] <= 1
    assert [c["key"] for c in data["uncovered_criteria"]] == ["impact", "resources"]
    assert data["sections"][2]["readability"]["flesch_kincaid_grade"] is None


def test_analyse_text_and_an_unknown_application(cli, make_actor, capsys):
    app = build_application(cli, make_actor(Role.RESEARCHER), texts=TEXTS)
    assert main(["analyse", str(app)]) == 0
    out = capsys.readouterr().out
    assert "summary:" in out and "Criteria no section addresses: Impact, Expertise and resources" in out
    assert main(["analyse", "999999"]) == 2
    assert "There is no application with id 999999." in capsys.readouterr().err


def test_analyse_as_the_command_line_names_the_exact_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "research", "analyse", "--help"], capture_output=True, text=True, check=True
    )
    assert "APPLICATION_ID" in result.stdout and "--json" in result.stdout
