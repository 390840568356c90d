"""Page rules typed by a person in the import preview: read back, or refused naming the rule."""

import pytest

from research.domain.errors import InvalidInput
from research.domain.page_rules import find_page_rules, rule_value, rules_from_rows


@pytest.mark.parametrize(
    "rule, typed, value",
    [
        ("paper", "a4", "A4"),
        ("paper", "US Letter", "Letter"),
        ("margins_cm", "2 cm", 2.0),
        ("font", "Arial", "Arial"),
        ("font_size_pt", "11 pt", 11.0),
        ("line_spacing", "single", 1.0),
        ("line_spacing", "1.5", 1.5),
        ("headers_footers", "not allowed", False),
        ("headers_footers", "allowed", True),
        ("font", "not stated", None),
        ("margins_cm", "", None),
    ],
)
def test_typed_rules_are_read(rule, typed, value):
    assert rule_value(rule, typed) == value


def test_every_bad_rule_is_named_at_once():
    with pytest.raises(InvalidInput) as caught:
        rules_from_rows({"Paper": "B5", "Margins": "wide", "Headers and footers": "maybe", "Font": "Arial"})
    message = str(caught.value)
    assert "page: Paper: 'B5' is not a paper" in message and "page: Margins: must be a number" in message
    assert "page: Headers and footers: write “allowed” or “not allowed”" in message


def test_a_form_typed_without_rules_states_none():
    assert find_page_rules("Describe the aims of the project in plain words.") == []
    assert find_page_rules("The font should be readable.") == []
