"""The demo's applications, each lived through the services: started by its lead, written,
reviewed, submitted and decided on the days the story says (applications.toml, drafts.toml)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from research.db.uow import UnitOfWork
from research.demo.data_files import data_toml
from research.demo.rounds import DemoRound, round_for
from research.demo.story import Story, nz_time
from research.domain.application_status import ApplicationStatus as S
from research.domain.clock import frozen_at
from research.domain.reviewing import ReviewContent
from research.domain.rubric import Score
from research.domain.template_spec import TemplateSpec
from research.services.common.actor import Actor
from research.services.drafting import application_view, applications, sections, team, templates
from research.services.review import lifecycle, reviewing
from research.services.review import rounds as review_rounds

WHAKAPAPA = "Whakapapa and data sovereignty in genomic research"
TEMPLATE_FOR_FUNDER = {"marsden": "marsden-full-proposal", "hrc": "hrc-project", "mbie": "mbie-smart-ideas"}
# Before the workspace existed: every application of the story was started on this day.
STARTED = datetime(2022, 8, 1, tzinfo=UTC)
WRITING = (S.DRAFTING, S.IN_REVIEW, S.REVISING, S.READY)
HISTORIC = (S.SUBMITTED, S.AWARDED, S.DECLINED)
# The reviewer the cluster asks for a look at drafts outside the two review stories.
CLUSTER_REVIEWER = "james"


def create_applications(uow: UnitOfWork, story: Story, research_id: int, rounds: list[DemoRound]) -> None:
    data = data_toml("applications.toml")
    # Drafts were last worked on 6, 7, 8... days ago, in the order of drafts.toml.
    drafts = {d["title"]: (6 + n, d) for n, d in enumerate(data_toml("drafts.toml")["application"])}
    history = data_toml("history.toml")
    for entry in data["application"]:
        status = S(entry["status"])
        decided = entry.get("decided_on")
        funder = data["funders"][entry["funder"]]
        before = nz_time(decided, 0) if decided and status not in WRITING else story.now
        round_id = round_for(rounds, funder, entry["scheme"], status in WRITING, before)
        lead = story[entry["lead"]]
        template = TEMPLATE_FOR_FUNDER[entry["funder"]]
        application_id = start(
            uow, lead, STARTED, (entry["title"], round_id, research_id, entry["requested"], template)
        )
        if entry["title"] in drafts:
            days_ago, plan = drafts[entry["title"]]
            _write_drafts(uow, story, application_id, days_ago, plan | {"lead": entry["lead"]})
        _live(uow, story, application_id, entry, history)


def start(uow: UnitOfWork, lead: Actor, at: datetime, new: tuple[str, int, int, str, str]) -> int:
    """The lead starts an application at `at`: (title, round, cluster, amount requested, template)."""
    title, round_id, cluster_id, requested, template_key = new
    with frozen_at(at):
        return applications.start_application(
            uow,
            lead,
            title=title,
            round_id=round_id,
            cluster_id=cluster_id,
            requested=requested,
            template_key=template_key,
        )


def _live(uow: UnitOfWork, story: Story, application_id: int, entry: dict[str, Any], history: dict[str, str]) -> None:
    status, lead = S(entry["status"]), story[entry["lead"]]
    if status in HISTORIC:
        _as_submitted(uow, story, application_id, entry, history)
    elif status == S.WITHDRAWN:
        with frozen_at(STARTED):
            lifecycle.move_application(uow, lead, application_id, S.WITHDRAWN)
    elif status == S.IN_REVIEW:
        _cluster_review(uow, story, application_id, lead, story.days_ago(4))
    elif status == S.REVISING:
        _cluster_review(uow, story, application_id, lead, story.days_ago(4), lapses=True)
    elif status == S.READY:
        _reviewed(uow, story, application_id, lead, story.days_ago(5), history)
        with frozen_at(story.days_ago(1)):
            _mark_ready(uow, lead, application_id)
            lifecycle.move_application(uow, lead, application_id, S.READY)


def _as_submitted(
    uow: UnitOfWork, story: Story, application_id: int, entry: dict[str, Any], history: dict[str, str]
) -> None:
    """An application written before the workspace: its sections as the portal keeps them, the
    cluster's review (the readiness gate asks for one), submission, and the decision on its day."""
    lead, status = story[entry["lead"]], S(entry["status"])
    with frozen_at(STARTED):
        for section in _sections(uow, lead, application_id):
            if section.required and not section.version:
                sections.save_section(uow, lead, section.id, history["submitted_text"], section.version)
    _reviewed(uow, story, application_id, lead, STARTED, history)
    with frozen_at(STARTED + timedelta(days=4)):
        _mark_ready(uow, lead, application_id)
        lifecycle.move_application(uow, lead, application_id, S.READY)
        lifecycle.move_application(uow, lead, application_id, S.SUBMITTED)
    if status == S.SUBMITTED:
        return
    decided: date = entry["decided_on"]
    award = lifecycle.AwardInput(entry["awarded"], decided) if status == S.AWARDED else None
    with frozen_at(nz_time(decided)):
        lifecycle.move_application(uow, story["tama"], application_id, status, award)


def _cluster_review(
    uow: UnitOfWork, story: Story, application_id: int, lead: Actor, at: datetime, lapses: bool = False
) -> None:
    """The cluster asks its reviewer to look at a draft; if `lapses`, the lead revises a day later
    without waiting, and the invitation lapses."""
    with frozen_at(at):
        review_rounds.request_review_round(
            uow, lead, application_id, [story[CLUSTER_REVIEWER].id], due_on=at.date() + timedelta(days=14)
        )
    if lapses:
        with frozen_at(at + timedelta(days=1)):
            lifecycle.move_application(uow, lead, application_id, S.REVISING)


def _reviewed(
    uow: UnitOfWork, story: Story, application_id: int, lead: Actor, at: datetime, history: dict[str, str]
) -> None:
    """The cluster's review, answered in full two days later, then back to the lead to revise."""
    _cluster_review(uow, story, application_id, lead, at)
    reviewer = story[CLUSTER_REVIEWER]
    detail = application_view.application_detail(uow, lead, application_id)
    review_id = next(i.review_id for i in reviewing.review_inbox(uow, reviewer) if i.application_title == detail.title)
    spec = templates.get_template(uow, detail.template_key)
    with frozen_at(at + timedelta(days=2)):
        review_rounds.respond_to_invitation(uow, reviewer, review_id, accept=True, conflict=False)
        reviewing.submit_review(uow, reviewer, review_id, _all_clear(spec, history))
    with frozen_at(at + timedelta(days=3)):
        lifecycle.move_application(uow, lead, application_id, S.REVISING)


def _all_clear(spec: TemplateSpec, history: dict[str, str]) -> ReviewContent:
    """Every checklist item met, every criterion at its best: the review of a draft ready to go."""
    scores: dict[str, Score] = {
        c.key: c.scale.ratings[0] if c.scale.ratings else c.scale.max
        for c in (spec.rubric.criteria if spec.rubric else ())
    }
    answers = {item.key: ("yes", "") for item in spec.checklist}
    return ReviewContent(answers, scores, history["recommendation"], history["review_summary"])


def _mark_ready(uow: UnitOfWork, lead: Actor, application_id: int) -> None:
    """The team's last step before 'ready': every written required section marked ready."""
    for section in _sections(uow, lead, application_id):
        if section.required and section.status == "drafting":
            sections.set_section_ready(uow, lead, section.id, True)


def _sections(uow: UnitOfWork, actor: Actor, application_id: int) -> tuple[application_view.SectionSummary, ...]:
    return application_view.application_detail(uow, actor, application_id).sections


def _write_drafts(uow: UnitOfWork, story: Story, application_id: int, days_ago: int, plan: dict[str, Any]) -> None:
    """Co-author, revisions by author and day, owners with due dates, sections marked ready."""
    lead = story[plan["lead"]]
    if "coauthor" in plan:
        with frozen_at(STARTED):
            team.invite_coauthor(uow, lead, application_id, story[plan["coauthor"]].id)
    ids = {s.key: s.id for s in _sections(uow, lead, application_id)}
    saved: dict[str, int] = {}
    for revision in plan["revision"]:
        key = revision["section"]
        number = saved.get(key, 0) + 1
        with frozen_at(story.days_ago(days_ago - number, hours=number * 3)):
            saved[key] = sections.save_section(
                uow, story[revision["author"]], ids[key], revision["text"], saved.get(key, 0)
            ).revision
    for offset, (key, owner) in enumerate(plan["owners"].items()):
        due = story.now.date() + timedelta(days=days_ago + 2 * offset)
        team.assign_section(uow, lead, ids[key], story[owner].id, due)
    for key in plan["ready"]:
        sections.set_section_ready(uow, lead, ids[key], True)
