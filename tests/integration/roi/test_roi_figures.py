"""Every dashboard figure against values worked out by hand (see roi_dataset), on SQLite and PostgreSQL."""

from datetime import date
from decimal import Decimal

import pytest

from research.domain.attribution import Counted
from research.domain.errors import InvalidInput, PermissionDenied
from research.domain.roi import RoiFilter, YearBasis
from research.domain.roles import Role
from research.services.roi import dashboard as roi
from research.services.roi import ledgers
from research.services.roi import options as roi_options
from tests.integration import roi_dataset
from tests.service_catalogue import import_awards
from tests.service_people import staff

D = Decimal
FY_2023_24 = RoiFilter(date(2023, 7, 1), date(2024, 6, 30))


@pytest.fixture
def data(uow):
    return roi_dataset.build(uow)


def figures(uow, **kwargs):
    return roi.compute_dashboard(uow, RoiFilter(**kwargs))


def test_headline_over_all_time(uow, data):
    h = figures(uow).headline
    # A5 (10,000.01) has no cluster: shown apart as unattributed, never added in.
    assert h.won == D("1600000.00")  # 1,000,000 + 500,000 + 150,000 - 50,000
    assert h.granted == D("110000.00")
    assert h.multiple.value == D("1600000") / D("110000")
    assert h.awards == 4
    assert h.basis.amount(Counted.UNATTRIBUTED) == D("10000.01") and h.basis.awards(Counted.UNATTRIBUTED) == 1
    assert not h.basis.area_set
    assert (h.decided, h.awarded) == (5, 2)
    assert h.success_count.value == D("0.4")
    # By value, NZD applications only: (1,000,000 + 500,000) / (1,000,000 + 400,000 + 600,000 + 550,000)
    assert (h.won_decided, h.requested_decided) == (D("1500000.00"), D("2550000.00"))
    assert h.success_value.value == D("1500000") / D("2550000")
    assert h.value_left_out == 1  # P5 asked in USD


def test_pipeline_weighs_each_round_by_its_rate_and_names_the_unknown(uow, data):  # pragma: allowlist secret
    p = figures(uow).headline.pipeline
    assert p.applications == 3  # submitted, drafting, in review; withdrawn is not in flight
    assert p.requested == D("1500000.00")
    # P7: 200,000 x 2 expected awards / 3 applications; P8: 1,000,000 x 10%; P6: unknown
    assert p.expected == D("233333.33")
    assert p.unknown_requested == D("300000.00")
    assert p.unknown == ("Marsden 2025 (1 application)",)
    rounds = p.by_round.set_index("round")
    assert rounds.loc["HRC 2024", "rate from"] == "expected awards ÷ applications recorded (2 ÷ 3)"
    assert rounds.loc["Marsden 2023", "rate from"] == "round's success rate"
    by_status = p.table.set_index("status")
    assert by_status.loc["in review", "expected value"] == D("100000.00")
    assert by_status.loc["submitted", "without a known rate"] == 1


def test_won_and_granted_by_cluster_count_shares(uow, data):
    table = figures(uow).by_cluster.set_index("cluster")
    assert table.loc["Research", "won"] == D("1250000.00")  # 1,000,000 + 60% of 500,000 - 50,000
    assert table.loc["Food", "won"] == D("350000.00")  # 40% of 500,000 + 150,000
    assert roi.NOT_CREDITED not in table.index  # unattributed awards are not a cluster's return
    assert table.loc["Research", "granted"] == D("90000.00")
    assert table.loc["Food", "multiple"] == D("17.5")


def test_cluster_filter_applies_to_every_figure(uow, data):
    d = figures(uow, cluster="Research")
    assert d.headline.won == D("1250000.00")
    assert d.headline.granted == D("90000.00")
    assert (d.headline.decided, d.headline.awarded) == (4, 2)  # P5 is Food's
    assert list(d.by_cluster["cluster"]) == ["Research"]
    assert d.by_funder["won"].sum() == D("1250000.00")


def test_funder_filter_leaves_grants_alone(uow, data):
    h = figures(uow, funder="HRC").headline
    assert h.won == D("500000.00")
    assert h.basis.amount(Counted.UNATTRIBUTED) == D("10000.01")
    assert h.granted == D("110000.00")
    assert (h.decided, h.awarded) == (2, 1)
    assert h.pipeline.applications == 1  # P7


def test_financial_year_range(uow, data):
    d = roi.compute_dashboard(uow, FY_2023_24)
    h = d.headline
    assert h.won == D("600000.00")  # A2 + A3 - A4
    assert h.granted == D("10000.00")
    assert h.multiple.value == D(60)
    # Decided in NZ's FY 2023/24: P3, P5, and P4 (00:30 on 1 July NZ time, 30 June in UTC)
    assert (h.decided, h.awarded) == (3, 1)
    assert h.pipeline.applications == 0


def test_over_time_by_financial_year(uow, data):
    table = figures(uow).over_time
    assert list(table["year"]) == ["2022/23", "2023/24"]
    assert list(table["won"]) == [D("1000000.00"), D("600000.00")]
    assert list(table["granted"]) == [D("100000.00"), D("10000.00")]
    assert list(table["cumulative won"]) == [D("1000000.00"), D("1600000.00")]
    assert list(table["cumulative granted"]) == [D("100000.00"), D("110000.00")]


def test_over_time_by_calendar_year(uow, data):
    table = figures(uow, year_basis=YearBasis.CALENDAR).over_time
    assert list(table["year"]) == ["2022", "2023", "2024"]
    assert list(table["won"]) == [D("0.00"), D("1500000.00"), D("100000.00")]
    assert list(table["granted"]) == [D("80000.00"), D("30000.00"), D("0.00")]


def test_calendar_year_range(uow, data):
    h = figures(uow, date_from=date(2023, 1, 1), date_to=date(2023, 12, 31)).headline
    assert (h.won, h.granted, h.multiple.value) == (D("1500000.00"), D("30000.00"), D(50))


def test_empty_range_defines_nothing_and_divides_by_nothing(uow, data):
    d = figures(uow, date_from=date(2030, 1, 1), date_to=date(2030, 12, 31))
    h = d.headline
    assert (h.won, h.granted, h.awards) == (D("0.00"), D("0.00"), 0)
    assert not h.multiple.defined and h.multiple.reason == "no cluster grants in this selection"
    assert not h.success_count.defined and not h.success_value.defined
    assert d.over_time.empty and d.by_cluster.empty and d.by_funder.empty and d.success_by_funder.empty


def test_money_won_without_any_grant(uow, data):
    # A5 corrected by a new file: twice the amount, credited to Food.
    import_awards(uow, "A5,A5,NZD,20000.02,2024-08-01,HRC,Projects,Food", headers=roi_dataset.AWARD_HEADERS)
    h = figures(uow, date_from=date(2024, 7, 1)).headline
    assert h.won == D("20000.02")
    assert not h.multiple.defined


def test_success_by_funder_and_scheme(uow, data):
    table = figures(uow).success_by_funder.set_index(["funder", "scheme"])
    assert table.loc[("Marsden", "Standard"), "success rate"] == D("0.5")
    assert table.loc[("HRC", "Projects"), "success rate by value"] == D("0.4348")  # 500,000 / 1,150,000
    assert table.loc[("No funding round recorded", "—"), "declined"] == 1
    assert table.loc[("No funding round recorded", "—"), "success rate by value"] is None


def test_won_by_funder_and_scheme(uow, data):
    table = figures(uow).by_funder.set_index(["funder", "scheme"])
    assert table.loc[("Marsden", "Standard"), "won"] == D("950000.00")
    assert table.loc[("Marsden", "Standard"), "awards"] == 2
    assert table.loc[("HRC", "Projects"), "won"] == D("500000.00")


def test_success_with_and_without_cluster_review(uow, data):
    table = figures(uow).reviewed.set_index("group")
    assert list(table.index) == ["Through cluster review", "Without cluster review"]
    assert table.loc["Through cluster review", "success rate"] == D("0.5")
    assert table.loc["Without cluster review", "success rate"] == D("0.3333")
    # 1 of 3: a 95% Wilson interval of 6.1% to 79.2%, and groups this small are not compared.
    assert (
        table.loc["Without cluster review", "rate low (95%)"],
        table.loc["Without cluster review", "rate high (95%)"],
    ) == (
        D("0.0615"),
        D("0.7923"),
    )
    d = figures(uow)
    assert d.reviewed_comparison.startswith("Too few applications to compare: Through cluster review (2 decided)")
    assert d.funder_comparison.startswith("3 of 3 funder and scheme groups have fewer than 10 decided applications")
    assert set(d.success_by_funder["note"]) == {"too few to compare (under 10 decided)"}


def test_an_unknown_cluster_is_refused(uow, data):
    with pytest.raises(InvalidInput, match="no cluster called 'Nope'"):
        figures(uow, cluster="Nope")


def test_dates_the_wrong_way_round_are_refused(uow, data):
    with pytest.raises(InvalidInput, match="after the end date"):
        figures(uow, date_from=date(2024, 1, 1), date_to=date(2023, 1, 1))


@pytest.mark.parametrize("role", list(Role))
def test_summary_for_everyone_full_dashboard_for_managers_and_admins(uow, data, make_actor, role):
    actor = make_actor(role)
    assert roi.summary(uow, actor, RoiFilter()).headline.won == D("1600000.00")
    if role in (Role.MANAGER, Role.ADMIN):
        assert roi.dashboard(uow, actor, RoiFilter()).headline.granted == D("110000.00")
    else:
        with pytest.raises(PermissionDenied):
            roi.dashboard(uow, actor, RoiFilter())


def test_filter_options_and_data_version(uow, data, make_actor):
    actor = make_actor(Role.RESEARCHER)
    options = roi_options.filter_options(uow, actor)
    assert options.clusters == ("Food", "Research")
    assert options.funders == ("HRC", "Marsden")
    assert (options.first_day, options.last_day) == (date(2022, 7, 15), date(2024, 8, 1))
    before = roi_options.data_version(uow)
    ledgers.add_grant(uow, staff(uow), ledgers.GrantInput("Food", "1", date(2024, 1, 1)))
    assert roi_options.data_version(uow) != before
