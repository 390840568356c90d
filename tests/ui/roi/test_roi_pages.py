"""AppTest: the return dashboard (full and summary), its filters and drill-down, and the ledgers page."""

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from research.db.models import Award, ClusterGrant, ImportProfile
from research.domain.roles import Role
from research.export.roi_figures import AREA_NOT_SET
from research.services.common import workspace_settings
from research.services.roi import attribution
from tests.integration import roi_dataset
from tests.service_catalogue import award_ids
from tests.service_people import staff
from tests.ui.conftest import add_user

ROI = "research/ui/pages/roi/roi_page.py"
LEDGERS = "research/ui/pages/roi/ledgers_page.py"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture
def dashboard_as(signed_in, ui_uow):
    def open_as(role):
        at, actor = signed_in(role)
        roi_dataset.build(ui_uow)
        at.run()
        at.switch_page(ROI).run()
        assert not at.exception
        return at

    return open_as


def table_with(at, column: str):
    """The first table on the page that has this column (AppTest does not keep a table's key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_manager_sees_every_headline_figure_and_chart(dashboard_as):
    at = dashboard_as(Role.MANAGER)
    assert metrics(at) == {
        "Money won": "$1.6M",
        "Cluster grants": "$110k",
        "Return multiple": "15x",
        "Success rate": "40.0%",
        "Success by value": "58.8%",
        "Not attributed to a cluster": "$10k",  # A5, shown apart: never added in
        "Applications in flight": "3",
        "Pipeline requested": "$1.5M",
        "Pipeline expected": "$233k",
        "Rate unknown for": "$300k",
    }
    assert len(at.get("plotly_chart")) == 6
    assert any("Marsden 2025 (1 application)" in c.value for c in at.caption)
    assert at.get("download_button")  # tables and the council report


def test_filters_apply_to_every_figure(dashboard_as):
    at = dashboard_as(Role.MANAGER)
    at.selectbox(key="roi_period").select("FY 2023/24").run()
    assert metrics(at)["Money won"] == "$600k" and metrics(at)["Return multiple"] == "60x"
    at.selectbox(key="roi_cluster").select("Research").run()
    assert metrics(at)["Money won"] == "$250k" and metrics(at)["Cluster grants"] == "$10k"
    at.selectbox(key="roi_funder").select("Marsden").run()
    assert metrics(at)["Money won"] == "-$50k"
    assert any(
        "Showing from 01 Jul 2023 to 30 Jun 2024, cluster Research, funder Marsden" in c.value for c in at.caption
    )


def test_calendar_years_and_chosen_dates(dashboard_as):
    at = dashboard_as(Role.MANAGER)
    at.selectbox(key="roi_year_basis").select("calendar").run()
    assert "2023" in at.selectbox(key="roi_period").options
    at.selectbox(key="roi_period").select("2023").run()
    assert metrics(at)["Money won"] == "$1.5M" and metrics(at)["Return multiple"] == "50x"
    at.selectbox(key="roi_period").select("Chosen dates").run()
    from datetime import date

    at.date_input(key="roi_dates").set_value((date(2030, 1, 1), date(2030, 12, 31))).run()
    assert metrics(at)["Return multiple"] == "not defined"
    assert any("not defined: no cluster grants in this selection" in c.value for c in at.caption)
    assert not at.exception


def test_picking_a_point_lists_the_awards_behind_it(dashboard_as):
    at = dashboard_as(Role.MANAGER)
    at.selectbox(key="roi_pick_over_time").select("2023/24").run()
    listed = table_with(at, "identifier")
    assert sorted(listed["title"]) == ["A3", "A4", "P4"]  # A2 was recorded from P4 and takes its title
    assert any("3 awards behind 2023/24" in m.value for m in at.markdown)
    at.selectbox(key="roi_pick_pipeline").select("drafting").run()
    assert list(table_with(at, "cluster review")["title"]) == ["P7"]


def test_admins_see_the_dashboard_but_not_applications_behind_it(dashboard_as):
    at = dashboard_as(Role.ADMIN)
    assert metrics(at)["Return multiple"] == "15x"
    assert any("listed for managers" in c.value for c in at.caption)
    with pytest.raises(KeyError):
        at.selectbox(key="roi_pick_pipeline")


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER])
def test_everyone_else_sees_a_read_only_summary(dashboard_as, role):
    at = dashboard_as(role)
    assert metrics(at) == {
        "Money won": "$1.6M",
        "Cluster grants": "$110k",
        "Return multiple": "15x",
        "Success rate": "40.0%",
        "Success by value": "58.8%",
        "Not attributed to a cluster": "$10k",
    }
    assert len(at.get("plotly_chart")) == 1
    assert not at.get("download_button")
    keys = {s.key for s in at.selectbox}
    assert "roi_cluster" not in keys and "roi_year_basis" in keys
    assert any("for managers and admins" in c.value for c in at.caption)


def test_home_shows_the_return_in_one_sentence(signed_in, ui_uow):
    at, _ = signed_in(Role.RESEARCHER)
    roi_dataset.build(ui_uow)
    at.run()
    assert any(r"\$1.6M won back on \$110k of cluster grants: **15x**" in m.value for m in at.markdown)


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER, Role.ADMIN])
def test_ledgers_are_for_managers_only(signed_in, role):
    at, _ = signed_in(role)
    at.run()
    at.switch_page(LEDGERS).run()
    assert "not available to your role" in at.error[0].value
    assert not at.form


@pytest.fixture
def ledgers_page(signed_in, ui_uow):
    at, actor = signed_in(Role.MANAGER)
    roi_dataset.build(ui_uow)
    at.run()
    at.switch_page(LEDGERS).run()
    assert not at.exception
    return at


def test_manager_adds_a_grant(ledgers_page, ui_uow):
    at = ledgers_page
    form = at.form("grant_form_new")
    form.selectbox[0].select("Food")
    form.text_input[0].set_value("12,500")
    form.form_submit_button[0].click().run()
    assert not at.exception and not at.error
    with ui_uow as session:
        amounts = sorted(session.scalars(select(ClusterGrant.amount)))
    assert Decimal("12500") in amounts


def test_a_bad_grant_is_refused_with_reasons_by_each_field_and_keeps_every_value(ledgers_page, ui_uow):
    at = ledgers_page
    with ui_uow as session:
        before = session.scalar(select(func.count()).select_from(ClusterGrant))
    form = at.form("grant_form_new")
    form.selectbox[0].select("Food")
    form.text_input[0].set_value("lots")
    form.text_input[1].set_value("2022")
    form.text_area[0].set_value("Seed money for the food cluster's bid")
    form.form_submit_button[0].click().run()
    errors = [e.value for e in at.form("grant_form_new").error]
    assert any("Amount: 'lots' is not an amount" in e for e in errors)
    assert any(e.startswith("Financial year:") for e in errors)
    form = at.form("grant_form_new")
    assert form.selectbox[0].value == "Food"
    assert [form.text_input[0].value, form.text_input[1].value] == ["lots", "2022"]
    assert form.text_area[0].value == "Seed money for the food cluster's bid"
    with ui_uow as session:
        assert session.scalar(select(func.count()).select_from(ClusterGrant)) == before


def test_award_import_shows_bad_rows_and_writes_nothing(ledgers_page, ui_uow):
    at = ledgers_page
    content = (FIXTURES / "awards_bad.csv").read_bytes() + b"GOOD-1,Good,NZD,1000,2024-01-01,HRC,Research\n"
    at.get("file_uploader")[1].upload("awards_bad.csv", content, "text/csv").run()
    assert "8 problem(s) on 9 row(s)" in at.error[0].value
    problems = table_with(at, "problem")
    assert "awards_bad.csv, line 3, column 'Amount Awarded': is empty" in set(problems["problem"])
    assert not [b for b in at.button if b.key == "import_awards"]
    assert [d for d in at.get("download_button") if "bad row" in d.proto.label]  # the bad rows, to fix
    good_only = next(c for c in at.checkbox if c.key == "import_awards_good_only")
    good_only.check().run()
    [go] = [b for b in at.button if b.key == "import_awards"]
    assert go.label == "Import 1 award(s)"
    go.click().run()
    with ui_uow as session:
        imported = set(
            session.scalars(
                select(Award.identifier).where(Award.identifier.like("%-00%") | (Award.identifier == "GOOD-1"))
            )
        )
    assert imported == {"GOOD-1"}  # every bad row was left out


def test_award_import_columns_can_be_changed_and_saved_as_a_profile(ledgers_page, ui_uow):
    at = ledgers_page
    content = b"Grant ref,Amount,Awarded on\nP-1,100.10,2024-01-01\n"
    at.get("file_uploader")[1].upload("p.csv", content, "text/csv").run()
    assert "Identifier is required" in " ".join(set(table_with(at, "problem")["problem"]))
    identifier = next(
        s for s in at.selectbox if (s.key or "").startswith("import_mapping_awards_") and s.key.endswith("_identifier")
    )
    identifier.set_value("Grant ref")
    next(t for t in at.text_input if (t.key or "").endswith("_name")).set_value("Our spreadsheet")
    next(b for b in at.button if b.label == "Save as profile").click().run()
    assert any("Saved the columns as the profile 'Our spreadsheet'" in t.value for t in at.toast)
    assert not at.error  # read again with the columns chosen: the file is good
    with ui_uow as session:
        assert session.scalar(select(ImportProfile.mapping))["identifier"] == "Grant ref"


def test_award_import_previews_then_imports(ledgers_page, ui_uow):
    at = ledgers_page
    at.text_input(key="ledger_award_rates").set_value("USD=1.68").run()
    at.get("file_uploader")[1].upload(
        "giving360_grants.csv", (FIXTURES / "giving360_grants.csv").read_bytes(), "text/csv"
    ).run()
    assert r"3 awards worth \$4,720,000 in NZD, all good" in at.success[0].value
    with ui_uow as session:
        assert session.scalar(select(Award.id).where(Award.identifier == "360G-rcw-2022-001")) is None
    at.button(key="import_awards").click().run()
    assert not at.exception
    with ui_uow as session:
        assert session.scalar(select(Award.amount).where(Award.identifier == "360G-rcw-2023-002")) == Decimal(
            "1100000.00"
        )


def test_switching_the_year_basis_keeps_the_page_working(dashboard_as):
    at = dashboard_as(Role.MANAGER)
    at.selectbox(key="roi_period").select("FY 2023/24").run()
    at.selectbox(key="roi_pick_over_time").select("2023/24").run()
    at.selectbox(key="roi_year_basis").select("calendar").run()
    assert not at.exception and not at.error
    assert at.selectbox(key="roi_period").value in at.selectbox(key="roi_period").options
    assert at.selectbox(key="roi_pick_over_time").value in at.selectbox(key="roi_pick_over_time").options


def test_cached_figures_follow_the_filter(dashboard_as):
    at = dashboard_as(Role.MANAGER)
    everything = [chart.proto.spec for chart in at.get("plotly_chart")]
    at.selectbox(key="roi_cluster").select("Research").run()
    one_cluster = [chart.proto.spec for chart in at.get("plotly_chart")]
    assert one_cluster[0] != everything[0]  # money won over time: one cluster's share only
    at.selectbox(key="roi_cluster").select("All clusters").run()
    assert [chart.proto.spec for chart in at.get("plotly_chart")] == everything


def banner(at) -> list[str]:
    return [w.value for w in at.warning if "Area not set" in w.value]


def test_until_an_area_is_set_the_dashboard_says_so(dashboard_as):
    at = dashboard_as(Role.MANAGER)
    assert banner(at) == [AREA_NOT_SET]
    assert "Won outside the area" not in metrics(at)


@pytest.mark.parametrize("role", [Role.MANAGER, Role.RESEARCHER])
def test_with_an_area_the_awards_outside_it_are_shown_apart(signed_in, ui_uow, role):
    at, _ = signed_in(role)
    ledger = roi_dataset.build(ui_uow)
    admin = add_user(ui_uow, Role.ADMIN)
    workspace_settings.update_settings(ui_uow, admin, area="Dunedin;9016")
    manager, ids = staff(ui_uow), award_ids(ui_uow)
    for ident, locality in ((ledger["A1"], "Dunedin"), (ledger["A2"], "Dunedin"), ("A3", "Christchurch")):
        attribution.set_award_place(ui_uow, manager, ids[ident], attribution.PlaceInput(locality=locality))
    at.run()
    at.switch_page(ROI).run()
    assert not at.exception and not banner(at)
    shown = metrics(at)
    # A1 + A2 in the area; A3 outside; A4 and A5 record no place.
    assert shown["Won in the area"] == "$1.5M" and shown["Return multiple"] == "14x"
    assert shown["Won outside the area"] == "$150k"
    assert shown["Recipient has no location"] == "-$40k"  # A4's de-commitment and A5
    assert shown["Not attributed to a cluster"] == "$0"
    assert any("Counts 2 awards whose recipient is in the area (Dunedin; 9016)" in c.value for c in at.caption)
    if role is Role.MANAGER:
        at.selectbox(key="roi_counted_pick").select_index(2).run()  # the awards won outside the area
        listed = table_with(at, "linked by")
        assert list(listed["identifier"]) == ["A3"]
