"""The one reading of an application's copied template, a section's limit columns, and "empty"."""

from __future__ import annotations

import pytest

from research.domain.errors import DomainError
from research.domain.section_rules import SectionStatus, is_empty, status_after_save
from research.domain.stored_template import copied_template, stored_limit
from research.domain.template_spec import Limit
from tests.review_builders import MINI_SPEC


def test_a_limit_is_read_from_its_columns():
    assert stored_limit("words", 400, "Summary") == Limit("words", 400)
    assert stored_limit("pages", 2, "Track record") == Limit("pages", 2)


def test_no_limit_stored_is_no_limit():
    assert stored_limit(None, None, "Summary") is None


@pytest.mark.parametrize(
    ("unit", "maximum"), [("furlongs", 3), ("words", 0), ("words", -5), ("words", None), (None, 400), ("", 400)]
)
def test_a_damaged_limit_is_refused_naming_the_section(unit, maximum):
    with pytest.raises(DomainError, match="“Summary”.*cannot be read.*repair"):
        stored_limit(unit, maximum, "Summary")


def test_the_copied_template_is_parsed():
    spec = copied_template(MINI_SPEC, "River memory")
    assert spec is not None and spec.key == MINI_SPEC["key"]
    assert [s.key for s in spec.sections] == [s["key"] for s in MINI_SPEC["sections"]]


@pytest.mark.parametrize("nothing", [None, {}])
def test_an_application_started_without_a_template_has_none(nothing):
    assert copied_template(nothing, "River memory") is None


def test_a_damaged_copied_template_is_refused_naming_the_application_never_swallowed():
    damaged = {**MINI_SPEC, "sections": "not a list"}
    with pytest.raises(DomainError, match="“River memory” cannot be read.*sections.*repair"):
        copied_template(damaged, "River memory")


@pytest.mark.parametrize("body", ["", "  \n\t", "---", "***\n\n___", "<!-- later -->", "\n---\n\n---\n"])
def test_text_a_reader_cannot_see_is_empty(body):
    assert is_empty(body)
    assert status_after_save(body) is SectionStatus.EMPTY


VISIBLE = ["a", "# Aims", "- one", "`code`", "| a |\n|---|\n| b |", "---\nWords after the rule."]


@pytest.mark.parametrize("body", VISIBLE)
def test_any_visible_text_is_not_empty(body):
    assert not is_empty(body)
    assert status_after_save(body) is SectionStatus.DRAFTING
