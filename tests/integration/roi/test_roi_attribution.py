"""What the city really won: awards in the area and attributed to a cluster count; the rest are shown apart.

A small city ledger worked out by hand, on SQLite and PostgreSQL. Area "Dunedin;Mosgiel;9016".
Research granted $100,000 (2024-07-01). Awards (NZD), all 2024-2025:
- OTAGO-1 1,500,000.10 University of Otago, Dunedin 9016, Research 100%          -> counted
- POLY-1 250,000.25 Otago Polytechnic, locality "dunedin" (case), Research 100%  -> counted
- MOSG-1 99,999.99 postcode 9024 in Mosgiel, Research 50% / Food 50%              -> counted (both shares)
- DUN-NOC 70,000.01 Dunedin 9016, no cluster                                     -> unattributed
- CHCH-1 400,000.40 University of Canterbury, Christchurch 8041, Research 100%   -> outside
- AKL-1 300,000.30 Auckland 1010, no cluster                                     -> outside
- NOWHERE 12,345.67 no place at all, Research 100%                               -> no location
- DECL-1 0 (declined) Dunedin 9016, Research 100%                                -> zero: not counted
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from research.cli import main
from research.db.models import Award, AwardAttribution, AwardShare
from research.domain.application_status import ApplicationStatus as S
from research.domain.area import Area
from research.domain.attribution import MATCH_THRESHOLD, Counted, LinkSource, Place
from research.domain.errors import InvalidInput
from research.domain.roi import RoiFilter
from research.domain.roles import Role
from research.services.common import workspace_settings
from research.services.roi import attribution, awards, ledgers
from research.services.roi import dashboard as roi
from tests.integration import roi_dataset
from tests.locale_support import locale_of
from tests.service_catalogue import add_clusters, award_ids, import_awards
from tests.service_people import add_person, staff

D = Decimal
AREA = "Dunedin;Mosgiel;9016"
COUNTED = D("1500000.10") + D("250000.25") + D("99999.98")


AWARD_HEADERS = (
    "Identifier,Title,Amount Awarded,Award Date,Funding Org:Name,Recipient Org:Name,Recipient Org:City,"
    "Recipient Org:Postal Code,Recipient Org:County,Recipient Org:Country,Lead,Clusters"
)


def award(ident, amount, place=("", "", "", ""), clusters="", title=None, lead=""):
    """One row of a 360Giving-style file: an HRC award of 1 Sep 2024 in NZD."""
    return [ident, title or ident, amount, "2024-09-01", "HRC", f"Recipient of {ident}", *place, lead, clusters]


@pytest.fixture
def city(uow):
    ids = add_clusters(uow, "Research", "Food")
    ledgers.add_grant(uow, staff(uow), ledgers.GrantInput("Research", "100000", date(2024, 7, 1)))
    import_awards(
        uow,
        award("OTAGO-1", "1500000.10", ("Dunedin", "9016", "Otago", "NZ"), "Research"),
        award("POLY-1", "250000.25", ("dunedin", "", "", "NZ"), "Research"),
        award("MOSG-1", "99999.98", ("Mosgiel", "9024", "", ""), "Research 50%; Food 50%"),
        award("DUN-NOC", "70000.01", ("Dunedin", "9016", "", "NZ")),
        award("CHCH-1", "400000.40", ("Christchurch", "8041", "Canterbury", "NZ"), "Research"),
        award("AKL-1", "300000.30", ("Auckland", "1010", "", "NZ")),
        award("NOWHERE", "12345.67", clusters="Research"),
        award("DECL-1", "0", ("Dunedin", "9016", "", ""), "Research"),
        headers=AWARD_HEADERS,
    )
    return {"research": ids["Research"], "food": ids["Food"], **award_ids(uow)}


def decided(uow, lead, cluster_id, outcomes):
    """Applications of `lead` from the one-page form, submitted and decided by the builders' manager on
    1 Sep 2024: (title, status, amount awarded) each; their ids by title."""
    story = roi_dataset.Story(uow, lead)
    ids = {}
    for title, status, amount in outcomes:
        ids[title] = story.start(title, None, cluster_id, "5000")
        story.submit(ids[title])
        if status != S.SUBMITTED:
            story.decide(ids[title], status, roi_dataset.nz(date(2024, 9, 1)), amount)
    return ids


def area(text=AREA):
    return locale_of(area=Area.parse(text))


def test_only_awards_in_the_area_and_attributed_count(uow, city):
    with area():
        h = roi.compute_dashboard(uow, RoiFilter()).headline
    assert h.won == COUNTED == D("1850000.33")
    assert h.awards == 3
    assert h.multiple.value == COUNTED / D("100000")
    b = h.basis
    assert b.area_set and b.area == AREA
    assert (b.amount(Counted.UNATTRIBUTED), b.awards(Counted.UNATTRIBUTED)) == (D("70000.01"), 1)
    assert (b.amount(Counted.OUTSIDE), b.awards(Counted.OUTSIDE)) == (D("700000.70"), 2)
    assert (b.amount(Counted.NO_LOCATION), b.awards(Counted.NO_LOCATION)) == (D("12345.67"), 1)
    assert b.zero_awards == 1


def test_every_figure_and_list_counts_the_same_awards(uow, city, make_actor):
    from research.services.roi.details import COUNTED_LIST, Drill, details

    manager = make_actor(Role.MANAGER)
    with area():
        d = roi.compute_dashboard(uow, RoiFilter())
        listed = details(uow, manager, RoiFilter(), Drill(COUNTED_LIST, ("counted",)))
        outside = details(uow, manager, RoiFilter(), Drill(COUNTED_LIST, ("outside",)))
    assert d.over_time["won"].sum() == COUNTED
    assert d.by_funder["won"].sum() == COUNTED and d.by_funder["awards"].sum() == 3
    by_cluster = d.by_cluster.set_index("cluster")
    assert by_cluster.loc["Research", "won"] == D("1800000.34")  # 1,500,000.10 + 250,000.25 + half of 99,999.98
    assert by_cluster.loc["Food", "won"] == D("49999.99")  # the other half
    assert roi.NOT_CREDITED not in by_cluster.index
    assert sorted(listed.rows["identifier"]) == ["MOSG-1", "OTAGO-1", "POLY-1"]
    assert sorted(outside.rows["identifier"]) == ["AKL-1", "CHCH-1"]
    assert set(outside.rows["where"]) == {"Christchurch 8041 Canterbury NZ", "Auckland 1010  NZ"}


def test_until_an_area_is_set_every_attributed_award_counts_under_the_banner(uow, city):
    h = roi.compute_dashboard(uow, RoiFilter()).headline
    assert not h.basis.area_set
    assert h.won == COUNTED + D("400000.40") + D("12345.67")
    assert h.basis.amount(Counted.UNATTRIBUTED) == D("370000.31")  # DUN-NOC and AKL-1
    assert h.basis.amount(Counted.OUTSIDE) == h.basis.amount(Counted.NO_LOCATION) == D(0)


def test_a_new_area_moves_awards_in_and_out(uow, city):
    with area():
        assert roi.compute_dashboard(uow, RoiFilter()).headline.won == COUNTED
    with area("Christchurch"):
        h = roi.compute_dashboard(uow, RoiFilter()).headline
    assert h.won == D("400000.40")
    assert h.basis.amount(Counted.OUTSIDE) == COUNTED + D("70000.01") + D("300000.30")


@pytest.fixture
def city_settings(workspace_settings_source, city, make_actor, database_url, monkeypatch):
    """The area set as an admin sets it, read by the command line from the database."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    workspace_settings.update_settings(workspace_settings_source, make_actor(Role.ADMIN), area=AREA)


def test_the_json_has_the_exact_keys_in_the_reporting_currency(uow, city_settings, capsys):
    assert main(["roi", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert {
        k: figures[k]
        for k in (
            "currency",
            "won_in_area",
            "won_outside_area",
            "won_no_location",
            "unattributed_to_cluster",
            "cluster_grants",
            "multiple",
        )
    } == {
        "currency": "NZD",
        "won_in_area": "1850000.33",
        "won_outside_area": "700000.70",
        "won_no_location": "12345.67",
        "unattributed_to_cluster": "70000.01",
        "cluster_grants": "100000.00",
        "multiple": "18.5000",
    }
    assert figures["money_won"] == "1850000.33"  # the older key, kept
    assert figures["area_set"] is True and figures["zero_awards"] == 1
    assert "3 awards whose recipient is in the area (Dunedin; Mosgiel; 9016)" in figures["multiple_counts"]


def test_the_text_report_shows_the_awards_apart(uow, city_settings, capsys):
    assert main(["roi"]) == 0
    out = capsys.readouterr().out
    assert "Won in the area          $1,850,000.33 ($1.9M) from 3 awards" in out
    assert "Won outside the area     $700,000.70 from 2 awards (not counted)" in out
    assert "Awards of zero           1 award declined or withdrawn (not counted)" in out


def test_each_award_records_the_rule_that_linked_it(uow, city):
    hana = add_person(uow, username="hana", display_name="Dr Hana Kim")
    title = "Printed sensors for soil moisture"
    # The same title twice: one awarded (its award recorded), one still waiting on the funder.
    app_id = decided(uow, hana, city["food"], [(title, S.AWARDED, "1")])[title]
    waiting = decided(uow, hana, city["food"], [(title, S.SUBMITTED, None)])[title]
    import_awards(
        uow,
        award("CLOSE", "1", ("Dunedin", "", "", ""), title="Printed sensors for soil-moisture"),
        award("LEAD", "1", title=title, lead="Hana Kim"),
        award("FAR", "1", title="Deep-time fire regimes from lake sediments", lead="Someone Else"),
        headers=AWARD_HEADERS,
    )
    ids = award_ids(uow)
    from_app, close, by_lead, far = (ids[f"RCW-APP-{app_id}"], ids["CLOSE"], ids["LEAD"], ids["FAR"])
    with area(), uow as session:
        attribution.refresh(session)
        rows = {r.award_id: r for r in session.scalars(select(AwardAttribution))}
        shares = dict(session.execute(select(AwardShare.award_id, AwardShare.cluster_id)).all())
    assert (rows[from_app].source, rows[from_app].application_id) == (LinkSource.APPLICATION, app_id)
    assert rows[city["OTAGO-1"]].source == LinkSource.FILE
    assert rows[city["DUN-NOC"]].source == LinkSource.NONE
    assert rows[close].source == LinkSource.TITLE_LEAD and rows[close].score >= MATCH_THRESHOLD
    assert shares[close] == city["food"]  # credited to the matched application's cluster
    # Matched to the submitted application, never to the one whose award is already recorded (a double count).
    assert rows[close].application_id == rows[by_lead].application_id == waiting != app_id
    assert shares[from_app] == city["food"]  # the same application id: its cluster
    assert rows[by_lead].source == LinkSource.TITLE_LEAD and rows[by_lead].score >= MATCH_THRESHOLD
    assert rows[far].source == LinkSource.NONE and (rows[far].score or 0) < MATCH_THRESHOLD
    assert far not in shares  # a weak match is a suggestion, never a credit
    assert rows[city["OTAGO-1"]].in_area is True and rows[city["CHCH-1"]].in_area is False
    assert rows[city["NOWHERE"]].in_area is None


def test_a_persons_link_is_recorded_and_kept(uow, city, make_actor):
    manager = make_actor(Role.MANAGER)
    award_id = city["DUN-NOC"]
    with area():
        attribution.link_award(uow, manager, award_id, None, "research")
        listing = attribution.list_attributions(uow, manager, "DUN-NOC")
        h = roi.compute_dashboard(uow, RoiFilter()).headline
    view = listing.items[0]
    assert (view.source, view.clusters, view.decided_by) == (LinkSource.PERSON, "Research", manager.display_name)
    assert view.place is Place.IN_AREA
    assert h.won == COUNTED + D("70000.01") and h.basis.amount(Counted.UNATTRIBUTED) == 0
    # A person may also take the credit away: the award is shown apart again.
    with area():
        attribution.link_award(uow, manager, award_id, None, None)
        assert roi.compute_dashboard(uow, RoiFilter()).headline.won == COUNTED
    with pytest.raises(InvalidInput, match="no cluster called 'Tourism'"):
        attribution.link_award(uow, manager, award_id, None, "Tourism")


def test_shares_set_by_a_person_are_their_decision(uow, city, make_actor):
    manager = make_actor(Role.MANAGER)
    awards.set_award_shares(uow, manager, city["AKL-1"], [("Food", D("100"))])
    with uow as session:
        row = session.get(AwardAttribution, city["AKL-1"])
        assert row.source == LinkSource.PERSON and row.decided_by_id == manager.id


def test_a_corrected_place_moves_the_award_into_the_area(uow, city, make_actor):
    manager = make_actor(Role.MANAGER)
    with area():
        place = attribution.set_award_place(
            uow, manager, city["CHCH-1"], attribution.PlaceInput("University of Otago", "", "Dunedin", "9016")
        )
        h = roi.compute_dashboard(uow, RoiFilter()).headline
    assert place is Place.IN_AREA
    assert h.won == COUNTED + D("400000.40")
    with pytest.raises(InvalidInput, match="Postcode"):
        attribution.set_award_place(uow, manager, city["CHCH-1"], attribution.PlaceInput(postcode="9" * 41))


def test_an_application_awarded_zero_is_not_a_success(uow, city):
    lead = add_person(uow)
    outcomes = [("Won", S.AWARDED, "5000"), ("Withdrawn after award", S.AWARDED, "5000")]
    ids = decided(uow, lead, city["research"], outcomes)
    won, withdrawn = ids["Won"], ids["Withdrawn after award"]
    dunedin = attribution.PlaceInput(locality="Dunedin")
    attribution.set_award_place(uow, staff(uow), award_ids(uow)[f"RCW-APP-{won}"], dunedin)
    # The funder's file later records that award as nothing: the offer was withdrawn.
    import_awards(uow, award(f"RCW-APP-{withdrawn}", "0", ("Dunedin", "", "", ""), "Research"), headers=AWARD_HEADERS)
    with uow as session:
        assert session.scalar(select(func.count()).select_from(Award).where(Award.amount_nzd == 0)) == 2
    with area():
        h = roi.compute_dashboard(uow, RoiFilter()).headline
    assert (h.decided, h.awarded) == (2, 1)
    assert h.basis.zero_awards == 2
    assert h.won == COUNTED + D("5000")


def test_an_award_attributed_meanwhile_by_another_process_is_skipped(uow, city):
    """Two app processes may attribute the same new award at once: the second insert skips it, no error."""
    award_id = city["DUN-NOC"]
    with area(), uow as session:
        attribution.refresh(session)
        row = {
            "award_id": award_id,
            "application_id": None,
            "source": "none",
            "score": None,
            "in_area": True,
            "area_spec": AREA,
        }
        session.execute(attribution._insert_new(session, AwardAttribution), [row])
        assert session.scalar(select(func.count()).where(AwardAttribution.award_id == award_id)) == 1
