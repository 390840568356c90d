"""The demo's two peer-review stories (reviews.toml), told through the review services and dated
relative to the day the demo is loaded: "Tides of memory" was reviewed and is being revised,
"Shellfish recovery" is out for review now."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from research.db.uow import UnitOfWork
from research.demo.applications import start
from research.demo.data_files import data_toml
from research.demo.rounds import DemoRound, round_for
from research.demo.story import Story
from research.domain.application_status import ApplicationStatus as S
from research.domain.clock import frozen_at
from research.domain.reviewing import ReviewContent
from research.domain.rubric import Score
from research.services.common.actor import Actor
from research.services.drafting import application_view, sections, team
from research.services.review import comments, lifecycle, reviewing
from research.services.review import rounds as review_rounds

TIDES = "Tides of memory: oral histories of the estuary"
SHELLFISH = "Shellfish recovery after estuary restoration"
MARSDEN = "Royal Society Te Apārangi — Marsden Fund"
TEMPLATE = "marsden-standard-review"
REQUESTED = "945000"
STARTED_DAYS_AGO, WRITTEN_DAYS_AGO, REVISED_DAYS_AGO = 40, 30, 2


def create_review_stories(uow: UnitOfWork, story: Story, research_id: int, rounds: list[DemoRound]) -> None:
    data = data_toml("reviews.toml")
    round_id = round_for(rounds, MARSDEN, "Standard", True, story.now)
    tides = _written(uow, story, data["tides"], research_id, round_id)
    _tides_review(uow, story, data["tides"], tides)
    shellfish = _written(uow, story, data["shellfish"], research_id, round_id)
    _shellfish_review(uow, story, data["shellfish"], shellfish)


def _written(uow: UnitOfWork, story: Story, plot: dict[str, Any], research_id: int, round_id: int) -> dict[str, int]:
    """Started 40 days ago, written 30 days ago, every section owned by the lead: section ids by key."""
    lead = story[plot["lead"]]
    started = story.days_ago(STARTED_DAYS_AGO)
    application_id = start(uow, lead, started, (plot["title"], round_id, research_id, REQUESTED, TEMPLATE))
    with frozen_at(started):
        for name in plot["coauthors"]:
            team.invite_coauthor(uow, lead, application_id, story[name].id)
    ids = {s.key: s.id for s in application_view.application_detail(uow, lead, application_id).sections}
    with frozen_at(story.days_ago(WRITTEN_DAYS_AGO)):
        for key, section_id in ids.items():
            sections.save_section(uow, lead, section_id, plot["first"][key], 0)
            team.assign_section(uow, lead, section_id, lead.id, None)
    return ids | {"": application_id}


def _request(uow: UnitOfWork, story: Story, plot: dict[str, Any], application_id: int, reviewers: list[str]) -> None:
    asked = plot["round"]
    today = story.today - timedelta(days=asked["requested_days_ago"])
    due = story.today + timedelta(days=asked.get("due_in_days", -asked.get("due_days_ago", 0)))
    with frozen_at(story.nz_day(asked["requested_days_ago"])):
        review_rounds.request_review_round(
            uow,
            story[plot["lead"]],
            application_id,
            [story[r].id for r in reviewers],
            due,
            asked.get("message", ""),
            today,
        )


def _review_id(uow: UnitOfWork, reviewer: Actor, title: str) -> int:
    return next(i.review_id for i in reviewing.review_inbox(uow, reviewer) if i.application_title == title)


def _accept(uow: UnitOfWork, story: Story, name: str, title: str, days_ago: int) -> int:
    reviewer = story[name]
    review_id = _review_id(uow, reviewer, title)
    with frozen_at(story.nz_day(days_ago)):
        review_rounds.respond_to_invitation(uow, reviewer, review_id, accept=True, conflict=False)
    return review_id


def _tides_review(uow: UnitOfWork, story: Story, plot: dict[str, Any], ids: dict[str, int]) -> None:
    application_id, lead = ids[""], story[plot["lead"]]
    _request(uow, story, plot, application_id, [r["reviewer"] for r in plot["review"]])
    answered: dict[str, int] = {}
    for review in plot["review"]:
        # Reviewers accepted five days before they submitted.
        review_id = _accept(uow, story, review["reviewer"], plot["title"], review["submitted_days_ago"] + 5)
        with frozen_at(story.nz_day(review["submitted_days_ago"])):
            answered |= _comment(uow, story[review["reviewer"]], review_id, plot, ids)
            reviewing.submit_review(uow, story[review["reviewer"]], review_id, _content(plot, review))
    with frozen_at(story.nz_day(plot["round"]["closed_days_ago"])):
        lifecycle.move_application(uow, lead, application_id, S.REVISING)
    for thread in plot["comment"]:
        if "resolution" in thread:
            with frozen_at(story.nz_day(thread["resolved_days_ago"])):
                comments.resolve(uow, lead, answered[thread["body"]], thread["resolution"])
    with frozen_at(story.days_ago(REVISED_DAYS_AGO)):
        for key, text in plot["revised"].items():
            sections.save_section(uow, lead, ids[key], text, 1)


def _comment(
    uow: UnitOfWork, reviewer: Actor, review_id: int, plot: dict[str, Any], ids: dict[str, int]
) -> dict[str, int]:
    """The reviewer's comments on the draft as frozen: comment ids by their text."""
    return {
        c["body"]: comments.add_review_comment(uow, reviewer, review_id, ids[c["section"]], c["body"], c["quote"])
        for c in plot["comment"]
        if c["reviewer"] == reviewer.username
    }


def _content(plot: dict[str, Any], review: dict[str, Any]) -> ReviewContent:
    """Every checklist item yes unless the reviewer said otherwise; Vision Mātauranga not applicable."""
    template = data_toml("marsden-standard-review.toml")
    answers = {
        item["key"]: tuple(review["exceptions"].get(item["key"]) or _default_answer(plot, item["key"]))
        for item in template["checklist"]
    }
    scores: dict[str, Score] = {k: Decimal(v) if v[0].isdigit() else v for k, v in review["scores"].items()}
    return ReviewContent(answers, scores, review["recommendation"], review["summary"])


def _default_answer(plot: dict[str, Any], key: str) -> tuple[str, str]:
    reason = plot["not_applicable"].get(key)
    return ("na", reason) if reason else ("yes", "")


def _shellfish_review(uow: UnitOfWork, story: Story, plot: dict[str, Any], ids: dict[str, int]) -> None:
    asked = plot["round"]
    _request(uow, story, plot, ids[""], [*asked["accepted"], *asked["invited"]])
    for name, days_ago in asked["accepted"].items():
        _accept(uow, story, name, plot["title"], days_ago)
