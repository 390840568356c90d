"""Template files are checked key by key; a good one reads back unchanged."""

import pytest

from research.domain.errors import InvalidInput
from research.domain.template_spec import parse_template, template_to_dict

GOOD = {
    "key": "marsden-full",
    "name": "Marsden full proposal",
    "funder": "Marsden Fund",
    "scheme": "Standard",
    "version": "2025",
    "page": {"paper": "A4", "margins_cm": 2, "font": "Times New Roman", "font_size_pt": 12},
    "sections": [
        {"key": "summary", "title": "Summary", "limit": {"unit": "words", "max": 200}},
        {"key": "timetable", "title": "Timetable"},
        {"key": "roles", "title": "Roles and resources", "required": False},
    ],
    "shared_limits": [
        {
            "key": "t-r",
            "title": "Timetable and roles",
            "sections": ["timetable", "roles"],
            "limit": {"unit": "pages", "max": 2},
        }
    ],
    "checklist": [{"key": "aims", "text": "Aims are clear"}],
    "rubric": {
        "overall_threshold": 10,
        "criteria": [
            {
                "key": "excellence",
                "title": "Excellence",
                "weight": 0.5,
                "threshold": 3,
                "scale": {"min": 0, "max": 5, "step": 0.5, "best": "high"},
            },
            {
                "key": "expertise",
                "title": "Expertise and resources",
                "pass_rating": "sufficient",
                "scale": {"ratings": ["sufficient", "not sufficient"]},
            },
        ],
    },
}


def test_a_good_template_parses_and_round_trips():
    spec = parse_template(GOOD, "marsden.toml")
    assert spec.section("summary").limit.max == 200
    assert spec.shared_limits[0].sections == ("timetable", "roles")
    assert spec.rubric.criteria[1].scale.ratings == ("sufficient", "not sufficient")
    assert parse_template(template_to_dict(spec)) == spec


@pytest.mark.parametrize(
    ("change", "where", "reason"),
    [
        (lambda d: d.pop("name"), "name", "is missing"),
        (lambda d: d["sections"][0]["limit"].update(unit="paragraphs"), "sections[1].limit.unit", "must be one of"),
        (lambda d: d["sections"][0]["limit"].update(max=0), "sections[1].limit.max", "more than 0"),
        (lambda d: d["sections"][1].update(key="summary"), "sections[2].key", "used twice"),
        (
            lambda d: d["shared_limits"][0].update(sections=["timetable", "budget"]),
            "shared_limits[1].sections",
            "unknown section 'budget'",
        ),
        (lambda d: d["rubric"]["criteria"][0]["scale"].update(max=-1), "rubric.criteria[1].scale.max", "more than min"),
        (lambda d: d["rubric"]["criteria"][0].update(threshold=9), "rubric.criteria[1].threshold", "on the scale"),
        (lambda d: d["sections"][0].update(required="yes"), "sections[1].required", "true or false"),
        (lambda d: d.update(sections=[]), "sections", "at least one"),
    ],
)
def test_each_mistake_names_the_file_the_key_and_the_reason(change, where, reason):
    import copy

    data = copy.deepcopy(GOOD)
    change(data)
    with pytest.raises(InvalidInput) as caught:
        parse_template(data, "marsden.toml")
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith(f"marsden.toml: {where}") and reason in m for m in messages), messages
