"""Every role times every service action that takes an Actor: allowed or refused, as the table says.

Legend, per cell:
  allow     any user of the role may
  deny      no user of the role may, even one leading the applications or holding the review
  team      only on applications they are on (lead or co-author); refused to everyone else
  edit      only on applications they are on, and never while they review one (research/services/drafting/access.py)
  lead      only the lead of the application; refused to its co-authors and to everyone else
  assigned  only their own review or invitation; refused on anyone else's
  reviewer  only their own invitation, and never to an application whose team they are on
  own       acts on, and shows, only the actor's own things (never another's application)
A refusal is PermissionDenied and leaves every table as it was. An action that is allowed
must succeed outright with the arguments in tests/integration/access_calls.py.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from sqlalchemy import select

import research.services
from research.db.models import Base
from research.db.uow import UnitOfWork
from research.domain.errors import PermissionDenied
from research.domain.roles import Role
from tests.integration.access_calls import APP, CALLS, GLOBAL, REVIEW, SELF
from tests.integration.access_world import build_world

MATRIX = """
action                                               | researcher | reviewer | manager | admin
accounts.users.create_user                                 | deny       | deny     | deny    | allow
accounts.users.list_users                                  | deny       | deny     | deny    | allow
accounts.users.find_users                                  | deny       | deny     | deny    | allow
accounts.users.change_role                                 | deny       | deny     | deny    | allow
accounts.users.set_active                                  | deny       | deny     | deny    | allow
accounts.users.reset_password                              | deny       | deny     | deny    | allow
accounts.users.change_own_password                         | own        | own      | own     | own
accounts.users.set_timezone                                | own        | own      | own     | own
common.audit.recent_events                                  | deny       | deny     | deny    | allow
common.audit.audit_trail                                    | deny       | deny     | deny    | allow
common.workspace.mark_demo_loaded                           | deny       | deny     | deny    | allow
common.workspace_settings.update_settings                   | deny       | deny     | deny    | allow
common.exchange_rates.list_rates                            | deny       | deny     | allow   | allow
common.exchange_rates.set_rate                              | deny       | deny     | deny    | allow
common.exchange_rates.delete_rate                           | deny       | deny     | deny    | allow
common.exchange_rates.import_rates                          | deny       | deny     | deny    | allow
common.demo_data.demo_status                                 | deny       | deny     | deny    | allow
common.demo_data.remove_demo                                 | deny       | deny     | deny    | allow
common.drafts.load_draft                                     | own        | own      | own     | own
common.drafts.save_draft                                     | own        | own      | own     | own
common.drafts.clear_draft                                    | own        | own      | own     | own
drafting.applications.round_choices                           | allow      | deny     | deny    | deny
drafting.applications.start_application                      | allow      | deny     | deny    | deny
drafting.applications.my_applications                         | own        | deny     | deny    | deny
drafting.applications.pipeline                                | deny       | deny     | allow   | allow
drafting.application_view.application_detail                 | team       | deny     | deny    | deny
drafting.team.coauthor_candidates                 | team       | deny     | deny    | deny
drafting.team.invite_coauthor                     | lead       | deny     | deny    | deny
drafting.team.remove_coauthor                     | lead       | deny     | deny    | deny
drafting.team.default_due_date                    | team       | deny     | deny    | deny
drafting.team.assign_section                      | edit       | deny     | deny    | deny
drafting.team.my_sections                         | own        | own      | own     | own
drafting.sections.open_section                                | team       | deny     | deny    | deny
drafting.sections.save_section                                | edit       | deny     | deny    | deny
drafting.sections.restore_revision                            | edit       | deny     | deny    | deny
drafting.sections.set_section_ready                           | edit       | deny     | deny    | deny
drafting.history.section_history                      | team       | deny     | deny    | deny
drafting.history.revision_text                        | team       | deny     | deny    | deny
drafting.history.compare_revisions                    | team       | deny     | deny    | deny
drafting.history.conflict_view                        | edit       | deny     | deny    | deny
drafting.presence.mark_present                                | edit       | deny     | deny    | deny
drafting.presence.leave_section                               | own        | own      | own     | own
drafting.live.join_section                                    | team       | deny     | allow   | deny
drafting.authorship.section_authorship                        | team       | deny     | deny    | deny
drafting.live.record_live_revision                            | team       | deny     | deny    | deny
drafting.templates.add_template                               | deny       | deny     | deny    | allow
drafting.templates.add_template_toml                          | deny       | deny     | deny    | allow
drafting.docx_export.my_applications                          | own        | own      | own     | own
drafting.docx_export.export_choices                           | team       | deny     | allow   | deny
drafting.docx_export.export_document                          | team       | deny     | allow   | deny
drafting.draft_import.preview_draft_import                     | team       | deny     | allow   | deny
drafting.draft_import.accept_imported_section                  | edit       | deny     | deny    | deny
drafting.draft_import.export_stamp                             | team       | deny     | allow   | deny
drafting.draft_import.accept_imported_sections                 | edit       | deny     | deny    | deny
review.rounds.reviewer_choices                       | lead       | deny     | deny    | deny
review.rounds.default_due_date                       | lead       | deny     | deny    | deny
review.rounds.request_review_round                   | lead       | deny     | deny    | deny
review.rounds.invite_reviewers                       | lead       | deny     | deny    | deny
review.rounds.set_blind_reviews                      | lead       | deny     | allow   | deny
review.rounds.respond_to_invitation                  | reviewer   | reviewer | deny    | deny
review.reviewing.review_inbox                               | own        | own      | deny    | deny
review.reviewing.reviews_due                                | own        | own      | deny    | deny
review.reviewing.my_open_reviews                            | own        | own      | deny    | deny
review.reviewing.open_review                                | assigned   | assigned | deny    | deny
review.reviewing.save_review                                | assigned   | assigned | deny    | deny
review.reviewing.submit_review                              | assigned   | assigned | deny    | deny
review.score_changes.change_submitted_score                 | assigned   | assigned | deny    | deny
review.score_changes.score_history                          | assigned   | assigned | deny    | deny
review.consistency.review_consistency                       | deny       | deny     | allow   | deny
writing.aids.analyse_application                            | team       | deny     | allow   | deny
writing.aids.dismiss_finding                                | team       | deny     | deny    | deny
writing.aids.restore_findings                               | team       | deny     | deny    | deny
writing.round_criteria.round_criteria                       | allow      | allow    | allow   | allow
writing.round_criteria.set_round_criteria                   | deny       | deny     | allow   | allow
review.comments.add_review_comment                   | assigned   | assigned | deny    | deny
review.comments.my_review_comments                   | assigned   | assigned | deny    | deny
review.comments.delete_review_comment                | assigned   | assigned | deny    | deny
review.comments.section_threads                      | team       | deny     | allow   | deny
review.comments.add_comment                          | team       | deny     | deny    | deny
review.comments.reply                                | team       | deny     | deny    | deny
review.comments.resolve                              | team       | deny     | deny    | deny
review.comments.reopen                               | team       | deny     | deny    | deny
review.overview.review_applications                  | own        | own      | own     | own
review.overview.find_review_applications             | own        | own      | own     | own
review.overview.review_overview                      | team       | deny     | allow   | deny
review.overview.section_titles                       | team       | deny     | allow   | deny
review.overview.changes_since_review                 | team       | deny     | allow   | deny
review.readiness.check_readiness                            | team       | deny     | allow   | deny
review.readiness.readiness_notes                            | team       | deny     | allow   | deny
review.readiness.answer_checklist_no                        | edit       | deny     | deny    | deny
review.lifecycle.status_options                             | allow      | allow    | allow   | allow
review.lifecycle.move_application (withdraw a draft)        | lead       | deny     | deny    | deny
review.lifecycle.move_application (decline a submitted one) | lead       | deny     | allow   | deny
rounds.calendar.list_rounds                                   | allow      | allow    | allow   | allow
rounds.calendar.list_rounds (archived too)                    | deny       | deny     | allow   | allow
rounds.calendar.get_round                                     | allow      | allow    | allow   | allow
rounds.calendar.filter_options                                | allow      | allow    | allow   | allow
rounds.calendar.round_calendar                                | allow      | allow    | allow   | allow
rounds.calendar.closing_soon                                  | allow      | allow    | allow   | allow
rounds.calendar.milestones_due                                | allow      | allow    | allow   | allow
rounds.funders.list_funders                                 | allow      | allow    | allow   | allow
rounds.funders.save_funder                                  | deny       | deny     | allow   | allow
rounds.funders.list_aliases                                 | allow      | allow    | allow   | allow
rounds.funders.add_alias                                    | deny       | deny     | allow   | allow
rounds.funders.remove_alias                                 | deny       | deny     | allow   | allow
common.import_profiles.profile_names                        | deny       | deny     | allow   | deny
common.import_profiles.profile_names (rounds)               | deny       | deny     | allow   | allow
common.import_profiles.save_profile                         | deny       | deny     | allow   | deny
common.import_profiles.mapping_for                          | deny       | deny     | allow   | deny
rounds.editing.create_round                           | deny       | deny     | allow   | allow
rounds.editing.update_round                           | deny       | deny     | allow   | allow
rounds.editing.set_archived                           | deny       | deny     | allow   | allow
rounds.editing.set_offsets                            | deny       | deny     | allow   | allow
rounds.editing.round_input                            | deny       | deny     | allow   | allow
rounds.editing.find_rounds                            | deny       | deny     | allow   | allow
rounds.imports.check_import                           | deny       | deny     | allow   | allow
rounds.imports.import_rounds                          | deny       | deny     | allow   | allow
roi.dashboard.summary                                          | allow      | allow    | allow   | allow
roi.dashboard.dashboard                                        | deny       | deny     | allow   | allow
roi.options.filter_options                           | allow      | allow    | allow   | allow
roi.details.details (awards by cluster)              | deny       | deny     | allow   | allow
roi.details.details (applications in the pipeline)   | deny       | deny     | allow   | deny
roi.ledgers.list_grants                                  | deny       | deny     | allow   | deny
roi.ledgers.list_clusters                                | deny       | deny     | allow   | deny
roi.clusters.add_cluster                                 | deny       | deny     | allow   | deny
roi.ledgers.add_grant                                    | deny       | deny     | allow   | deny
roi.ledgers.update_grant                                 | deny       | deny     | allow   | deny
roi.ledgers.delete_grant                                 | deny       | deny     | allow   | deny
roi.ledgers.import_grants                                | deny       | deny     | allow   | deny
roi.awards.list_awards                                   | deny       | deny     | allow   | deny
roi.awards.find_awards                                   | deny       | deny     | allow   | deny
roi.awards.import_awards                                 | deny       | deny     | allow   | deny
roi.awards.set_award_shares                              | deny       | deny     | allow   | deny
roi.attribution.list_attributions                        | deny       | deny     | allow   | deny
roi.attribution.application_choices                      | deny       | deny     | allow   | deny
roi.attribution.link_award                               | deny       | deny     | allow   | deny
roi.attribution.set_award_place                          | deny       | deny     | allow   | deny
roi.details.details (awards counted in the headline)     | deny       | deny     | allow   | allow
notify.preferences.my_preferences                    | own        | own      | own     | own
notify.preferences.set_preference                    | own        | own      | own     | own
notify.preferences.set_preferences                   | own        | own      | own     | own
notify.inbox.my_notices                              | own        | own      | own     | own
notify.inbox.unread_count                            | own        | own      | own     | own
notify.inbox.mark_read                               | own        | own      | own     | own
notify.outbox.outbox_rows                            | deny       | deny     | deny    | allow
notify.outbox.outbox_counts                          | deny       | deny     | deny    | allow
notify.follows.follow_round                          | own        | own      | own     | own
notify.follows.follow_choices                        | own        | own      | own     | own
notify.follows.set_followed_rounds                   | own        | own      | own     | own
notify.calendar_tokens.issue_calendar_token          | own        | own      | own     | own
notify.calendar_tokens.revoke_calendar_token         | own        | own      | own     | own
notify.calendar_tokens.calendar_token_since          | own        | own      | own     | own
notify.calendar_tokens.issue_for_username            | deny       | deny     | deny    | allow
"""


def parse_matrix(text: str) -> dict[str, dict[Role, str]]:
    header, *lines = [line for line in text.strip().splitlines() if line.strip()]
    roles = [Role(cell.strip()) for cell in header.split("|")[1:]]
    return {
        cells[0].strip(): dict(zip(roles, (c.strip() for c in cells[1:]), strict=True))
        for cells in (line.split("|") for line in lines)
    }


EXPECTED = parse_matrix(MATRIX)
FAVOURED = {APP: "lead", REVIEW: "assigned", GLOBAL: "outsider", SELF: "outsider"}


def cases_for(cell: str, scope: str) -> list[tuple[str, bool]]:
    """(where the actor stands, allowed?) for one cell of the table."""
    return {
        "allow": [("outsider", True)],
        "own": [("outsider", True)],
        "deny": [(FAVOURED[scope], False)],
        "team": [("member", True), ("outsider", False)],
        "lead": [("lead", True), ("member", False), ("outsider", False)],
        "assigned": [("assigned", True), ("outsider", False)],
        "edit": [("member", True), ("reviewing", False), ("outsider", False)],
        "reviewer": [("assigned", True), ("reviewing", False), ("outsider", False)],
    }[cell]


CASES = [
    (action, role, position, allowed)
    for action, cells in EXPECTED.items()
    for role, cell in cells.items()
    for position, allowed in cases_for(cell, CALLS[action][0])
]


def prepares(action: str) -> bool:
    return len(CALLS[action]) > 2


ALLOWED = [pytest.param(a, r, p, id=f"{a}-{r.value}-{p}") for a, r, p, allowed in CASES if allowed]
# Refusals change nothing (that is checked), so one world serves every refusal of a role in one place.
REFUSALS: dict[tuple[Role, str], list[str]] = {}
for _action, _role, _position, _allowed in CASES:
    if not _allowed:
        REFUSALS.setdefault((_role, _position if not prepares(_action) else f"{_position}:{_action}"), []).append(
            _action
        )


def table_contents(uow: UnitOfWork) -> dict[str, list[tuple]]:
    with uow as session:
        return {
            t.name: sorted(map(tuple, session.execute(select(t)).all()), key=repr) for t in Base.metadata.sorted_tables
        }


def prepared_world(uow, make_actor, action: str, role: Role, position: str):
    return build_world(uow, make_actor, role, position, CALLS[action][2:])


@pytest.mark.parametrize(("action", "role", "position"), ALLOWED)
def test_an_allowed_action_succeeds(uow, make_actor, action, role, position):
    world = prepared_world(uow, make_actor, action, role, position)
    result = CALLS[action][1](uow, world, world.actor)
    if EXPECTED[action][role] == "own":
        assert world.secret not in repr(result), "another team's application leaked into the result"


@pytest.mark.parametrize(
    ("role", "where"), [pytest.param(r, w, id=f"{r.value}-{w}-{len(REFUSALS[r, w])}-actions") for r, w in REFUSALS]
)
def test_a_refused_action_raises_permission_denied_and_changes_nothing(uow, make_actor, role, where):
    actions = REFUSALS[role, where]
    world = prepared_world(uow, make_actor, actions[0], role, where.split(":")[0])
    before, wrong = table_contents(uow), []
    for action in actions:
        try:
            CALLS[action][1](uow, world, world.actor)
            wrong.append(f"{action}: allowed")
        except PermissionDenied:
            pass
        except Exception as exc:  # noqa: BLE001  (any other outcome is a wrong answer, named below)
            wrong.append(f"{action}: {type(exc).__name__}: {exc}")
        if table_contents(uow) != before:
            wrong.append(f"{action}: changed the database")
            break
    assert not wrong, f"{role.value} ({where}):\n" + "\n".join(wrong)


def actor_taking_functions():
    """Every public function in research/services whose parameters include an Actor."""
    for info in pkgutil.walk_packages(research.services.__path__, "research.services."):
        if info.ispkg:
            continue
        module = importlib.import_module(info.name)
        short = info.name.removeprefix("research.services.")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or name.startswith("_"):
                continue
            parameters = inspect.signature(fn, eval_str=True).parameters.values()
            if any("Actor" in str(p.annotation) for p in parameters):
                yield short, name, [p.annotation for p in parameters]


def test_every_service_action_taking_an_actor_has_a_row():
    """A new action needs a row; checks used inside an action's transaction (a Session) are covered by it."""
    rows = {action.split(" (")[0] for action in EXPECTED}
    missing = []
    for module, name, kinds in actor_taking_functions():
        if UnitOfWork in kinds and f"{module}.{name}" not in rows:
            missing.append(f"{module}.{name}")
    assert not missing, f"add these to MATRIX in {__name__}: {missing}"
    assert set(CALLS) == set(EXPECTED), "every row needs its call in access_calls.py, and nothing else"


def test_the_guard_sees_actions_and_knows_helpers_from_them():
    found = {f"{m}.{n}": a for m, n, a in actor_taking_functions()}
    assert UnitOfWork in found["drafting.sections.save_section"]
    assert UnitOfWork not in found["drafting.access.require_read"]  # in-transaction check, exercised via the actions
    assert len([a for a in found.values() if UnitOfWork in a]) == len({r.split(" (")[0] for r in EXPECTED})


def test_a_lead_whose_role_changed_keeps_no_rights_on_the_draft(uow, make_actor):
    """The hole the matrix found: team membership outlived the role that drafts."""
    from research.services.accounts import users as accounts
    from research.services.drafting import docx_export
    from research.services.review import comments as review_comments
    from research.services.review import lifecycle

    world = build_world(uow, make_actor, Role.RESEARCHER, "lead")
    lead = world.actor
    review_comments.add_comment(uow, lead, world.draft_id, world.section_id, "Before the change.")
    accounts.change_role(uow, make_actor(Role.ADMIN), lead.id, Role.REVIEWER.value)
    demoted = type(lead)(lead.id, lead.username, lead.display_name, Role.REVIEWER)
    before = table_contents(uow)
    for attempt in (
        lambda: docx_export.export_document(uow, demoted, world.draft_id),
        lambda: review_comments.add_comment(uow, demoted, world.draft_id, world.section_id, "After."),
        lambda: lifecycle.move_application(uow, demoted, world.draft_id, "withdrawn"),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert table_contents(uow) == before
