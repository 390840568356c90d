"""What lies behind a bar or point: the awards (or applications) it adds up, matching the chart."""

from datetime import date
from decimal import Decimal

import pytest

from research.domain.errors import InvalidInput, PermissionDenied
from research.domain.roi import RoiFilter, YearBasis
from research.domain.roles import Role
from research.services.roi import dashboard as roi
from research.services.roi.details import COUNTED_LIST, Drill, details, drill_keys
from tests.integration import roi_dataset

D = Decimal


@pytest.fixture
def ledger(uow):
    return roi_dataset.build(uow)


@pytest.fixture
def manager(ledger, make_actor):
    return make_actor(Role.MANAGER)


def test_awards_behind_a_year_add_up_to_its_bar(uow, manager, ledger):
    found = details(uow, manager, RoiFilter(), Drill("over_time", ("2023/24",)))
    assert sorted(found.rows["identifier"]) == sorted([ledger["A2"], "A3", "A4"])
    assert found.rows["credited (NZD)"].sum() == D("600000.00")


def test_awards_behind_a_calendar_year(uow, manager):
    found = details(uow, manager, RoiFilter(year_basis=YearBasis.CALENDAR), Drill("over_time", ("2024",)))
    assert sorted(found.rows["identifier"]) == ["A3", "A4"]  # A5 has no cluster: not counted


def test_awards_behind_a_cluster_bar_show_its_share(uow, manager, ledger):
    found = details(uow, manager, RoiFilter(), Drill("by_cluster", ("Research",)))
    rows = found.rows.set_index("identifier")
    assert rows.loc[ledger["A2"], "share (%)"] == D("60.00")
    assert rows.loc[ledger["A2"], "credited (NZD)"] == D("300000.00")
    assert rows["credited (NZD)"].sum() == D("1250000.00")
    uncredited = details(uow, manager, RoiFilter(), Drill("by_cluster", (roi.NOT_CREDITED,)))
    assert list(uncredited.rows["identifier"]) == ["A5"]


def test_an_award_shared_by_clusters_is_listed_once_without_a_cluster(uow, manager, ledger):
    found = details(uow, manager, RoiFilter(), Drill("by_funder", ("HRC", "Projects")))
    assert sorted(found.rows["identifier"]) == [ledger["A2"]]
    assert found.total_rows == 1


def test_filters_apply_to_the_list_too(uow, manager, ledger):
    found = details(uow, manager, RoiFilter(cluster="Food"), Drill("by_funder", ("HRC", "Projects")))
    assert list(found.rows["identifier"]) == [ledger["A2"]]
    assert found.rows["credited (NZD)"].sum() == D("200000.00")


def test_applications_behind_the_application_charts(uow, manager):
    pipeline = details(uow, manager, RoiFilter(), Drill("pipeline", ("drafting",)))
    assert list(pipeline.rows["title"]) == ["P7"]
    reviewed = details(uow, manager, RoiFilter(), Drill("reviewed", ("Through cluster review",)))
    assert sorted(reviewed.rows["title"]) == ["P1", "P2"]
    assert set(reviewed.rows["cluster review"]) == {"yes"}
    by_funder = details(uow, manager, RoiFilter(), Drill("success_by_funder", ("No funding round recorded", "—")))
    assert list(by_funder.rows["title"]) == ["P5"]
    hrc = details(uow, manager, RoiFilter(date_from=date(2023, 7, 1)), Drill("success_by_funder", ("HRC", "Projects")))
    assert sorted(hrc.rows["title"]) == ["P3", "P4"]


def test_every_chart_point_can_be_listed(uow, manager):
    dashboard = roi.compute_dashboard(uow, RoiFilter())
    for chart in roi.CHART_TABLES:
        for key in drill_keys(chart, getattr(dashboard, chart)):
            assert details(uow, manager, RoiFilter(), Drill(chart, key)).total_rows > 0, (chart, key)


def test_admins_see_awards_but_not_applications(uow, manager, make_actor):
    admin = make_actor(Role.ADMIN)
    assert details(uow, admin, RoiFilter(), Drill("by_cluster", ("Food",))).total_rows == 2
    with pytest.raises(PermissionDenied):
        details(uow, admin, RoiFilter(), Drill("pipeline", ("drafting",)))
    with pytest.raises(PermissionDenied):
        details(uow, make_actor(Role.RESEARCHER), RoiFilter(), Drill("by_cluster", ("Food",)))


def test_nonsense_points_are_refused(uow, manager):
    for drill, message in (
        (Drill("nope", ("x",)), "no chart called"),
        (Drill("over_time", ("soon",)), "not a year"),
        (Drill("pipeline", ("awarded",)), "not a status of applications in flight"),
    ):
        with pytest.raises(InvalidInput, match=message):
            details(uow, manager, RoiFilter(), drill)


def test_the_awards_behind_the_headline_and_those_shown_apart(uow, manager, ledger):
    counted = details(uow, manager, RoiFilter(), Drill(COUNTED_LIST, ("counted",)))
    assert sorted(counted.rows["identifier"]) == sorted([ledger["A1"], ledger["A2"], "A3", "A4"])
    assert counted.rows["credited (NZD)"].sum() == D("1600000.00")
    linked_by = dict(zip(counted.rows["identifier"], counted.rows["linked by"], strict=True))
    # A2's split between the clusters was set by a manager after it was recorded.
    assert linked_by == {
        ledger["A1"]: "same application",
        ledger["A2"]: "a person's decision",
        "A3": "cluster named in the file",
        "A4": "cluster named in the file",
    }
    apart = details(uow, manager, RoiFilter(), Drill(COUNTED_LIST, ("unattributed",)))
    assert list(apart.rows["identifier"]) == ["A5"] and list(apart.rows["linked by"]) == ["not linked"]
    with pytest.raises(InvalidInput, match="not a way awards are counted"):
        details(uow, manager, RoiFilter(), Drill(COUNTED_LIST, ("everything",)))
