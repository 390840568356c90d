"""The audit trail read back: by who, what and when, naming people and things, sign-ins grouped."""

from datetime import UTC, date, datetime

import pytest

from research.domain.clock import frozen_at
from research.domain.errors import PermissionDenied
from research.domain.roles import Role
from research.services.common.audit import AuditQuery, audit_trail, record
from research.services.roi import clusters
from tests.review_builders import build_application

NZ = "Pacific/Auckland"


@pytest.fixture
def trail(uow, make_actor):
    aroha, hana, tama = (
        make_actor(Role.ADMIN, "aroha"),
        make_actor(Role.RESEARCHER, "hana"),
        make_actor(Role.MANAGER, "tama"),
    )
    # Without a cluster, which the builders' own manager would add (and so join the trail's people).
    app_id = build_application(uow, hana, title="Tides of memory", with_cluster=False)
    with uow as session:
        for who in (hana, tama, hana, aroha):
            record(session, who.id, "signed in", "user", who.id)
    # 11:30 UTC on 1 Feb is 00:30 on 2 Feb in New Zealand: the NZ day is the 2nd.
    with frozen_at(datetime(2027, 2, 1, 11, 30, tzinfo=UTC)):
        clusters.add_cluster(uow, tama, "Food innovation")
        with uow as session:
            record(session, hana.id, "changed status", "application", app_id, old="drafting", new="ready")
    return {"aroha": aroha, "hana": hana, "tama": tama, "app": app_id}


def test_things_and_people_are_named_and_sign_ins_are_grouped(uow, trail):
    found = audit_trail(uow, trail["aroha"], AuditQuery(zone=NZ))
    assert [(e.actor, e.action, e.target) for e in found.events][:2] == [
        ("Hana", "changed status", "“Tides of memory”"),
        ("Tama", "added cluster", "cluster Food innovation"),
    ]
    assert not any(e.action == "signed in" for e in found.events)
    assert (found.sign_ins.count, found.sign_ins.people) == (4, 3)
    assert {"signed in", "changed status", "added cluster"} <= set(found.actions)
    assert [name for _, name in found.people] == ["Aroha", "Hana", "Tama"]


def test_filters_by_who_what_and_the_viewers_day(uow, trail):
    admin = trail["aroha"]
    by_hana = audit_trail(uow, admin, AuditQuery(who=trail["hana"].id, zone=NZ))
    assert {e.actor for e in by_hana.events} == {"Hana"} and by_hana.sign_ins.count == 2
    sign_ins = audit_trail(uow, admin, AuditQuery(what=("signed in",), zone=NZ))
    assert [e.action for e in sign_ins.events] == ["signed in"] * 4 and sign_ins.sign_ins.count == 0
    on_the_2nd = audit_trail(uow, admin, AuditQuery(day_from=date(2027, 2, 2), day_to=date(2027, 2, 2), zone=NZ))
    assert {e.action for e in on_the_2nd.events} == {"changed status", "added cluster"}
    in_utc = audit_trail(uow, admin, AuditQuery(day_from=date(2027, 2, 2), day_to=date(2027, 2, 2), zone="UTC"))
    assert in_utc.events == ()


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER, Role.MANAGER])
def test_only_admins_read_the_trail(uow, make_actor, role):
    with pytest.raises(PermissionDenied):
        audit_trail(uow, make_actor(role), AuditQuery())
