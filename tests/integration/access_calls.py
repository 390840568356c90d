"""How the access matrix calls each service action: valid arguments, so only permission can refuse.

Each entry: row name -> (scope, call[, preparation]). The scope says where the actor must stand to be
favoured: "application" (lead or member of the applications), "review" (holds the review),
"global" (nothing to stand on), "self" (the actor's own things). A preparation runs through the services on
the built world while the actor still has the role its place needs (tests/integration/access_world.py).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from research.collab import log as collab_log
from research.db.models import ExchangeRate, User
from research.domain.application_status import ApplicationStatus
from research.domain.assessment_criteria import AssessmentCriterion
from research.domain.award_rows import AWARD_FIELDS
from research.domain.clock import utcnow
from research.domain.draft_document import BlockKind, DraftBlock, DraftDocument
from research.domain.import_kinds import ImportKind
from research.domain.roi import RoiFilter
from research.domain.roles import Role
from research.domain.round_rules import RoundInput
from research.domain.section_rules import RevisionKind
from research.services.accounts import users as accounts
from research.services.common import (
    audit,
    demo_data,
    drafts,
    exchange_rates,
    import_profiles,
    workspace,
    workspace_settings,
)
from research.services.drafting import (
    application_view,
    applications,
    authorship,
    docx_export,
    draft_import,
    live,
    presence,
    sections,
    templates,
)
from research.services.drafting import history as section_history
from research.services.drafting import team as application_team
from research.services.notify import calendar_tokens, follows
from research.services.notify import inbox as notify_inbox
from research.services.notify import outbox as notify_outbox
from research.services.notify import preferences as notify_preferences
from research.services.review import comments as review_comments
from research.services.review import consistency, lifecycle, readiness, reviewing, score_changes
from research.services.review import overview as review_overview
from research.services.review import rounds as review_rounds
from research.services.roi import attribution, awards, clusters, ledgers
from research.services.roi import dashboard as roi
from research.services.roi import details as roi_details
from research.services.roi import options as roi_options
from research.services.rounds import calendar as rounds
from research.services.rounds import editing as round_editing
from research.services.rounds import funders
from research.services.rounds import imports as round_imports
from research.services.rounds.files import read_round_file
from research.services.writing import aids, round_criteria
from tests.integration.access_world import World
from tests.integration.review_steps import TODAY, full_review
from tests.integration.rounds_helpers import nz
from tests.review_builders import FAR_DUE, place_application
from tests.service_people import staff

DRAFT_FILE = DraftDocument("d.docx", "", (DraftBlock(BlockKind.PARAGRAPH, "Words.", "Words.", "paragraph 1"),))


def _add_rate(uow) -> None:
    exchange_rates.set_rate(uow, staff(uow, Role.ADMIN), "AUD", "2024-01-02", "0.92")


def _first_rate(uow) -> int:
    with uow as session:
        return session.scalars(select(ExchangeRate.id).order_by(ExchangeRate.id)).first()


LIVE_TEXT = live.LiveText("Typed live.", b"", 1_000_000)  # a seq beyond any row: no newer edits
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NEW_PASSWORD = "a brand new passphrase"  # pragma: allowlist secret (a made-up password for tests)
ROUNDS_CSV = b"Funder,Scheme,Closes\nMarsden Fund,Fast-Start,2098-02-20 12:00\n"
ROUNDS_MAPPING = {"funder": "Funder", "scheme": "Scheme", "closes": "Closes"}
TEMPLATE = {
    "key": "matrix-form",
    "name": "Matrix form",
    "funder": "Marsden Fund",
    "scheme": "Standard",
    "version": "2026",
    "sections": [{"key": "summary", "title": "Summary"}],
}
TEMPLATE_TOML = (
    b'key = "matrix-toml"\nname = "Matrix TOML"\nfunder = "Marsden Fund"\nscheme = "Standard"\n'
    b'version = "2026"\n[[sections]]\nkey = "summary"\ntitle = "Summary"\n'
)


def _round(w: World) -> RoundInput:
    return RoundInput(funder_id=w.funder_id, scheme="Fast-Start", closes_at=nz(2099, 3, 2, 12, 0))


def _grant() -> ledgers.GrantInput:
    return ledgers.GrantInput("Food", "5000", "2024-01-10")


def submit_the_review(uow, w: World) -> None:
    """Whoever holds the world's accepted review submits it."""
    reviewing.submit_review(uow, w.reviewer(), w.review_id, full_review())


def submit_the_draft(uow, w: World) -> None:
    """The lead settles the open team comment (ready waits for it), then takes the draft through a review round
    and ready to submitted, as the lifecycle allows."""
    review_comments.resolve(uow, w.lead(), w.open_comment_id)
    place_application(uow, w.lead(), w.draft_id, ApplicationStatus.SUBMITTED)


def a_reviewer_said_no(uow, w: World) -> None:
    """The draft's latest reviewed round: the spare reviewer's submitted review answers checklist item "plain" no.

    The lead asks for the review in a new round, or, where the draft is already in review (the "reviewing"
    place), in that open round. The draft stays in review: moving it on to revising would close the round
    and lapse the reviewing actor's accepted review, and with it the edit rule the row refuses them by."""
    lead, reviewer = w.lead(), w.people["spare_reviewer"]
    if application_view.application_detail(uow, lead, w.draft_id).status == ApplicationStatus.IN_REVIEW:
        review_rounds.invite_reviewers(uow, lead, w.draft_id, [reviewer.id], FAR_DUE)
    else:
        review_rounds.request_review_round(uow, lead, w.draft_id, [reviewer.id], FAR_DUE)
    (invitation,) = reviewing.review_inbox(uow, reviewer)  # the spare reviewer's only one
    review_rounds.respond_to_invitation(uow, reviewer, invitation.review_id, accept=True, conflict=False)
    answers = {**full_review().answers, "plain": ("no", "Too technical")}
    reviewing.submit_review(uow, reviewer, invitation.review_id, full_review(answers=answers))


APP, REVIEW, GLOBAL, SELF = "application", "review", "global", "self"


def _remove_the_world_as_if_demo(uow, actor):
    """The world stands in for a loaded demo: every account but the acting admin's is the demo's."""
    workspace.mark_demo_loaded(uow, actor)
    with uow as session:
        names = [n for n in session.scalars(select(User.username)) if n != actor.username]
    return demo_data.remove_demo(uow, actor, names)


CALLS = {
    # accounts
    "accounts.users.create_user": (
        GLOBAL,
        lambda u, w, a: accounts.create_user(u, a, "new-user", "New User", "researcher", NEW_PASSWORD),
    ),
    "accounts.users.list_users": (GLOBAL, lambda u, w, a: accounts.list_users(u, a)),
    "accounts.users.find_users": (GLOBAL, lambda u, w, a: accounts.find_users(u, a, "a")),
    "accounts.users.change_role": (
        GLOBAL,
        lambda u, w, a: accounts.change_role(u, a, w.people["spare"].id, "reviewer"),
    ),
    "accounts.users.set_active": (GLOBAL, lambda u, w, a: accounts.set_active(u, a, w.people["spare"].id, False)),
    "accounts.users.reset_password": (
        GLOBAL,
        lambda u, w, a: accounts.reset_password(u, a, w.people["spare"].id, NEW_PASSWORD),
    ),
    "accounts.users.change_own_password": (
        SELF,
        lambda u, w, a: accounts.change_own_password(u, a, "correct horse battery", NEW_PASSWORD),
    ),
    "accounts.users.set_timezone": (SELF, lambda u, w, a: accounts.set_timezone(u, a, "Europe/London")),
    "common.audit.recent_events": (GLOBAL, lambda u, w, a: audit.recent_events(u, a)),
    "common.audit.audit_trail": (GLOBAL, lambda u, w, a: audit.audit_trail(u, a, audit.AuditQuery())),
    "common.workspace.mark_demo_loaded": (GLOBAL, lambda u, w, a: workspace.mark_demo_loaded(u, a)),
    "common.workspace_settings.update_settings": (
        GLOBAL,
        lambda u, w, a: workspace_settings.update_settings(u, a, area="Dunedin;9010", financial_year_start="4"),
    ),
    "common.exchange_rates.list_rates": (GLOBAL, lambda u, w, a: exchange_rates.list_rates(u, a)),
    "common.exchange_rates.set_rate": (
        GLOBAL,
        lambda u, w, a: exchange_rates.set_rate(u, a, "USD", "2024-01-02", "0.61"),
    ),
    "common.exchange_rates.delete_rate": (
        GLOBAL,
        lambda u, w, a: exchange_rates.delete_rate(u, a, _first_rate(u)),
        lambda u, w: _add_rate(u),
    ),
    "common.exchange_rates.import_rates": (
        GLOBAL,
        lambda u, w, a: exchange_rates.import_rates(u, a, "rates.csv", b"Date,USD,EUR\n2024-01-02,0.61,0.56\n"),
    ),
    "common.demo_data.demo_status": (GLOBAL, lambda u, w, a: demo_data.demo_status(u, a, ("hana", "tama"))),
    "common.demo_data.remove_demo": (GLOBAL, lambda u, w, a: _remove_the_world_as_if_demo(u, a)),
    "common.drafts.load_draft": (SELF, lambda u, w, a: drafts.load_draft(u, a, "comment_1")),
    "common.drafts.save_draft": (SELF, lambda u, w, a: drafts.save_draft(u, a, "comment_1", "Unsent words.")),
    "common.drafts.clear_draft": (SELF, lambda u, w, a: drafts.clear_draft(u, a, "comment_1")),
    # drafting
    "drafting.applications.round_choices": (GLOBAL, lambda u, w, a: applications.round_choices(u, a)),
    "drafting.applications.start_application": (
        GLOBAL,
        lambda u, w, a: applications.start_application(
            u, a, title="Estuary sounds", round_id=w.round_id, cluster_id=None, requested="1000"
        ),
    ),
    "drafting.applications.my_applications": (SELF, lambda u, w, a: applications.my_applications(u, a)),
    "drafting.applications.pipeline": (GLOBAL, lambda u, w, a: applications.pipeline(u, a)),
    "drafting.application_view.application_detail": (
        APP,
        lambda u, w, a: application_view.application_detail(u, a, w.draft_id),
    ),
    "drafting.team.coauthor_candidates": (
        APP,
        lambda u, w, a: application_team.coauthor_candidates(u, a, w.draft_id),
    ),
    "drafting.team.invite_coauthor": (
        APP,
        lambda u, w, a: application_team.invite_coauthor(u, a, w.draft_id, w.people["spare"].id),
    ),
    "drafting.team.remove_coauthor": (
        APP,
        lambda u, w, a: application_team.remove_coauthor(u, a, w.draft_id, w.people["coauthor"].id),
    ),
    "drafting.team.default_due_date": (APP, lambda u, w, a: application_team.default_due_date(u, a, w.draft_id)),
    "drafting.team.assign_section": (
        APP,
        lambda u, w, a: application_team.assign_section(u, a, w.section_id, None, FAR_DUE),
    ),
    "drafting.team.my_sections": (SELF, lambda u, w, a: application_team.my_sections(u, a)),
    "drafting.sections.open_section": (APP, lambda u, w, a: sections.open_section(u, a, w.section_id)),
    "drafting.sections.save_section": (APP, lambda u, w, a: sections.save_section(u, a, w.section_id, "New words.", 1)),
    "drafting.sections.restore_revision": (APP, lambda u, w, a: sections.restore_revision(u, a, w.section_id, 1, 1)),
    "drafting.sections.set_section_ready": (APP, lambda u, w, a: sections.set_section_ready(u, a, w.section_id, True)),
    "drafting.history.section_history": (APP, lambda u, w, a: section_history.section_history(u, a, w.section_id)),
    "drafting.history.revision_text": (APP, lambda u, w, a: section_history.revision_text(u, a, w.section_id, 1)),
    "drafting.history.compare_revisions": (
        APP,
        lambda u, w, a: section_history.compare_revisions(u, a, w.section_id, 1, 1),
    ),
    "drafting.history.conflict_view": (APP, lambda u, w, a: section_history.conflict_view(u, a, w.section_id, 1)),
    "drafting.presence.mark_present": (APP, lambda u, w, a: presence.mark_present(u, a, w.section_id)),
    "drafting.live.join_section": (APP, lambda u, w, a: live.join_section(u, a, w.section_id)),
    "drafting.authorship.section_authorship": (APP, lambda u, w, a: authorship.section_authorship(u, a, w.section_id)),
    "drafting.live.record_live_revision": (
        APP,
        lambda u, w, a: live.record_live_revision(u, a, w.section_id, LIVE_TEXT, RevisionKind.LIVE),
        lambda u, w: collab_log.catch_up(u, w.section_id),
    ),
    "drafting.presence.leave_section": (SELF, lambda u, w, a: presence.leave_section(u, a, w.section_id)),
    "drafting.templates.add_template": (GLOBAL, lambda u, w, a: templates.add_template(u, a, TEMPLATE, "matrix.toml")),
    "drafting.templates.add_template_toml": (
        GLOBAL,
        lambda u, w, a: templates.add_template_toml(u, a, TEMPLATE_TOML, "matrix.toml"),
    ),
    "drafting.docx_export.my_applications": (SELF, lambda u, w, a: docx_export.my_applications(u, a)),
    "drafting.docx_export.export_choices": (APP, lambda u, w, a: docx_export.export_choices(u, a, w.draft_id)),
    "drafting.docx_export.export_document": (APP, lambda u, w, a: docx_export.export_document(u, a, w.draft_id)),
    "drafting.draft_import.preview_draft_import": (
        APP,
        lambda u, w, a: draft_import.preview_draft_import(u, a, w.draft_id, DRAFT_FILE),
    ),
    "drafting.draft_import.accept_imported_sections": (
        APP,
        lambda u, w, a: draft_import.accept_imported_sections(
            u, a, w.draft_id, draft_import.preview_draft_import(u, a, w.draft_id, DRAFT_FILE).sections, "d.docx"
        ),
    ),
    "drafting.draft_import.export_stamp": (APP, lambda u, w, a: draft_import.export_stamp(u, a, w.draft_id)),
    "drafting.draft_import.accept_imported_section": (
        APP,
        lambda u, w, a: draft_import.accept_imported_section(u, a, w.draft_id, w.section_id, "Imported.", 1, "d.docx"),
    ),
    # review
    "review.rounds.reviewer_choices": (APP, lambda u, w, a: review_rounds.reviewer_choices(u, a, w.draft_id)),
    "review.rounds.default_due_date": (APP, lambda u, w, a: review_rounds.default_due_date(u, a, w.draft_id)),
    "review.rounds.request_review_round": (
        APP,
        lambda u, w, a: review_rounds.request_review_round(
            u, a, w.draft_id, [w.people["spare_reviewer"].id], FAR_DUE, today=TODAY
        ),
    ),
    "review.rounds.invite_reviewers": (
        APP,
        lambda u, w, a: review_rounds.invite_reviewers(
            u, a, w.reviewed_id, [w.people["spare_reviewer"].id], today=TODAY
        ),
    ),
    "review.rounds.set_blind_reviews": (APP, lambda u, w, a: review_rounds.set_blind_reviews(u, a, w.draft_id, True)),
    "review.rounds.respond_to_invitation": (
        REVIEW,
        lambda u, w, a: review_rounds.respond_to_invitation(u, a, w.invitation_id, True, False),
    ),
    "review.reviewing.review_inbox": (SELF, lambda u, w, a: reviewing.review_inbox(u, a)),
    "review.reviewing.reviews_due": (SELF, lambda u, w, a: reviewing.reviews_due(u, a)),
    "review.reviewing.my_open_reviews": (SELF, lambda u, w, a: reviewing.my_open_reviews(u, a)),
    "review.reviewing.open_review": (REVIEW, lambda u, w, a: reviewing.open_review(u, a, w.review_id)),
    "review.reviewing.save_review": (REVIEW, lambda u, w, a: reviewing.save_review(u, a, w.review_id, full_review())),
    "review.reviewing.submit_review": (
        REVIEW,
        lambda u, w, a: reviewing.submit_review(u, a, w.review_id, full_review()),
    ),
    "review.score_changes.change_submitted_score": (
        REVIEW,
        lambda u, w, a: score_changes.change_submitted_score(u, a, w.review_id, "excellence", 3.0, "Re-read the aims."),
        submit_the_review,
    ),
    "review.score_changes.score_history": (REVIEW, lambda u, w, a: score_changes.score_history(u, a, w.review_id)),
    "review.consistency.review_consistency": (GLOBAL, lambda u, w, a: consistency.review_consistency(u, a)),
    "writing.aids.analyse_application": (APP, lambda u, w, a: aids.analyse_application(u, a, w.draft_id)),
    "writing.aids.dismiss_finding": (
        APP,
        lambda u, w, a: aids.dismiss_finding(u, a, w.section_id, "0123456789abcdef0123", "passive"),
    ),
    "writing.aids.restore_findings": (APP, lambda u, w, a: aids.restore_findings(u, a, w.section_id)),
    "writing.round_criteria.round_criteria": (GLOBAL, lambda u, w, a: round_criteria.round_criteria(u, a, w.round_id)),
    "writing.round_criteria.set_round_criteria": (
        GLOBAL,
        lambda u, w, a: round_criteria.set_round_criteria(
            u, a, w.round_id, [AssessmentCriterion("", "Excellence", 50.0, ("novelty",))]
        ),
    ),
    "review.comments.add_review_comment": (
        REVIEW,
        lambda u, w, a: review_comments.add_review_comment(u, a, w.review_id, w.reviewed_section_id, "Say why."),
    ),
    "review.comments.my_review_comments": (
        REVIEW,
        lambda u, w, a: review_comments.my_review_comments(u, a, w.review_id),
    ),
    "review.comments.delete_review_comment": (
        REVIEW,
        lambda u, w, a: review_comments.delete_review_comment(u, a, w.review_comment_id),
    ),
    "review.comments.section_threads": (APP, lambda u, w, a: review_comments.section_threads(u, a, w.draft_id)),
    "review.comments.add_comment": (
        APP,
        lambda u, w, a: review_comments.add_comment(u, a, w.draft_id, w.section_id, "A thought."),
    ),
    "review.comments.reply": (APP, lambda u, w, a: review_comments.reply(u, a, w.open_comment_id, "Agreed.")),
    "review.comments.resolve": (APP, lambda u, w, a: review_comments.resolve(u, a, w.open_comment_id)),
    "review.comments.reopen": (APP, lambda u, w, a: review_comments.reopen(u, a, w.resolved_comment_id)),
    "review.overview.review_applications": (SELF, lambda u, w, a: review_overview.review_applications(u, a)),
    "review.overview.find_review_applications": (
        SELF,
        lambda u, w, a: review_overview.find_review_applications(u, a, search="a"),
    ),
    "review.overview.review_overview": (APP, lambda u, w, a: review_overview.review_overview(u, a, w.draft_id)),
    "review.overview.section_titles": (APP, lambda u, w, a: review_overview.section_titles(u, a, w.draft_id)),
    "review.overview.changes_since_review": (
        APP,
        lambda u, w, a: review_overview.changes_since_review(u, a, w.reviewed_id, w.review_round_id),
    ),
    "review.readiness.check_readiness": (APP, lambda u, w, a: readiness.check_readiness(u, a, w.draft_id)),
    "review.readiness.readiness_notes": (APP, lambda u, w, a: readiness.readiness_notes(u, a, w.draft_id)),
    "review.readiness.answer_checklist_no": (
        APP,
        lambda u, w, a: readiness.answer_checklist_no(u, a, w.draft_id, "plain", "Rewrote it for a lay reader"),
        a_reviewer_said_no,
    ),
    "review.lifecycle.status_options": (APP, lambda u, w, a: lifecycle.status_options(u, a, w.draft_id)),
    "review.lifecycle.move_application (withdraw a draft)": (
        APP,
        lambda u, w, a: lifecycle.move_application(u, a, w.draft_id, "withdrawn"),
    ),
    "review.lifecycle.move_application (decline a submitted one)": (
        APP,
        lambda u, w, a: lifecycle.move_application(u, a, w.draft_id, "declined"),
        submit_the_draft,
    ),
    # funding rounds
    "rounds.calendar.list_rounds": (GLOBAL, lambda u, w, a: rounds.list_rounds(u, a)),
    "rounds.calendar.list_rounds (archived too)": (
        GLOBAL,
        lambda u, w, a: rounds.list_rounds(u, a, rounds.RoundFilter(include_archived=True)),
    ),
    "rounds.calendar.get_round": (GLOBAL, lambda u, w, a: rounds.get_round(u, a, w.round_id)),
    "rounds.calendar.filter_options": (GLOBAL, lambda u, w, a: rounds.filter_options(u, a)),
    "rounds.calendar.round_calendar": (GLOBAL, lambda u, w, a: rounds.round_calendar(u, a)),
    "rounds.calendar.closing_soon": (GLOBAL, lambda u, w, a: rounds.closing_soon(u, a)),
    "rounds.calendar.milestones_due": (GLOBAL, lambda u, w, a: rounds.milestones_due(u, a)),
    "rounds.funders.list_funders": (GLOBAL, lambda u, w, a: funders.list_funders(u, a)),
    "rounds.funders.save_funder": (GLOBAL, lambda u, w, a: funders.save_funder(u, a, "Endeavour Fund")),
    "rounds.editing.create_round": (GLOBAL, lambda u, w, a: round_editing.create_round(u, a, _round(w))),
    "rounds.editing.update_round": (GLOBAL, lambda u, w, a: round_editing.update_round(u, a, w.round_id, _round(w))),
    "rounds.editing.set_archived": (GLOBAL, lambda u, w, a: round_editing.set_archived(u, a, w.round_id, True)),
    "rounds.editing.set_offsets": (GLOBAL, lambda u, w, a: round_editing.set_offsets(u, a, w.round_id, {"intent": 12})),
    "rounds.editing.round_input": (GLOBAL, lambda u, w, a: round_editing.round_input(u, a, w.round_id)),
    "rounds.editing.find_rounds": (GLOBAL, lambda u, w, a: round_editing.find_rounds(u, a)),
    "rounds.imports.check_import": (
        GLOBAL,
        lambda u, w, a: round_imports.check_import(u, a, read_round_file(ROUNDS_CSV, "r.csv"), ROUNDS_MAPPING),
    ),
    "rounds.imports.import_rounds": (
        GLOBAL,
        lambda u, w, a: round_imports.import_rounds(u, a, read_round_file(ROUNDS_CSV, "r.csv"), ROUNDS_MAPPING),
    ),
    # return on investment and ledgers
    "roi.dashboard.summary": (GLOBAL, lambda u, w, a: roi.summary(u, a, RoiFilter())),
    "roi.dashboard.dashboard": (GLOBAL, lambda u, w, a: roi.dashboard(u, a, RoiFilter())),
    "roi.options.filter_options": (GLOBAL, lambda u, w, a: roi_options.filter_options(u, a)),
    "roi.details.details (awards by cluster)": (
        GLOBAL,
        lambda u, w, a: roi_details.details(u, a, RoiFilter(), roi_details.Drill("by_cluster", ("Research",))),
    ),
    "roi.details.details (applications in the pipeline)": (
        GLOBAL,
        lambda u, w, a: roi_details.details(
            u, a, RoiFilter(), roi_details.Drill("pipeline", (ApplicationStatus.DRAFTING.label,))
        ),
    ),
    "roi.ledgers.list_grants": (GLOBAL, lambda u, w, a: ledgers.list_grants(u, a)),
    "roi.ledgers.list_clusters": (GLOBAL, lambda u, w, a: ledgers.list_clusters(u, a)),
    "roi.clusters.add_cluster": (GLOBAL, lambda u, w, a: clusters.add_cluster(u, a, "Tourism", "Visitors and hosts.")),
    "roi.ledgers.add_grant": (GLOBAL, lambda u, w, a: ledgers.add_grant(u, a, _grant())),
    "roi.ledgers.update_grant": (GLOBAL, lambda u, w, a: ledgers.update_grant(u, a, w.grant_id, _grant())),
    "roi.ledgers.delete_grant": (GLOBAL, lambda u, w, a: ledgers.delete_grant(u, a, w.grant_id)),
    "roi.ledgers.import_grants": (
        GLOBAL,
        lambda u, w, a: ledgers.import_grants(u, a, "grants.csv", (FIXTURES / "grants.csv").read_bytes()),
    ),
    "roi.awards.list_awards": (GLOBAL, lambda u, w, a: awards.list_awards(u, a)),
    "roi.awards.find_awards": (GLOBAL, lambda u, w, a: awards.find_awards(u, a, "a")),
    "roi.awards.import_awards": (
        GLOBAL,
        lambda u, w, a: awards.import_awards(
            u, a, "giving360_grants.csv", (FIXTURES / "giving360_grants.csv").read_bytes(), ["USD=1.68"]
        ),
    ),
    "rounds.funders.list_aliases": (GLOBAL, lambda u, w, a: funders.list_aliases(u, a)),
    "rounds.funders.add_alias": (GLOBAL, lambda u, w, a: funders.add_alias(u, a, w.funder_id, "RSNZ Marsden")),
    "rounds.funders.remove_alias": (GLOBAL, lambda u, w, a: funders.remove_alias(u, a, w.alias_id)),
    "common.import_profiles.profile_names": (
        GLOBAL,
        lambda u, w, a: import_profiles.profile_names(u, a, ImportKind.AWARDS),
    ),
    "common.import_profiles.profile_names (rounds)": (
        GLOBAL,
        lambda u, w, a: import_profiles.profile_names(u, a, ImportKind.ROUNDS),
    ),
    "common.import_profiles.save_profile": (
        GLOBAL,
        lambda u, w, a: import_profiles.save_profile(u, a, ImportKind.AWARDS, "NIH", {"identifier": "appl_id"}),
    ),
    "common.import_profiles.mapping_for": (
        GLOBAL,
        lambda u, w, a: import_profiles.mapping_for(u, a, ImportKind.AWARDS, AWARD_FIELDS, ["project_number"]),
    ),
    "roi.awards.set_award_shares": (
        GLOBAL,
        lambda u, w, a: awards.set_award_shares(u, a, w.award_id, [("Food", Decimal("100"))]),
    ),
    "roi.attribution.list_attributions": (GLOBAL, lambda u, w, a: attribution.list_attributions(u, a)),
    "roi.attribution.application_choices": (GLOBAL, lambda u, w, a: attribution.application_choices(u, a)),
    "roi.attribution.link_award": (GLOBAL, lambda u, w, a: attribution.link_award(u, a, w.award_id, None, "Food")),
    "roi.attribution.set_award_place": (
        GLOBAL,
        lambda u, w, a: attribution.set_award_place(u, a, w.award_id, attribution.PlaceInput(locality="Dunedin")),
    ),
    "roi.details.details (awards counted in the headline)": (
        GLOBAL,
        lambda u, w, a: roi_details.details(u, a, RoiFilter(), roi_details.Drill("counted", ("counted",))),
    ),
    "notify.preferences.my_preferences": (SELF, lambda u, w, a: notify_preferences.my_preferences(u, a)),
    "notify.preferences.set_preference": (
        SELF,
        lambda u, w, a: notify_preferences.set_preference(u, a, "comment", "weekly"),
    ),
    "notify.preferences.set_preferences": (
        SELF,
        lambda u, w, a: notify_preferences.set_preferences(u, a, {"status": "off"}),
    ),
    "notify.inbox.my_notices": (SELF, lambda u, w, a: notify_inbox.my_notices(u, a)),
    "notify.inbox.unread_count": (SELF, lambda u, w, a: notify_inbox.unread_count(u, a)),
    "notify.inbox.mark_read": (SELF, lambda u, w, a: notify_inbox.mark_read(u, a)),
    "notify.outbox.outbox_rows": (GLOBAL, lambda u, w, a: notify_outbox.outbox_rows(u, a)),
    "notify.outbox.outbox_counts": (GLOBAL, lambda u, w, a: notify_outbox.outbox_counts(u, a)),
    "notify.follows.follow_round": (SELF, lambda u, w, a: follows.follow_round(u, a, w.round_id)),
    "notify.follows.follow_choices": (SELF, lambda u, w, a: follows.follow_choices(u, a, utcnow())),
    "notify.follows.set_followed_rounds": (
        SELF,
        lambda u, w, a: follows.set_followed_rounds(u, a, {w.round_id}, {w.round_id}),
    ),
    "notify.calendar_tokens.issue_calendar_token": (SELF, lambda u, w, a: calendar_tokens.issue_calendar_token(u, a)),
    "notify.calendar_tokens.revoke_calendar_token": (
        SELF,
        lambda u, w, a: calendar_tokens.revoke_calendar_token(u, a),
    ),
    "notify.calendar_tokens.calendar_token_since": (
        SELF,
        lambda u, w, a: calendar_tokens.calendar_token_since(u, a),
    ),
    "notify.calendar_tokens.issue_for_username": (
        GLOBAL,
        lambda u, w, a: calendar_tokens.issue_for_username(u, a, w.people["spare"].username),
    ),
}
