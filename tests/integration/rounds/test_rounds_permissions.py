"""Who may do what with funding rounds, enforced in the services: one test per role and action."""

import pytest

from research.domain.errors import NotFound, PermissionDenied
from research.domain.roles import Role
from research.domain.round_rules import RoundInput
from research.services.rounds import calendar as rounds
from research.services.rounds import editing as round_editing
from research.services.rounds import funders
from research.services.rounds import imports as round_imports
from research.services.rounds.files import read_round_file
from tests.integration.rounds_helpers import add_funders_and_clusters, add_round, nz

MANAGERS = [Role.MANAGER, Role.ADMIN]
READERS = [Role.RESEARCHER, Role.REVIEWER]


@pytest.fixture
def world(uow, make_actor):
    ids = add_funders_and_clusters(uow, make_actor(Role.MANAGER))
    manager = make_actor(Role.MANAGER)
    round_id = add_round(uow, manager, ids)
    return ids, round_id


def manage_actions(uow, ids, round_id):
    table = read_round_file(b"Funder,Scheme,Closes\nMarsden Fund,Standard,2026-02-20 12:00\n", "r.csv")
    mapping = {"funder": "Funder", "scheme": "Scheme", "closes": "Closes"}
    new = RoundInput(funder_id=ids["Marsden Fund"], scheme="Standard", closes_at=nz(2027, 2, 22, 12, 0))
    return {
        "create": lambda a: round_editing.create_round(uow, a, new),
        "update": lambda a: round_editing.update_round(uow, a, round_id, new),
        "archive": lambda a: round_editing.set_archived(uow, a, round_id, True),
        "offsets": lambda a: round_editing.set_offsets(uow, a, round_id, {"intent": 12}),
        "edit form": lambda a: round_editing.round_input(uow, a, round_id),
        "find": lambda a: round_editing.find_rounds(uow, a),
        "funder": lambda a: funders.save_funder(uow, a, "Endeavour Fund"),
        "check import": lambda a: round_imports.check_import(uow, a, table, mapping),
        "import": lambda a: round_imports.import_rounds(uow, a, table, mapping),
    }


ACTIONS = list(manage_actions(None, {"Marsden Fund": 1}, 1))


@pytest.mark.parametrize("role", READERS)
@pytest.mark.parametrize("action", ACTIONS)
def test_researchers_and_reviewers_may_not_manage_rounds(uow, make_actor, world, role, action):
    ids, round_id = world
    with pytest.raises(PermissionDenied, match="may not create, edit and archive funding rounds"):
        manage_actions(uow, ids, round_id)[action](make_actor(role))


@pytest.mark.parametrize("role", MANAGERS)
@pytest.mark.parametrize("action", ACTIONS)
def test_managers_and_admins_may_manage_rounds(uow, make_actor, world, role, action):
    ids, round_id = world
    manage_actions(uow, ids, round_id)[action](make_actor(role))


READ_ACTIONS = {
    "list": lambda uow, a, rid: rounds.list_rounds(uow, a),
    "one round": lambda uow, a, rid: rounds.get_round(uow, a, rid),
    "calendar": lambda uow, a, rid: rounds.round_calendar(uow, a),
    "filters": lambda uow, a, rid: rounds.filter_options(uow, a),
    "closing soon": lambda uow, a, rid: rounds.closing_soon(uow, a),
    "milestones due": lambda uow, a, rid: rounds.milestones_due(uow, a),
    "funders": lambda uow, a, rid: funders.list_funders(uow, a),
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(READ_ACTIONS))
def test_everyone_reads_rounds(uow, make_actor, world, role, action):
    _, round_id = world
    READ_ACTIONS[action](uow, make_actor(role), round_id)


@pytest.mark.parametrize("role", READERS)
def test_archived_rounds_are_hidden_from_researchers_and_reviewers(uow, make_actor, world, role):
    _, round_id = world
    round_editing.set_archived(uow, make_actor(Role.ADMIN), round_id, True)
    reader = make_actor(role)
    assert rounds.list_rounds(uow, reader).empty
    with pytest.raises(NotFound):
        rounds.get_round(uow, reader, round_id)
    with pytest.raises(PermissionDenied, match="archived"):
        rounds.list_rounds(uow, reader, rounds.RoundFilter(include_archived=True))


@pytest.mark.parametrize("role", MANAGERS)
def test_managers_see_archived_rounds_when_they_ask(uow, make_actor, world, role):
    _, round_id = world
    actor = make_actor(role)
    round_editing.set_archived(uow, actor, round_id, True)
    assert rounds.list_rounds(uow, actor).empty
    listed = rounds.list_rounds(uow, actor, rounds.RoundFilter(include_archived=True))
    assert listed["archived"].tolist() == [True]
    assert rounds.get_round(uow, actor, round_id).archived
