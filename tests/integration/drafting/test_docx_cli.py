"""python -m research export-docx and templates from-docx."""

from __future__ import annotations

import docx
import pytest

from research.cli import main
from research.domain.roles import Role
from tests.docx_support import FIRST, SECOND, build_application, docx_bytes, reopen


@pytest.fixture
def cli_env(monkeypatch, database_url, uow):
    monkeypatch.setenv("DATABASE_URL", database_url)
    return uow


def test_export_docx_writes_the_application(cli_env, make_actor, tmp_path, capsys):
    built = build_application(cli_env, make_actor(Role.RESEARCHER))
    out = tmp_path / "app.docx"
    assert main(["export-docx", str(built.id), "-o", str(out), "--word-counts"]) == 0
    doc = reopen(out.read_bytes())
    texts = [p.text for p in doc.paragraphs]
    assert SECOND["methods"].replace("*", "").replace("[report](https://example.org/report)", "report") in texts
    assert "Length: 6 of 20 words" in texts
    assert "Wrote" in capsys.readouterr().out


def test_export_docx_at_a_review_round_or_a_time(cli_env, make_actor, tmp_path):
    built = build_application(cli_env, make_actor(Role.RESEARCHER))
    frozen, early = tmp_path / "frozen.docx", tmp_path / "early.docx"
    assert main(["export-docx", str(built.id), "-o", str(frozen), "--review-round", "1"]) == 0
    assert FIRST["summary"] in [p.text for p in reopen(frozen.read_bytes()).paragraphs]
    assert main(["export-docx", str(built.id), "-o", str(early), "--at", "2026-01-01T09:00", "--anyway"]) == 0
    texts = [p.text for p in reopen(early.read_bytes()).paragraphs]
    assert "(no text yet)" not in texts and "1. Lay summary" in texts
    checklist = (tmp_path / "early-checklist.txt").read_text(encoding="utf-8")
    assert checklist.count("has no text yet") == 3  # the optional "Team and roles" may stay empty


def test_export_docx_refuses_empty_sections_unless_told_anyway(cli_env, make_actor, tmp_path, capsys):
    built = build_application(cli_env, make_actor(Role.RESEARCHER))
    out = tmp_path / "early.docx"
    assert main(["export-docx", str(built.id), "-o", str(out), "--at", "2026-01-01T09:00"]) == 1
    err = capsys.readouterr().err
    assert "not exported" in err and "“Lay summary” has no text yet." in err and "--anyway" in err
    assert "“Team and roles”" not in err
    assert not out.exists() and not (tmp_path / "early-checklist.txt").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["export-docx", "9999", "-o", "x.docx"], "no application with id 9999"),
        (["export-docx", "{id}", "-o", "x.docx", "--at", "last tuesday"], "is not a time"),
        (["export-docx", "{id}", "-o", "x.docx", "--review-round", "5"], "no review round 5"),
    ],
)
def test_export_docx_errors_are_clear_and_write_nothing(
    cli_env, make_actor, tmp_path, capsys, monkeypatch, args, message
):
    built = build_application(cli_env, make_actor(Role.RESEARCHER))
    monkeypatch.chdir(tmp_path)
    assert main([a.format(id=built.id) for a in args]) != 0
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


def form_file(tmp_path):
    form = docx.Document()
    form.add_paragraph("Seed Fund Application", style="Title")
    form.add_heading("1. Summary (max 200 words)", 1)
    form.add_paragraph("For a general reader.")
    form.add_heading("2. Budget (1 page)", 1)
    path = tmp_path / "seed-form.docx"
    path.write_bytes(docx_bytes(form))
    return path


def test_templates_from_docx_prints_sections_limits_and_guidance(cli_env, tmp_path, capsys):
    assert main(["templates", "from-docx", str(form_file(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "Template: Seed Fund Application (key seed-fund-application" in out
    assert "1. Summary [summary] — max 200 words" in out and "Guidance: For a general reader." in out
    assert "2. Budget [budget] — max 1 pages" in out


def test_templates_from_docx_as_toml_reads_back(cli_env, tmp_path, capsys):
    import tomllib

    assert main(["templates", "from-docx", str(form_file(tmp_path)), "--toml"]) == 0
    data = tomllib.loads(capsys.readouterr().out)
    assert data["name"] == "Seed Fund Application"
    assert data["sections"][0] == {
        "key": "summary",
        "title": "Summary",
        "guidance": "For a general reader.",
        "required": True,
        "limit": {"unit": "words", "max": 200},
    }


def test_templates_from_docx_refuses_a_bad_file(cli_env, tmp_path, capsys):
    bad = tmp_path / "form.docx"
    bad.write_bytes(b"not a docx")
    assert main(["templates", "from-docx", str(bad)]) == 2
    assert "form.docx: is damaged or not a real .docx" in capsys.readouterr().err
    assert main(["templates", "from-docx", str(tmp_path / "missing.docx")]) == 1


def uk_form(tmp_path):
    from tests import form_fixtures

    path = tmp_path / "case-for-support.docx"
    path.write_bytes(form_fixtures.uk_case_for_support())
    return path


def test_templates_import_dry_run_shows_questions_where_found_and_page_rules(cli_env, tmp_path, capsys):
    assert main(["templates", "import", str(uk_form(tmp_path)), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "1. Project title [project_title] — max 150 characters" in out
    assert "From: paragraph 4, style List Number, number 1, bold (limit read from “150 characters”)" in out
    assert "Font: Arial — “Arial”, paragraph 2" in out and "Line spacing: not stated" in out
    assert "Shared limit: Vision and Approach (together): vision, approach — max 3 pages" in out
    assert "Dry run: nothing was saved." in out


def test_templates_import_needs_funder_and_scheme_then_saves_with_a_unique_key(cli_env, tmp_path, capsys):
    from research.services.drafting.templates import get_template

    path = uk_form(tmp_path)
    assert main(["templates", "import", str(path)]) == 1
    assert "give --funder and --scheme" in capsys.readouterr().out
    args = ["templates", "import", str(path), "--funder", "A research council", "--scheme", "Standard"]
    assert main(args) == 0
    assert "Saved template case-for-support (6 sections)." in capsys.readouterr().out
    assert main(args) == 0  # the same form again: a key of its own
    assert "Saved template case-for-support-2 (6 sections)." in capsys.readouterr().out
    spec = get_template(cli_env, "case-for-support-2")
    assert spec.page.font == "Arial" and spec.page.stated == ("paper", "margins_cm", "font", "font_size_pt")
    assert len(spec.shared_limits) == 2


def test_templates_import_lists_what_it_could_not_place(cli_env, tmp_path, capsys):
    from tests import form_fixtures

    path = tmp_path / "no-rules.docx"
    path.write_bytes(form_fixtures.no_rules_form())
    assert main(["templates", "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Could not place (1) — check these by hand:" in out
    assert "paragraph 3, style Normal: “Include 3 pages of letters" in out


@pytest.mark.slow
def test_export_docx_with_a_reference_and_a_pdf_reports_measured_pages(cli_env, make_actor, tmp_path, capsys):
    built = build_application(cli_env, make_actor(Role.RESEARCHER))
    reference = docx.Document()
    reference.styles["Normal"].font.name = "Georgia"
    reference.styles["Heading 1"].paragraph_format.page_break_before = True
    (tmp_path / "institution.docx").write_bytes(docx_bytes(reference))
    out = tmp_path / "app.docx"
    args = ["export-docx", str(built.id), "-o", str(out), "--reference", str(tmp_path / "institution.docx"), "--pdf"]
    assert main(args) == 0
    doc = reopen(out.read_bytes())
    assert doc.styles["Normal"].font.name == "Georgia"
    assert not doc.styles["Heading 1"].paragraph_format.page_break_before
    assert (tmp_path / "app.pdf").read_bytes().startswith(b"%PDF")
    printed = capsys.readouterr().out
    assert "app.pdf" in printed and "2. Aims: " in printed and "of 1 page (measured)" in printed
    assert not (tmp_path / "app-checklist.txt").exists()


def test_export_docx_names_a_missing_reference(cli_env, make_actor, tmp_path, capsys):
    built = build_application(cli_env, make_actor(Role.RESEARCHER))
    out = tmp_path / "app.docx"
    assert main(["export-docx", str(built.id), "-o", str(out), "--reference", str(tmp_path / "nope.docx")]) == 1
    printed = capsys.readouterr().out
    assert "--reference" in printed and "nope.docx: there is no such file" in printed
    assert not out.exists()
