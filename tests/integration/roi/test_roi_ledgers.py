"""The grants ledger and award shares: managers only, every change audited, bad input refused."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from research.db.models import AuditEvent, Cluster
from research.domain.application_status import ApplicationStatus as S
from research.domain.errors import InvalidInput, NotFound, PermissionDenied
from research.domain.roles import Role
from research.services.roi import awards, ledgers
from research.services.roi.ledgers import GrantInput
from tests.integration import roi_dataset
from tests.integration.rounds_helpers import nz
from tests.service_catalogue import add_clusters, add_round, import_awards
from tests.service_people import add_person, staff

D = Decimal


@pytest.fixture
def manager(uow, make_actor):
    add_clusters(uow, "Research", "Food")
    return make_actor(Role.MANAGER)


def audit_actions(uow, actor) -> list[str]:
    """What `actor` did, in order (the builders' own set-up is credited to their staff)."""
    with uow as session:
        done = select(AuditEvent.action).where(AuditEvent.actor_id == actor.id).order_by(AuditEvent.id)
        return list(session.scalars(done))


def test_add_correct_and_remove_a_grant(uow, manager):
    grant_id = ledgers.add_grant(uow, manager, GrantInput("research", "80,000", date(2022, 7, 15), " Programme "))
    [grant] = ledgers.list_grants(uow, manager)
    assert (grant.cluster, grant.amount, grant.financial_year, grant.purpose) == (
        "Research",
        D("80000.00"),
        "2022/23",
        "Programme",
    )
    ledgers.update_grant(uow, manager, grant_id, GrantInput("Food", "81000.50", "2023-07-01", "", "2022-23"))
    [grant] = ledgers.list_grants(uow, manager)
    assert (grant.cluster, grant.amount, grant.granted_on, grant.financial_year) == (
        "Food",
        D("81000.50"),
        date(2023, 7, 1),
        "2022/23",
    )
    ledgers.delete_grant(uow, manager, grant_id)
    assert ledgers.list_grants(uow, manager) == []
    assert audit_actions(uow, manager) == ["added cluster grant", "changed cluster grant", "removed cluster grant"]


def test_a_bad_grant_names_every_field_and_changes_nothing(uow, manager):
    with pytest.raises(InvalidInput) as caught:
        ledgers.add_grant(uow, manager, GrantInput("Tourism", "lots", None, "", "2022"))
    assert [p.where for p in caught.value.problems] == ["Amount", "Date", "Cluster", "Financial year"]
    with pytest.raises(InvalidInput, match=r"Amount: a grant of \$0 records nothing"):
        ledgers.add_grant(uow, manager, GrantInput("Research", "0", date(2022, 7, 15)))
    # Negatives belong to awards (de-commitments); a grant is the unit's money given.
    with pytest.raises(InvalidInput, match=r"Amount: must not be negative, not '-5,000'"):
        ledgers.add_grant(uow, manager, GrantInput("Research", "-5,000", date(2022, 7, 15)))
    with pytest.raises(InvalidInput, match=r"Amount: '80,000.001' has more than two decimal places"):
        ledgers.add_grant(uow, manager, GrantInput("Research", "80,000.001", date(2022, 7, 15)))
    with pytest.raises(InvalidInput, match=r"Amount: '£80k' is in GBP, but this amount is in NZD"):
        ledgers.add_grant(uow, manager, GrantInput("Research", "£80k", date(2022, 7, 15)))
    assert ledgers.list_grants(uow, manager) == []
    grant_id = ledgers.add_grant(uow, manager, GrantInput("Research", "NZ$ 80k", date(2022, 7, 15)))
    assert [(g.id, g.amount) for g in ledgers.list_grants(uow, manager)] == [(grant_id, Decimal("80000.00"))]


def test_a_removed_grant_cannot_be_changed(uow, manager):
    with pytest.raises(NotFound):
        ledgers.update_grant(uow, manager, 999, GrantInput("Research", "1", date(2022, 7, 15)))
    with pytest.raises(NotFound):
        ledgers.delete_grant(uow, manager, 999)


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER, Role.ADMIN])
def test_only_managers_change_the_ledger(uow, manager, make_actor, role):
    grant_id = ledgers.add_grant(uow, manager, GrantInput("Research", "80000", date(2022, 7, 15)))
    other = make_actor(role)
    entry = GrantInput("Research", "1", date(2022, 7, 15))
    for attempt in (
        lambda: ledgers.add_grant(uow, other, entry),
        lambda: ledgers.update_grant(uow, other, grant_id, entry),
        lambda: ledgers.delete_grant(uow, other, grant_id),
        lambda: ledgers.list_grants(uow, other),
        lambda: ledgers.list_clusters(uow, other),
        lambda: awards.list_awards(uow, other),
        lambda: awards.set_award_shares(uow, other, 1, []),
    ):
        with pytest.raises(PermissionDenied, match="may not record cluster grants and awards"):
            attempt()
    assert [g.amount for g in ledgers.list_grants(uow, manager)] == [D("80000.00")]


def _award(uow) -> int:
    import_awards(uow, "A-1,A,NZD,100,2024-01-01,HRC,")
    [award] = awards.list_awards(uow, staff(uow))
    return award.id


def test_award_shares_must_add_up_to_100(uow, manager):
    award_id = _award(uow)
    awards.set_award_shares(uow, manager, award_id, [("Research", D("60")), ("food", D("40"))])
    assert awards.list_awards(uow, manager)[0].shares == (("Research", D("60.00")), ("Food", D("40.00")))
    for shares, message in (
        ([("Research", D("60")), ("Food", D("30"))], "add up to 90%, not 100%"),
        ([("Research", D("100")), ("research", D("0"))], "is listed twice"),
        ([("Research", D("0")), ("Food", D("100"))], "above 0%"),
        ([("Tourism", D("100"))], "no cluster called 'Tourism'"),
    ):
        with pytest.raises(InvalidInput, match=message):
            awards.set_award_shares(uow, manager, award_id, shares)
    assert awards.list_awards(uow, manager)[0].shares == (("Research", D("60.00")), ("Food", D("40.00")))
    awards.set_award_shares(uow, manager, award_id, [("Food", D("100"))])
    assert awards.list_awards(uow, manager)[0].shares == (("Food", D("100.00")),)
    awards.set_award_shares(uow, manager, award_id, [])
    assert awards.list_awards(uow, manager)[0].shares == ()
    assert audit_actions(uow, manager).count("changed award shares") == 3
    with pytest.raises(NotFound):
        awards.set_award_shares(uow, manager, 999, [])


def test_an_awarded_application_records_its_award_and_a_funders_file_corrects_it(uow, manager):
    with uow as session:
        research = session.scalar(select(Cluster.id).where(Cluster.name == "Research"))
    round_id = add_round(uow, "HRC", "Projects", nz(2024, 2, 1, 12, 0), name="HRC 2024")
    story = roi_dataset.Story(uow, add_person(uow))
    app_id = story.start("Stroke trial", round_id, research, "1440000")
    story.submit(app_id)
    story.decide(app_id, S.AWARDED, nz(2024, 6, 14, 12, 0), "1400000")
    [award] = awards.list_awards(uow, manager)
    assert (award.identifier, award.funder_name, award.scheme, award.amount_nzd, award.amount_applied_for) == (
        f"RCW-APP-{app_id}",
        "HRC",
        "Projects",
        D("1400000.00"),
        D("1440000.00"),
    )
    assert (award.source, award.shares) == ("application", (("Research", D("100.00")),))
    # The funder's published file has the final figure: the same identifier is updated, its credit kept.
    import_awards(uow, f"RCW-APP-{app_id},Stroke trial,NZD,1440000,2024-06-15,HRC,")
    [award] = awards.list_awards(uow, manager)
    assert (award.amount, award.awarded_on, award.shares) == (
        D("1440000.00"),
        date(2024, 6, 15),
        (("Research", D("100.00")),),
    )
