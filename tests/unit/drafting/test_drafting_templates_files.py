"""The shipped funder templates, and how a template file with a mistake is refused."""

import tomllib
from pathlib import Path

import pytest

from research.config import ROOT
from research.domain.errors import InvalidInput
from research.domain.template_spec import Limit, parse_template, template_to_dict
from research.services.drafting.templates import read_template_file

TEMPLATES = ROOT / "templates"
SHIPPED = sorted(TEMPLATES.glob("*.toml"))
REQUIRED_KEYS = {
    "marsden-full-proposal",
    "hrc-project",
    "mbie-smart-ideas",
    "nih-r01",
    "horizon-europe-ria",
    "erc-stg-b1",
}


def spec(key):
    return read_template_file(TEMPLATES / f"{key}.toml")


def test_every_required_funder_template_ships():
    assert {p.stem for p in SHIPPED} >= REQUIRED_KEYS


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_each_shipped_template_parses_cites_sources_and_round_trips(path):
    template = read_template_file(path)
    assert template.sources, "each template cites where its facts come from"
    assert template.checklist and template.rubric.criteria
    assert parse_template(template_to_dict(template), path.name) == template


def test_marsden_limits_follow_the_full_proposal_checklist():
    marsden = spec("marsden-full-proposal")
    assert marsden.section("summary").limit == Limit("words", 200)
    assert marsden.section("benefit").limit == Limit("words", 400)
    assert marsden.section("references").limit == Limit("pages", 4)
    assert marsden.section("cv").limit == Limit("pages", 5)
    shared = {g.key: g for g in marsden.shared_limits}
    assert shared["research_core"].sections == ("background", "aims", "proposed_research")
    assert shared["research_core"].limit == Limit("pages", 5)
    assert shared["plan"].sections == ("timetable", "roles_resources", "ethics")
    assert shared["plan"].limit == Limit("pages", 2)
    assert (marsden.page.paper, marsden.page.margins_cm, marsden.page.font_size_pt) == ("A4", 2.0, 12.0)
    assert not marsden.section("vision_matauranga").required


def test_horizon_europe_rubric_has_half_marks_thresholds_and_a_shared_40_pages():
    horizon = spec("horizon-europe-ria")
    assert [c.title for c in horizon.rubric.criteria] == [
        "Excellence",
        "Impact",
        "Quality and efficiency of the implementation",
    ]
    for criterion in horizon.rubric.criteria:
        assert (criterion.scale.min, criterion.scale.max, criterion.scale.step) == (0, 5, 0.5)
        assert criterion.threshold == 3
    assert horizon.rubric.overall_threshold == 10
    assert horizon.shared_limits[0].limit == Limit("pages", 40)
    assert len(horizon.shared_limits[0].sections) == len(horizon.sections)


def test_nih_scores_low_is_best_and_rates_expertise_without_a_number():
    nih = spec("nih-r01")
    by_key = {c.key: c for c in nih.rubric.criteria}
    assert by_key["importance"].scale.best == "low" and by_key["importance"].scale.max == 9
    assert by_key["expertise_resources"].scale.ratings == ("sufficient", "not sufficient")
    assert nih.section("project_summary").limit == Limit("lines", 30)
    assert nih.section("research_strategy").limit == Limit("pages", 12)
    assert nih.section("title").limit == Limit("characters", 200)


def test_mbie_smart_ideas_scores_on_seven_points_with_excellence_half():
    mbie = spec("mbie-smart-ideas")
    excellence = next(c for c in mbie.rubric.criteria if c.key == "excellence")
    assert (excellence.scale.min, excellence.scale.max) == (1, 7)
    assert excellence.weight / sum(c.weight for c in mbie.rubric.criteria) == 0.5


def test_erc_abstract_counts_characters_and_cv_shares_four_pages():
    erc = spec("erc-stg-b1")
    assert erc.section("abstract").limit == Limit("characters", 2000)
    assert erc.shared_limits[0].sections == ("cv", "track_record")


def test_details_missing_from_the_reference_are_said_in_guidance_not_invented():
    hrc = spec("hrc-project")
    unlimited = [s for s in hrc.sections if s.limit is None]
    assert unlimited
    # The guidance says where the funder publishes the limit, instead of inventing one.
    assert all(
        "limit" in s.guidance.lower() and "check" in s.guidance for s in unlimited if s.key not in ("team", "budget")
    )


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal(path: Path) -> str:
    with pytest.raises(InvalidInput) as caught:
        read_template_file(path)
    return str(caught.value)


def good_toml(key="demo-form", limit_max="200"):
    return f"""
key = "{key}"
name = "Demo"
funder = "Funder"
scheme = "Scheme"
version = "1"
[[sections]]
key = "summary"
title = "Summary"
limit = {{ unit = "words", max = {limit_max} }}
"""


def test_a_good_minimal_file_is_read(tmp_path):
    assert read_template_file(write(tmp_path, "demo-form.toml", good_toml())).key == "demo-form"


def test_broken_toml_names_the_file_and_the_line(tmp_path):
    message = refusal(write(tmp_path, "demo-form.toml", good_toml() + "\n[[sections]\n"))
    assert message.startswith("demo-form.toml: is not valid TOML") and "line" in message


def test_a_wrong_value_names_the_file_and_the_key(tmp_path):
    message = refusal(write(tmp_path, "demo-form.toml", good_toml(limit_max="0")))
    assert message == "demo-form.toml: sections[1].limit.max: must be more than 0, not 0"


def test_a_key_that_does_not_match_the_file_name_is_refused(tmp_path):
    message = refusal(write(tmp_path, "other.toml", good_toml()))
    assert "other.toml: key" in message and "must match the file name" in message


def test_a_key_with_spaces_is_refused(tmp_path):
    message = refusal(write(tmp_path, "Bad Key.toml", good_toml(key="Bad Key")))
    assert "Bad Key.toml: key" in message and "lowercase" in message


def test_shipped_files_are_utf8_toml():
    for path in SHIPPED:
        tomllib.loads(path.read_text(encoding="utf-8"))
