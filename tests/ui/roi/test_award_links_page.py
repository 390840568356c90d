"""AppTest: the Award links page shows each award's rule and place, and records a person's decision."""

from sqlalchemy import select

from research.db.models import Award, AwardAttribution, AwardShare, Cluster
from research.domain.attribution import LinkSource
from research.domain.roles import Role
from tests.integration import roi_dataset

LINKS = "research/ui/pages/roi/attribution_page.py"


def open_links(signed_in, ui_uow):
    at, _ = signed_in(Role.MANAGER)
    ids = roi_dataset.build(ui_uow)
    at.run()
    at.switch_page(LINKS).run()
    assert not at.exception
    return at, ids


def test_unlinked_awards_come_first_with_their_rule(signed_in, ui_uow):
    at, ledger = open_links(signed_in, ui_uow)
    table = at.dataframe[0].value
    assert table.iloc[0]["identifier"] == "A5" and table.iloc[0]["linked by"] == "not linked"
    rules = dict(zip(table["identifier"], table["linked by"], strict=True))
    assert rules[ledger["A1"]] == "same application" and rules["A3"] == "cluster named in the file"
    assert rules[ledger["A2"]] == "a person's decision"  # a manager split it between the clusters
    assert set(table["place"]) == {"area not set"}
    at.toggle(key="award_links_unlinked").set_value(True).run()
    assert list(at.dataframe[0].value["identifier"]) == ["A5"]


def test_a_manager_links_an_award_to_a_cluster(signed_in, ui_uow):
    at, ids = open_links(signed_in, ui_uow)
    at.session_state["award_links_table"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    at.selectbox(key="award_link_cluster").select("Food")
    at.button[0].click()  # the link form's submit, first on the page
    at.run()
    assert not at.exception
    with ui_uow as session:
        row = session.scalars(
            select(AwardAttribution).join(Award, Award.id == AwardAttribution.award_id).where(Award.identifier == "A5")
        ).one()
        assert row.source == LinkSource.PERSON  # the first row, A5, linked by the manager
        share = session.scalars(select(AwardShare).where(AwardShare.award_id == row.award_id)).one()
        assert share.cluster_id == session.scalar(select(Cluster.id).where(Cluster.name == "Food"))
