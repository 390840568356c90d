"""The import preview's editable rows turn back into a template mapping that parse_template checks."""

import pytest

from research.domain.errors import InvalidInput
from research.domain.template_rows import section_rows, shared_rows, template_from_rows
from research.domain.template_spec import Limit, parse_template

DRAFT = {
    "key": "seed",
    "name": "Seed fund",
    "funder": "",
    "scheme": "",
    "version": "1",
    "sections": [
        {
            "key": "aims",
            "title": "Aims",
            "guidance": "Say it.",
            "required": True,
            "limit": {"unit": "words", "max": 300},
        },
        {"key": "team", "title": "Team", "guidance": "", "required": False},
    ],
    "shared_limits": [
        {"key": "all", "title": "Everything", "sections": ["aims", "team"], "limit": {"unit": "pages", "max": 2}}
    ],
    "page": {"paper": "A4"},
    "sources": ["seed.docx"],
}
HEAD = {"name": "Seed fund", "key": "seed", "funder": "City unit", "scheme": "Seed", "version": "1"}


def test_rows_round_trip_to_the_same_template():
    sections = section_rows(DRAFT)
    sections[0]["limit max"] = 300.0  # as a data editor hands numbers back
    data = template_from_rows(HEAD, sections, shared_rows(DRAFT), {"page": DRAFT["page"], "sources": ["seed.docx"]})
    spec = parse_template(data)
    assert spec.section("aims").limit == Limit("words", 300) and spec.section("team").required is False
    assert spec.shared_limits[0].sections == ("aims", "team") and spec.page.paper == "A4"
    assert spec.funder == "City unit" and spec.sources == ("seed.docx",)


def test_blank_rows_are_dropped_and_a_missing_key_comes_from_the_title():
    rows = section_rows(DRAFT) + [
        {"title": None, "key": None, "limit unit": None, "limit max": None, "required": False, "guidance": None},
        {
            "title": "Budget justification",
            "key": "",
            "limit unit": "",
            "limit max": None,
            "required": True,
            "guidance": "",
        },
    ]
    data = template_from_rows(HEAD, rows, [])
    assert [s["key"] for s in data["sections"]] == ["aims", "team", "budget_justification"]
    assert "shared_limits" not in data


@pytest.mark.parametrize(
    "change, where",
    [
        ({"limit unit": "words", "limit max": None}, "sections[1].limit.max: is missing"),
        ({"limit unit": "", "limit max": 5}, "sections[1].limit.unit: must not be empty"),
        ({"limit unit": "paragraphs", "limit max": 5}, "sections[1].limit.unit: must be one of"),
        ({"limit unit": "words", "limit max": 2.5}, "sections[1].limit.max: must be a whole number"),
    ],
)
def test_a_half_filled_limit_is_named_by_row(change, where):
    rows = section_rows(DRAFT)
    rows[0].update(change)
    with pytest.raises(InvalidInput, match=where.replace("[", r"\[").replace("]", r"\]")):
        parse_template(template_from_rows(HEAD, rows, []))


def test_a_shared_limit_naming_a_removed_section_is_reported():
    shared = shared_rows(DRAFT)
    with pytest.raises(InvalidInput, match="names unknown section 'team'"):
        parse_template(template_from_rows(HEAD, section_rows(DRAFT)[:1], shared))


def test_the_order_column_puts_sections_in_place_and_where_found_is_only_shown():
    rows = section_rows(DRAFT, {"aims": "paragraph 3, style Heading 1"})
    assert rows[0]["found in"] == "paragraph 3, style Heading 1" and rows[1]["found in"] == ""
    rows[0]["order"], rows[1]["order"] = 2, 1
    rows.append({"order": None, "title": "Budget", "key": "budget", "found in": None})
    data = template_from_rows(HEAD, rows, [])
    assert [s["key"] for s in data["sections"]] == ["team", "aims", "budget"]
    assert "found in" not in data["sections"][0] and "order" not in data["sections"][0]
