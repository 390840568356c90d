"""Starting applications from templates, teams, assignments, and who may list what."""

from datetime import date
from decimal import Decimal

import pytest

from research.db.models import Application, AuditEvent, Section
from research.domain.errors import InvalidInput, NotFound, PermissionDenied
from research.domain.roles import Role
from research.services.drafting.application_view import application_detail
from research.services.drafting.applications import (
    my_applications,
    parse_amount,
    pipeline,
    round_choices,
    start_application,
)
from research.services.drafting.team import (
    assign_section,
    coauthor_candidates,
    default_due_date,
    invite_coauthor,
    remove_coauthor,
)
from research.services.roi import clusters
from tests.integration.drafting_support import make_round, section_id, start


def test_starting_copies_the_template_into_the_application(uow, make_actor):
    hana = make_actor(Role.RESEARCHER)
    application_id = start(uow, hana, template="marsden-full-proposal", requested="$950,000")
    detail = application_detail(uow, hana, application_id)
    assert [s.key for s in detail.sections][:3] == ["summary", "benefit", "background"]
    assert detail.my_role == "lead" and detail.lead_id == hana.id and detail.editable
    assert detail.requested == Decimal("950000.00") and detail.currency == "NZD"
    assert {s.status for s in detail.sections} == {"empty"}
    assert [g.key for g in detail.shared] == ["research_core", "plan"]
    with uow as session:
        application = session.get(Application, application_id)
        assert application.template_spec["key"] == "marsden-full-proposal"
        assert session.query(AuditEvent).filter_by(action="started application").count() == 1


def test_the_round_suggests_its_template_and_sets_draft_due_dates(uow, make_actor):
    hana = make_actor(Role.RESEARCHER)
    round_id = make_round(uow, make_actor(Role.MANAGER), template_key="hrc-project", draft_days=10)
    application_id = start_application(
        uow, hana, title="Hearing screening", round_id=round_id, cluster_id=None, requested="1150000"
    )
    detail = application_detail(uow, hana, application_id)
    assert detail.template_key == "hrc-project"
    due = {s.due_on for s in detail.sections}
    assert len(due) == 1 and (due_on := due.pop()) is not None
    assert due_on.weekday() < 5 and due_on < detail.closes_at.date()
    assert default_due_date(uow, hana, application_id) == due_on
    assert [c.id for c in round_choices(uow, hana)] == [round_id]


def test_a_round_on_the_default_offsets_has_its_draft_due_five_working_days_before(uow, make_actor):
    from research.adapters.public_holidays import NZ_HOLIDAYS
    from research.domain.round_values import local
    from research.domain.working_days import working_days_before

    hana = make_actor(Role.RESEARCHER)
    application_id = start(uow, hana, round_id=make_round(uow, make_actor(Role.MANAGER)))
    detail = application_detail(uow, hana, application_id)
    expected = working_days_before(local(detail.closes_at, "Pacific/Auckland").date(), 5, NZ_HOLIDAYS)
    assert {s.due_on for s in detail.sections} == {expected}
    assert default_due_date(uow, hana, application_id) == expected


def test_without_a_round_there_is_no_default_due_date(uow, make_actor):
    hana = make_actor(Role.RESEARCHER)
    application_id = start(uow, hana)
    assert {s.due_on for s in application_detail(uow, hana, application_id).sections} == {None}
    assert default_due_date(uow, hana, application_id) is None


def test_bad_inputs_are_all_reported_and_nothing_is_created(uow, make_actor):
    hana = make_actor(Role.RESEARCHER)
    with pytest.raises(InvalidInput) as caught:
        start_application(uow, hana, title=" ", round_id=None, cluster_id=999, requested="lots")
    assert {p.where for p in caught.value.problems} == {"title", "cluster", "requested amount", "template"}
    with uow as session:
        assert session.query(Application).count() == 0


def test_a_template_is_needed_when_the_round_suggests_none(uow, make_actor):
    with pytest.raises(InvalidInput, match="choose the funder's template"):
        start(uow, make_actor(Role.RESEARCHER), template=None)
    with pytest.raises(InvalidInput, match="there is no template 'nope'"):
        start(uow, make_actor(Role.RESEARCHER), template="nope")


def test_closed_and_archived_rounds_cannot_be_applied_to(uow, make_actor):
    hana = make_actor(Role.RESEARCHER)
    with pytest.raises(InvalidInput, match="closed on"):
        start(uow, hana, round_id=make_round(uow, make_actor(Role.MANAGER), closes_in_days=-1))
    with pytest.raises(InvalidInput, match="archived"):
        start(uow, hana, round_id=make_round(uow, make_actor(Role.MANAGER), archived=True))


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1,200,000", Decimal("1200000.00")),
        ("$99.5", Decimal("99.50")),
        ("", None),
        ("400k", Decimal("400000.00")),  # was accepted only by the round form
        ("NZD 1 200", Decimal("1200.00")),
    ],
)
def test_amounts_are_parsed_as_decimals(raw, expected):
    assert parse_amount(raw) == expected


@pytest.mark.parametrize(
    "raw, reason",
    [
        ("-5", "must be more than 0"),
        ("0", "must be more than 0"),
        ("1.234", "more than two decimal places"),
        ("abc", "is not an amount of money"),
        ("NaN", "is not an amount of money"),
        ("1,23", "is not an amount of money"),
    ],
)
def test_bad_amounts_are_refused(raw, reason):
    with pytest.raises(InvalidInput, match=f"requested amount: .*{reason}"):
        parse_amount(raw)


def test_the_requested_amount_is_in_the_round_currency(uow, make_actor):
    hana = make_actor(Role.RESEARCHER)
    with pytest.raises(InvalidInput, match="'US\\$ 5,000' is in USD, but this amount is in NZD"):
        start(uow, hana, round_id=make_round(uow, make_actor(Role.MANAGER)), requested="US$ 5,000")
    with uow as session:
        assert session.query(Application).count() == 0
    app_id = start(uow, hana, round_id=make_round(uow, make_actor(Role.MANAGER)), requested="1.2m")
    with uow as session:
        assert session.get(Application, app_id).requested_amount == Decimal("1200000.00")


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.MANAGER, Role.ADMIN])
def test_only_researchers_start_applications(uow, make_actor, role):
    with pytest.raises(PermissionDenied):
        start(uow, make_actor(role))


def test_the_lead_invites_a_coauthor_who_then_sees_it(uow, make_actor):
    hana, wiremu = make_actor(Role.RESEARCHER), make_actor(Role.RESEARCHER)
    application_id = start(uow, hana)
    assert wiremu.id in {u.id for u in coauthor_candidates(uow, hana, application_id)}
    invite_coauthor(uow, hana, application_id, wiremu.id)
    assert [a.id for a in my_applications(uow, wiremu)] == [application_id]
    assert my_applications(uow, wiremu)[0].my_role == "coauthor"
    assert wiremu.id not in {u.id for u in coauthor_candidates(uow, hana, application_id)}
    with pytest.raises(InvalidInput, match="already on the team"):
        invite_coauthor(uow, hana, application_id, wiremu.id)


def test_coauthors_must_be_researchers_and_only_the_lead_invites(uow, make_actor):
    hana, wiremu = make_actor(Role.RESEARCHER), make_actor(Role.RESEARCHER)
    application_id = start(uow, hana)
    with pytest.raises(InvalidInput, match="only researchers"):
        invite_coauthor(uow, hana, application_id, make_actor(Role.REVIEWER).id)
    invite_coauthor(uow, hana, application_id, wiremu.id)
    with pytest.raises(PermissionDenied, match="Only the application's lead"):
        invite_coauthor(uow, wiremu, application_id, make_actor(Role.RESEARCHER).id)


def test_removing_a_coauthor_unassigns_their_sections(uow, make_actor):
    hana, wiremu = make_actor(Role.RESEARCHER), make_actor(Role.RESEARCHER)
    application_id = start(uow, hana)
    invite_coauthor(uow, hana, application_id, wiremu.id)
    summary = section_id(uow, hana, application_id, "summary")
    assign_section(uow, hana, summary, wiremu.id, date(2026, 5, 1))
    with pytest.raises(InvalidInput, match="lead cannot be removed"):
        remove_coauthor(uow, hana, application_id, hana.id)
    remove_coauthor(uow, hana, application_id, wiremu.id)
    with uow as session:
        assert session.get(Section, summary).owner_id is None
    assert my_applications(uow, wiremu) == []
    with pytest.raises(NotFound):
        remove_coauthor(uow, hana, application_id, wiremu.id)


def test_sections_are_assigned_to_team_members_with_a_due_date(uow, make_actor):
    hana, wiremu, outsider = (make_actor(Role.RESEARCHER) for _ in range(3))
    application_id = start(uow, hana)
    invite_coauthor(uow, hana, application_id, wiremu.id)
    summary = section_id(uow, hana, application_id, "summary")
    assign_section(uow, wiremu, summary, wiremu.id, date(2026, 6, 1))
    detail = application_detail(uow, hana, application_id)
    assert (detail.section(summary).owner, detail.section(summary).due_on) == (wiremu.display_name, date(2026, 6, 1))
    with pytest.raises(InvalidInput, match="must be on the application's team"):
        assign_section(uow, hana, summary, outsider.id, None)
    with pytest.raises(PermissionDenied):
        assign_section(uow, outsider, summary, outsider.id, None)
    with uow as session:
        assert session.query(AuditEvent).filter_by(action="assigned section").count() == 1


def test_my_applications_lists_only_mine_with_progress(uow, make_actor):
    hana, wiremu = make_actor(Role.RESEARCHER), make_actor(Role.RESEARCHER)
    mine = start(uow, hana, title="Mine")
    start(uow, wiremu, title="Theirs")
    rows = my_applications(uow, hana)
    assert [r.id for r in rows] == [mine]
    assert rows[0].required_sections == 10 and rows[0].ready_sections == 0
    assert rows[0].template_name == "Marsden Fund — full proposal"


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMIN])
def test_managers_and_admins_list_the_pipeline_without_text(uow, make_actor, role):
    hana = make_actor(Role.RESEARCHER)
    clusters.add_cluster(uow, make_actor(Role.MANAGER), "Research")
    start(uow, hana, title="Visible title", requested="360000")
    rows = pipeline(uow, make_actor(role))
    assert [(r.title, r.requested) for r in rows] == [("Visible title", Decimal("360000.00"))]
    assert not hasattr(rows[0], "body") and not hasattr(rows[0], "sections")


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMIN, Role.REVIEWER])
def test_nobody_off_the_team_opens_an_application(uow, make_actor, role):
    application_id = start(uow, make_actor(Role.RESEARCHER))
    with pytest.raises(PermissionDenied):
        application_detail(uow, make_actor(role), application_id)


def test_a_researcher_off_the_team_cannot_open_it(uow, make_actor):
    application_id = start(uow, make_actor(Role.RESEARCHER))
    with pytest.raises(PermissionDenied, match="Only the application's team"):
        application_detail(uow, make_actor(Role.RESEARCHER), application_id)


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER])
def test_researchers_and_reviewers_cannot_list_the_pipeline(uow, make_actor, role):
    with pytest.raises(PermissionDenied):
        pipeline(uow, make_actor(role))


def test_round_choices_leave_out_closed_rounds(uow, make_actor):
    open_id = make_round(uow, make_actor(Role.MANAGER), closes_in_days=10)
    make_round(uow, make_actor(Role.MANAGER), closes_in_days=-10)
    assert [c.id for c in round_choices(uow, make_actor(Role.RESEARCHER))] == [open_id]


def test_my_sections_lists_what_is_assigned_to_me_and_not_ready(uow, make_actor):
    from research.services.drafting.sections import save_section, set_section_ready
    from research.services.drafting.team import my_sections

    hana = make_actor(Role.RESEARCHER)
    application_id = start(uow, hana)
    summary, aims = (section_id(uow, hana, application_id, k) for k in ("summary", "aims"))
    assign_section(uow, hana, summary, hana.id, date(2026, 3, 1))
    assign_section(uow, hana, aims, hana.id, None)
    assert [(s.section_title, s.due_on) for s in my_sections(uow, hana)] == [
        ("Summary", date(2026, 3, 1)),
        ("Overall aims", None),
    ]
    save_section(uow, hana, summary, "Done.", 0)
    set_section_ready(uow, hana, summary, True)
    assert [s.section_title for s in my_sections(uow, hana)] == ["Overall aims"]
    assert my_sections(uow, make_actor(Role.MANAGER)) == []
