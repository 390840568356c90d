"""Exporting an application: who may, and which text (current, frozen for review, as at a time)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from research.domain.application_status import ApplicationStatus
from research.domain.clock import frozen_at
from research.domain.errors import NotFound, PermissionDenied
from research.domain.roles import Role
from research.domain.template_spec import Limit
from research.export.docx_application import application_docx
from research.services.drafting import docx_export, sections
from research.services.drafting.docx_export import CURRENT, TextVersion
from research.services.review import lifecycle
from tests.docx_support import FIRST, FROZEN, SECOND, T1, T2, T3, build_application, reopen
from tests.service_catalogue import add_clusters


@pytest.fixture
def team(uow, make_actor):
    lead = make_actor(Role.RESEARCHER, "hana")
    coauthor = make_actor(Role.RESEARCHER, "wiremu")
    built = build_application(uow, lead, (coauthor,))
    return lead, coauthor, built


def bodies(document):
    return {s.key: s.body for s in document.sections}


@pytest.mark.parametrize("member", ["lead", "coauthor"])
def test_the_team_may_export(uow, team, member):
    lead, coauthor, built = team
    actor = lead if member == "lead" else coauthor
    document = docx_export.export_document(uow, actor, built.id)
    assert [s.key for s in document.sections] == ["summary", "aims", "methods", "team"]


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER, Role.ADMIN])
def test_no_one_outside_the_team_may_export_whatever_their_role(uow, team, make_actor, role):
    _, _, built = team
    outsider = make_actor(role)
    with pytest.raises(PermissionDenied, match="not on this application's team"):
        docx_export.export_document(uow, outsider, built.id)
    with pytest.raises(PermissionDenied):
        docx_export.export_choices(uow, outsider, built.id)


def test_a_manager_overseeing_applications_may_export_but_never_edits(uow, team, make_actor):
    from research.services.drafting import access

    _, _, built = team
    manager = make_actor(Role.MANAGER)
    assert [s.key for s in docx_export.export_document(uow, manager, built.id).sections][:1] == ["summary"]
    with uow as session:
        assert not access.may_edit(session, manager, built.id)


def test_an_unknown_application_or_section_is_not_found(uow, team):
    lead, _, built = team
    with pytest.raises(NotFound, match="no application with id 9999"):
        docx_export.export_document(uow, lead, 9999)
    with pytest.raises(NotFound, match="no section with id 9999"):
        docx_export.export_document(uow, lead, built.id, section_id=9999)


def test_title_block_facts_come_from_the_round_and_team(uow, team):
    lead, _, built = team
    document = docx_export.export_document(uow, lead, built.id)
    assert document.title == "Hearing screening in primary schools"
    assert document.funder.startswith("Health Research Council of New Zealand")
    assert (document.scheme, document.round_name) == ("Projects", "HRC Projects 2026")
    assert document.team == ("Hana (lead)", "Wiremu")
    assert document.text_source == "Current text"
    assert document.page.paper == "A4" and document.page.font == "Times New Roman"
    assert document.template_key == "hrc-projects-test"
    summary = document.sections[0]
    assert summary.title == "Lay summary" and summary.limit == Limit("words", 20)


def test_current_text(uow, team):
    lead, _, built = team
    assert bodies(docx_export.export_document(uow, lead, built.id, CURRENT)) == {**SECOND, "team": ""}


def test_text_frozen_for_a_review_round(uow, team):
    lead, _, built = team
    document = docx_export.export_document(uow, lead, built.id, TextVersion.review_round(built.review_round_id))
    assert bodies(document) == {**FIRST, "team": ""}
    assert document.text_source.startswith("As frozen for review round 1 (")
    by_number = docx_export.export_document_as_operator(uow, built.id, TextVersion.review_round_numbered(1))
    assert bodies(by_number) == bodies(document)


def test_a_review_round_of_another_application_is_not_found(uow, team, make_actor):
    lead, _, built = team
    other = build_application(uow, lead, title="Another application")
    with pytest.raises(NotFound, match="no review round"):
        docx_export.export_document(uow, lead, built.id, TextVersion.review_round(other.review_round_id))
    with pytest.raises(NotFound, match="no review round 4"):
        docx_export.export_document(uow, lead, built.id, TextVersion.review_round_numbered(4))


@pytest.mark.parametrize(
    "moment, expected",
    [
        (T1 - timedelta(minutes=1), {}),
        (T1, FIRST),
        (FROZEN, FIRST),
        (T2 + timedelta(hours=1), SECOND),
        (T3 + timedelta(days=1), SECOND),  # a save refused as a conflict never became the text
    ],
)
def test_latest_revision_at_or_before_a_time(uow, team, moment, expected):
    lead, _, built = team
    document = docx_export.export_document(uow, lead, built.id, TextVersion.at_time(moment))
    assert bodies(document) == {key: expected.get(key, "") for key in ("summary", "aims", "methods", "team")}
    assert document.text_source.startswith("As saved at ")


def test_one_section_at_a_chosen_revision(uow, team):
    lead, _, built = team
    document = docx_export.export_document(
        uow, lead, built.id, TextVersion.review_round(built.review_round_id), section_id=built.section_ids["aims"]
    )
    assert [(s.key, s.body) for s in document.sections] == [("aims", FIRST["aims"])]


def test_choices_list_sections_in_order_and_review_rounds(uow, team):
    lead, _, built = team
    choices = docx_export.export_choices(uow, lead, built.id)
    assert [s.title for s in choices.sections] == ["Lay summary", "Aims", "Methods", "Team and roles"]
    assert [(r.id, r.number) for r in choices.review_rounds] == [(built.review_round_id, 1)]
    assert choices.review_rounds[0].requested_at == FROZEN


def test_my_applications_are_only_those_i_am_on(uow, team, make_actor):
    lead, coauthor, built = team
    outsider = make_actor(Role.RESEARCHER)
    build_application(uow, outsider, title="Someone else's application")
    assert [a.id for a in docx_export.my_applications(uow, coauthor)] == [built.id]
    assert [a.title for a in docx_export.my_applications(uow, outsider)] == ["Someone else's application"]


def test_exported_file_has_the_sections_in_template_order(uow, team):
    lead, _, built = team
    document = docx_export.export_document(uow, lead, built.id)
    doc = reopen(application_docx(document, None, include_counts=True))
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == [
        "1. Lay summary",
        "2. Aims",
        "3. Methods",
        "4. Team and roles",
    ]
    texts = [p.text for p in doc.paragraphs]
    assert "A better summary of the project." in texts and "Length: 6 of 20 words" in texts
    assert [h.url for p in doc.paragraphs for h in p.hyperlinks] == ["https://example.org/report"]


def test_applications_still_in_flight_come_first(uow, make_actor):
    lead = make_actor(Role.RESEARCHER)
    cluster = add_clusters(uow, "Hearing research")["Hearing research"]  # an award is credited to a cluster
    built = {
        title: build_application(uow, lead, title=title, cluster_id=cluster)
        for title in ("A won grant", "B draft", "C draft")
    }
    won(uow, lead, built["A won grant"], make_actor(Role.MANAGER))
    assert [a.title for a in docx_export.my_applications(uow, lead)] == ["B draft", "C draft", "A won grant"]


def won(uow, lead, built, manager):
    """The lead marks the written sections ready, marks the application ready and submits it a day
    after the refused save; a manager records the award when the funder decides."""
    with frozen_at(T3 + timedelta(days=1)):
        for key in FIRST:
            sections.set_section_ready(uow, lead, built.section_ids[key], True)
        lifecycle.move_application(uow, lead, built.id, ApplicationStatus.READY)
        lifecycle.move_application(uow, lead, built.id, ApplicationStatus.SUBMITTED)
    with frozen_at(datetime(2026, 6, 1, tzinfo=UTC)):
        award = lifecycle.AwardInput("900000", date(2026, 6, 1))
        lifecycle.move_application(uow, manager, built.id, ApplicationStatus.AWARDED, award)
