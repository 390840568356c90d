"""python -m research check-templates: lists templates and fails when one has a mistake."""

from argparse import Namespace

from research.cli.templates_commands import _check_templates


def test_check_templates_passes_on_the_shipped_files(uow, capsys):
    assert _check_templates(Namespace(), uow) == 0
    out = capsys.readouterr().out
    assert "ok     marsden-full-proposal" in out and "0 with problems" in out


def test_check_templates_names_the_broken_file_and_key(uow, capsys, tmp_path, monkeypatch):
    (tmp_path / "broken.toml").write_text(
        'key = "broken"\nname = "B"\nfunder = "F"\nscheme = "S"\nversion = "1"\nsections = []\n', encoding="utf-8"
    )
    monkeypatch.setenv("TEMPLATES_DIR", str(tmp_path))
    assert _check_templates(Namespace(), uow) == 1
    out = capsys.readouterr().out
    assert "error  broken" in out and "broken.toml: sections: must list at least one section" in out
