"""Shipped templates state only the page rules the funders publish (shared/reference/funding-facts.md)."""

from pathlib import Path

import pytest

from research.domain.page_rules import page_summary
from research.services.drafting.templates import read_template_file

TEMPLATES = Path(__file__).parents[3] / "templates"
PUBLISHED = {
    # Marsden checklist for full proposals: A4, 2 cm margins, 12 pt, single spacing (no font face).
    "marsden-full-proposal": {"paper": "A4", "margins_cm": 2.0, "font_size_pt": 12.0, "line_spacing": 1.0},
}


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.toml")), ids=lambda p: p.stem)
def test_a_template_states_only_published_page_rules(path):
    page = read_template_file(path).page
    expected = PUBLISHED.get(path.stem, {})
    assert {rule: getattr(page, rule) for rule in page.stated} == expected


def test_rules_not_stated_read_as_not_stated():
    page = read_template_file(TEMPLATES / "marsden-full-proposal.toml").page
    assert dict(page_summary({rule: getattr(page, rule) for rule in page.stated})) == {
        "Paper": "A4",
        "Margins": "2 cm",
        "Font": "not stated",
        "Font size": "12 pt",
        "Line spacing": "single",
        "Headers and footers": "not stated",
    }
