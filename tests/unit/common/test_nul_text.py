"""The NUL rule: every place named once, grouped into one message, however many there are."""

import pytest

from research.domain.errors import InvalidInput
from research.domain.nul_text import check_text_file, nul_paths


def test_many_nul_characters_are_grouped_into_one_message():
    text = "a,b\n" + "x\x00\x00,y\n" * 200_000 + "ok,ok\n"
    with pytest.raises(InvalidInput) as refused:
        check_text_file(text, "big.csv")
    [problem] = refused.value.problems
    assert str(problem) == (
        "big.csv: contains a NUL character (\\x00) in line 2, line 3, line 4, line 5, line 6 and 199,995 more, "
        "which text cannot hold: remove it and try again"
    )
    check_text_file("a,b\nc,d\n", "clean.csv")


def test_nul_paths_name_keys_and_values_in_nested_documents():
    data = {"name": "ok", "sections": [{"title": "A\x00"}, {"ke\x00y": "v"}], "deep": [[["\x00"]]]}
    assert nul_paths(data) == ["deep[0][0][0]", "sections[0].title", "sections[1].'ke\\x00y'"]
