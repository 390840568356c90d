"""The readiness gate reports page-limited sections by their measured pages, for the text they were
measured on; any other text version falls back to the labelled estimate."""

from __future__ import annotations

import pytest

from research.adapters.reference_files import template_reference_digest
from research.adapters.render_cache import PageCountCache
from research.config import load_settings
from research.domain.export_document import ExportOptions, counts_fingerprint
from research.domain.page_counts import PageCounts
from research.domain.roles import Role
from research.export.page_count import measure_pages
from research.services.drafting import docx_export, sections
from research.services.review.readiness import check_readiness
from tests.docx_support import build_application


def remember(document, counts: PageCounts) -> None:
    settings = load_settings()
    digest = template_reference_digest(settings.templates_dir, document.template_key)
    PageCountCache(settings.cache_dir).put(counts_fingerprint(document, True, digest), counts)


def lines(result) -> list[str]:
    return [str(line) for line in result.pages]


def test_measured_pages_decide_the_gate_for_that_text_version_only(uow, make_actor):
    lead = make_actor(Role.RESEARCHER)
    built = build_application(uow, lead)
    estimate = check_readiness(uow, lead, built.id)
    assert lines(estimate) == ["2. Aims: 0.1 of 1 page (estimate)"]
    remember(docx_export.export_document(uow, lead, built.id), PageCounts({"aims": 1.4}))

    measured = check_readiness(uow, lead, built.id)
    assert lines(measured) == ["2. Aims: 1.4 of 1 page (measured)"]
    assert "“Aims” is over its limit: 1.4 / 1 pages (measured)." in [g.message for g in measured.gaps]

    assert sections.save_section(uow, lead, built.section_ids["aims"], "1. Aim one\n2. Aim two\n3. Aim three", 2).saved
    again = check_readiness(uow, lead, built.id)
    assert lines(again) == ["2. Aims: 0.1 of 1 page (estimate)"]
    assert not any("over its limit" in g.message for g in again.gaps)


@pytest.mark.slow
def test_a_real_measurement_reaches_the_gate(uow, make_actor):
    lead = make_actor(Role.RESEARCHER)
    built = build_application(uow, lead)
    document = docx_export.export_document(uow, lead, built.id)
    counts = measure_pages(document, ExportOptions(), None, PageCountCache(load_settings().cache_dir))
    assert counts.measured and 0 < counts.pages["aims"] < 1
    assert lines(check_readiness(uow, lead, built.id)) == [f"2. Aims: {counts.pages['aims']:g} of 1 page (measured)"]
