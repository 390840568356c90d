"""Files in: a template TOML that nests deeply or holds NUL characters gets a clear message, not the error page."""

import json

import pytest

from research.adapters.table_files import read_table
from research.domain.errors import InvalidInput
from research.domain.roles import Role
from research.services.drafting import templates
from research.services.rounds.files import read_round_file

DEPTH = 100_000


def test_deeply_nested_toml_template_gets_a_clear_message(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    content = ("key = " + "[" * DEPTH + "]" * DEPTH + "\n").encode()
    with pytest.raises(InvalidInput, match="deep.toml: nests lists or tables more than 100 levels deep"):
        templates.add_template_toml(uow, admin, content, "deep.toml")


def test_deeply_nested_360giving_json_gets_a_clear_message():
    content = ('{"grants": ' + "[" * DEPTH + "]" * DEPTH + "}").encode()
    with pytest.raises(InvalidInput, match="deep.json: nests lists or objects more than 100 levels deep"):
        read_table("deep.json", content)
    shallow = json.dumps({"grants": [{"id": "A-1", "title": {"a": [[["ok"]]]}}]}).encode()
    assert len(read_table("ok.json", shallow)[1]) == 1


def test_toml_template_with_nul_bytes_is_refused(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    content = b'key = "x"\nname = "Projects\\u0000"\n[[sections]]\ntitle = "Aims\\u0000"\n'
    with pytest.raises(
        InvalidInput, match=r"nul.toml: contains a NUL character \(\\x00\) in name, sections\[0\].title"
    ):
        templates.add_template_toml(uow, admin, content, "nul.toml")


def test_rounds_csv_with_nul_bytes_is_refused_naming_lines():
    content = b"Funder,Scheme,Closes\nMarsden Fund,Fast\x00Start,2027-02-20\nMarsden Fund,Standard,2027-02-20\n"
    with pytest.raises(InvalidInput, match=r"rounds.csv: contains a NUL character \(\\x00\) in line 2,"):
        read_round_file(content, "rounds.csv")
