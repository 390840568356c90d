"""Funding rounds through the services: status, milestones, duplicates, filters, panels, audit."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from research.db.models import AuditEvent, FundingRound, RoundMilestone
from research.domain.errors import Conflict, InvalidInput
from research.domain.roles import Role
from research.domain.round_rules import RoundInput, RoundStatus
from research.services.drafting.templates import add_template
from research.services.rounds import calendar as rounds
from research.services.rounds import editing as round_editing
from research.services.rounds import funders
from research.services.rounds.calendar import RoundFilter
from tests.integration.drafting_support import small_template
from tests.integration.rounds_helpers import add_application, add_funders_and_clusters, add_round, nz

NOW = nz(2026, 2, 1, 9, 0)


@pytest.fixture
def ids(uow, make_actor):
    return add_funders_and_clusters(uow, make_actor(Role.MANAGER))


@pytest.fixture
def manager(make_actor):
    return make_actor(Role.MANAGER)


def statuses(uow, actor, now, **filters):
    frame = rounds.list_rounds(uow, actor, RoundFilter(**filters), now)
    return dict(zip(frame["round"], frame["status"], strict=True))


def test_a_round_is_stored_in_utc_and_read_back_with_its_milestones(uow, manager, ids):
    round_id = add_round(
        uow,
        manager,
        ids,
        closes=nz(2023, 2, 20, 12, 0),
        pool=Decimal("14760000"),
        success_rate=Decimal("0.13"),
        cluster_ids=(ids["Research"],),
    )
    detail = rounds.get_round(uow, manager, round_id, now=nz(2023, 1, 10))
    assert detail.closes_at == datetime(2023, 2, 19, 23, 0, tzinfo=UTC)
    assert detail.name == "Fast-Start 2023" and detail.status is RoundStatus.OPEN
    assert detail.pool == Decimal("14760000.00") and detail.clusters == ("Research",)
    assert [(m.kind, m.due_at) for m in detail.milestones] == [
        ("intent", nz(2023, 2, 3, 12, 0)),
        ("draft", nz(2023, 2, 13, 12, 0)),
        ("signoff", nz(2023, 2, 16, 12, 0)),
    ]


def test_status_is_derived_from_the_dates_unless_forecast(uow, manager, ids):
    add_round(uow, manager, ids, "Closed", closes=nz(2026, 1, 20, 12, 0))
    add_round(uow, manager, ids, "Open", closes=nz(2026, 3, 1, 12, 0), opens_at=nz(2026, 1, 1))
    add_round(uow, manager, ids, "Upcoming", closes=nz(2026, 6, 1, 12, 0), opens_at=nz(2026, 4, 1))
    add_round(uow, manager, ids, "Forecast", closes=nz(2027, 2, 20, 12, 0), is_forecast=True)
    assert statuses(uow, manager, NOW) == {
        "Closed 2026": "closed",
        "Open 2026": "open",
        "Upcoming 2026": "upcoming",
        "Forecast 2027": "forecast",
    }
    later = nz(2026, 4, 2)
    assert statuses(uow, manager, later)["Upcoming 2026"] == "open"
    for status in RoundStatus:
        assert list(statuses(uow, manager, NOW, statuses=(status,)).values()) == [status.value]


def test_the_same_funder_scheme_and_closing_date_is_refused_as_a_duplicate(uow, manager, ids):
    add_round(uow, manager, ids, closes=nz(2026, 3, 2, 12, 0))
    for scheme, closes in (("Fast-Start", nz(2026, 3, 2, 12, 0)), ("fast-start", nz(2026, 3, 2, 17, 0))):
        with pytest.raises(Conflict, match="already listed"):
            add_round(uow, manager, ids, scheme, closes=closes)
    add_round(uow, manager, ids, closes=nz(2026, 3, 3, 12, 0))  # another day is another round
    add_round(uow, manager, ids, funder_id=ids["Health Research Council"])  # so is another funder
    with uow as session:
        assert len(session.scalars(select(FundingRound)).all()) == 3


def test_editing_a_round_into_another_rounds_date_is_refused(uow, manager, ids):
    add_round(uow, manager, ids, closes=nz(2026, 3, 2, 12, 0))
    other = add_round(uow, manager, ids, closes=nz(2026, 4, 2, 12, 0))
    clash = RoundInput(funder_id=ids["Marsden Fund"], scheme="Fast-Start", closes_at=nz(2026, 3, 2, 9, 0))
    with pytest.raises(Conflict):
        round_editing.update_round(uow, manager, other, clash)


def test_an_edit_is_saved_and_audited_with_the_fields_it_changed(uow, manager, ids):
    round_id = add_round(uow, manager, ids)
    saved, archived = round_editing.round_input(uow, manager, round_id)
    changed = RoundInput(
        **{
            **saved.__dict__,
            "pool": Decimal("5000000"),
            "is_forecast": True,
            "offsets": {"intent": 15, "draft": 6, "signoff": 1},
        }
    )
    round_editing.update_round(uow, manager, round_id, changed)
    detail = rounds.get_round(uow, manager, round_id)
    assert detail.pool == Decimal("5000000.00") and detail.status is RoundStatus.FORECAST
    assert detail.offsets == {"intent": 15, "draft": 6, "signoff": 1}
    with uow as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "changed funding round")).one()
        assert set(event.detail["fields"]) == {"pool", "is_forecast"} and event.actor_id == manager.id


def test_invalid_rounds_change_nothing(uow, manager, ids):
    bad = RoundInput(
        funder_id=ids["Marsden Fund"],
        scheme="Fast-Start",
        closes_at=nz(2026, 3, 2, 12, 0),
        opens_at=nz(2026, 4, 1),
        pool=Decimal("-1"),
        cluster_ids=(9999,),
    )
    with pytest.raises(InvalidInput) as raised:
        round_editing.create_round(uow, manager, bad)
    assert {p.where for p in raised.value.problems} == {"Closes", "Pool", "Clusters"}
    with uow as session:
        assert session.scalars(select(FundingRound)).all() == []


def test_archiving_hides_a_round_and_is_audited(uow, manager, ids):
    round_id = add_round(uow, manager, ids)
    round_editing.set_archived(uow, manager, round_id, True)
    round_editing.set_archived(uow, manager, round_id, True)  # twice is once
    assert rounds.list_rounds(uow, manager).empty
    round_editing.set_archived(uow, manager, round_id, False)
    assert len(rounds.list_rounds(uow, manager)) == 1
    with uow as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity == "funding_round").order_by(AuditEvent.id)
        ).all()
    assert actions == ["created funding round", "archived funding round", "restored funding round"]


def test_offsets_are_stored_only_when_they_differ_from_the_defaults(uow, manager, ids):
    round_id = add_round(uow, manager, ids)
    assert round_editing.set_offsets(uow, manager, round_id, {"intent": 20}) == {"intent": 20, "draft": 5, "signoff": 2}
    with uow as session:
        assert len(session.scalars(select(RoundMilestone)).all()) == 3
    round_editing.set_offsets(uow, manager, round_id, {"intent": 10})
    with uow as session:
        assert session.scalars(select(RoundMilestone)).all() == []
    with pytest.raises(InvalidInput, match="must not come before"):
        round_editing.set_offsets(uow, manager, round_id, {"intent": 1})


def test_filters_and_sorting(uow, manager, ids):
    add_round(
        uow,
        manager,
        ids,
        "Fast-Start",
        closes=nz(2026, 2, 20, 12, 0),
        cluster_ids=(ids["Research"],),
        pool=Decimal("1000"),
    )
    add_round(
        uow,
        manager,
        ids,
        "Standard",
        closes=nz(2026, 2, 10, 12, 0),
        eligibility="Pacific health 100%_ok",
        pool=Decimal("9000"),
    )
    add_round(
        uow,
        manager,
        ids,
        "Projects",
        closes=nz(2026, 5, 1, 12, 0),
        funder_id=ids["Health Research Council"],
        cluster_ids=(ids["Food"], ids["Research"]),
    )

    def names(**filters):
        return rounds.list_rounds(uow, manager, RoundFilter(**filters), NOW)["round"].tolist()

    assert names() == ["Standard 2026", "Fast-Start 2026", "Projects 2026"]
    assert names(descending=True) == ["Projects 2026", "Fast-Start 2026", "Standard 2026"]
    assert names(sort="pool", descending=True) == ["Standard 2026", "Fast-Start 2026", "Projects 2026"]
    assert names(sort="funder") == ["Projects 2026", "Fast-Start 2026", "Standard 2026"]
    assert names(funder_ids=(ids["Health Research Council"],)) == ["Projects 2026"]
    assert names(schemes=("Standard", "Projects")) == ["Standard 2026", "Projects 2026"]
    assert names(cluster_ids=(ids["Food"],)) == ["Projects 2026"]
    assert names(cluster_ids=(ids["Research"],)) == ["Fast-Start 2026", "Projects 2026"]
    assert names(text="pacific") == ["Standard 2026"]
    assert names(text="100%_") == ["Standard 2026"]  # LIKE wildcards are plain text
    assert names(text="100%x") == []
    assert names(text="health research") == ["Projects 2026"]  # the funder's name counts
    assert names(closing_within_days=10) == ["Standard 2026"]
    assert names(closing_within_days=30) == ["Standard 2026", "Fast-Start 2026"]
    frame = rounds.list_rounds(uow, manager, RoundFilter(), NOW)
    assert frame.loc[frame["round"] == "Projects 2026", "clusters"].item() == ["Food", "Research"]


def test_application_titles_show_to_everyone_but_lead_and_amount_only_to_the_team(uow, manager, ids, make_actor):
    round_id = add_round(uow, manager, ids)
    lead, other, reviewer = make_actor(Role.RESEARCHER), make_actor(Role.RESEARCHER), make_actor(Role.REVIEWER)
    add_application(uow, lead, round_id, "Kelp forests as carbon stores")
    shown = {
        who: rounds.get_round(uow, actor, round_id).applications[0]
        for who, actor in (("lead", lead), ("other", other), ("reviewer", reviewer), ("manager", manager))
    }
    assert all(a.title == "Kelp forests as carbon stores" and a.status == "drafting" for a in shown.values())
    assert shown["lead"].lead == lead.display_name and shown["lead"].requested == Decimal("800000.00")
    assert shown["lead"].mine
    assert shown["manager"].lead == lead.display_name and not shown["manager"].mine
    for who in ("other", "reviewer"):
        assert shown[who].lead is None and shown[who].requested is None


def test_closing_soon_and_milestones_show_before_the_dates_not_after(uow, manager, ids, make_actor):
    soon = add_round(uow, manager, ids, closes=nz(2026, 2, 20, 12, 0))
    add_round(uow, manager, ids, "Later", closes=nz(2026, 6, 1, 12, 0))
    add_round(uow, manager, ids, "Past", closes=nz(2026, 1, 20, 12, 0))
    researcher = make_actor(Role.RESEARCHER)
    add_application(uow, researcher, soon)

    items, total = rounds.closing_soon(uow, researcher, days=21, now=NOW)
    assert [(i.round, i.yours) for i in items] == [("Fast-Start 2026", True)] and total == 1
    due, _ = rounds.milestones_due(uow, researcher, days=14, now=NOW)
    # Close Fri 20 Feb 2026 noon: intent Thu 5 Feb (Waitangi Day, Fri 6, skipped), draft Fri 13, sign-off Wed 18.
    assert [(i.what, i.due_at) for i in due] == [
        ("Intent to apply", nz(2026, 2, 5, 12, 0)),
        ("Full draft for review", nz(2026, 2, 13, 12, 0)),
    ]
    after_intent = nz(2026, 2, 5, 12, 1)
    due, _ = rounds.milestones_due(uow, researcher, days=14, now=after_intent)
    assert [i.what for i in due] == ["Full draft for review", "Final sign-off"]
    assert rounds.closing_soon(uow, researcher, now=nz(2026, 2, 20, 12, 0))[0] == []  # at the close it is gone


def test_funders_are_added_and_renamed_without_duplicates(uow, manager, ids):
    added = funders.save_funder(uow, manager, "  Endeavour   Fund ", "New Zealand", "https://www.mbie.govt.nz/")
    assert added.name == "Endeavour Fund" and added.rounds == 0
    with pytest.raises(InvalidInput, match="already a funder"):
        funders.save_funder(uow, manager, "endeavour fund")
    with pytest.raises(InvalidInput) as raised:
        funders.save_funder(uow, manager, "", website="mbie.govt.nz")
    assert {p.where for p in raised.value.problems} == {"name", "website"}
    renamed = funders.save_funder(uow, manager, "MBIE Endeavour Fund", funder_id=added.id)
    assert renamed.id == added.id
    listed = {f.name: f.rounds for f in funders.list_funders(uow, manager)}
    assert listed == {"Health Research Council": 0, "Marsden Fund": 0, "MBIE Endeavour Fund": 0}


def test_the_calendar_of_one_round_or_of_a_filter(uow, manager, ids):
    first = add_round(uow, manager, ids, closes=nz(2026, 3, 2, 12, 0))
    add_round(uow, manager, ids, "Standard", closes=nz(2026, 4, 2, 12, 0))
    assert [d.id for d in rounds.round_calendar(uow, manager, round_ids=(first,))] == [first]
    every = rounds.round_calendar(uow, manager, RoundFilter(schemes=("Standard",)))
    assert [d.name for d in every] == ["Standard 2026"] and len(every[0].milestones) == 3


def test_template_keys_come_from_files_and_from_the_app(uow, tmp_path, make_actor):
    (tmp_path / "marsden-standard.toml").write_text("")
    (tmp_path / "notes.txt").write_text("")
    add_template(uow, make_actor(Role.ADMIN), small_template("hrc-projects"), "hrc.toml", folder=tmp_path)
    assert round_editing.template_keys(uow, tmp_path) == ("hrc-projects", "marsden-standard")
    assert round_editing.template_keys(uow, tmp_path / "missing") == ("hrc-projects",)


def test_finding_rounds_to_edit(uow, manager, ids):
    first = add_round(uow, manager, ids, closes=nz(2026, 3, 2, 12, 0))
    add_round(uow, manager, ids, "Standard", closes=nz(2026, 4, 2, 12, 0))
    labels = [c.label for c in round_editing.find_rounds(uow, manager)]
    assert labels == [
        "Standard 2026 — Marsden Fund (closes 02 Apr 2026)",
        "Fast-Start 2026 — Marsden Fund (closes 02 Mar 2026)",
    ]
    assert [c.id for c in round_editing.find_rounds(uow, manager, "standard", include_id=first)][1] == first
