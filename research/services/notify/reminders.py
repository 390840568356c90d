"""Scheduled reminders found at each pass; each reminder's dedupe key makes a pass repeatable."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from research.db.models import (
    Application,
    ApplicationMember,
    FundingRound,
    Notice,
    Review,
    ReviewRound,
    RoundFollow,
    Section,
)
from research.domain.application_status import ApplicationStatus as S
from research.domain.clock import as_utc
from research.domain.notify import ROUND_CLOSE_STAGES, describe_days, due_stage
from research.domain.reviewing import ReviewStatus
from research.domain.round_values import local
from research.services.notify.milestones import upcoming_milestones
from research.services.notify.notices import Tell, tell_many

WAITING = (ReviewStatus.INVITED.value, ReviewStatus.ACCEPTED.value)
WORKING = (S.DRAFTING.value, S.REVISING.value, S.IN_REVIEW.value)
Reminder = tuple[list[int], Tell]


def send_reminders(session: Session, now: datetime, today: date) -> int:
    reminders = [
        *_reviews(session, today),
        *_sections(session, today),
        *_milestones(session, now, today),
        *_followed_rounds(session, now, today),
    ]
    fresh = not_yet_sent(session, reminders)
    return tell_many(session, fresh, now)


def not_yet_sent(session: Session, reminders: list[Reminder]) -> list[Reminder]:
    keys = [f"{m.dedupe_key}:{u}" for users, m in reminders for u in users]
    seen: set[str] = set()
    for start in range(0, len(keys), 500):
        seen.update(session.scalars(select(Notice.dedupe_key).where(Notice.dedupe_key.in_(keys[start : start + 500]))))
    out = []
    for users, message in reminders:
        left = [u for u in users if f"{message.dedupe_key}:{u}" not in seen]
        if left:
            out.append((left, message))
    return out


def _reviews(session: Session, today: date) -> Iterable[Reminder]:
    rows = session.execute(
        select(Review.id, Review.reviewer_id, Review.due_on, ReviewRound.number, Application.title)
        .join(ReviewRound, ReviewRound.id == Review.review_round_id)
        .join(Application, Application.id == ReviewRound.application_id)
        .where(Review.status.in_(WAITING), Review.due_on <= today + timedelta(days=7), ReviewRound.closed_at.is_(None))
    )
    for review_id, reviewer_id, due_on, number, title in rows:
        stage = due_stage(due_on, today) if due_on else None
        if due_on and stage:
            subject = f"Your review of “{title}” (round {number}) is {describe_days(due_on, today)}"
            key = f"review_due:{review_id}:{due_on}:{stage}"
            yield [reviewer_id], Tell("review_due", subject, "", "review_inbox_page", key)


def _sections(session: Session, today: date) -> Iterable[Reminder]:
    rows = session.execute(
        select(Section.id, Section.owner_id, Section.due_on, Section.title, Application.id, Application.title)
        .join(Application, Application.id == Section.application_id)
        .where(
            Section.owner_id.is_not(None),
            Section.due_on >= today,
            Section.due_on <= today + timedelta(days=7),
            Section.status != "ready",
            Application.status.in_(WORKING),
        )
    )
    for section_id, owner_id, due_on, title, application_id, app_title in rows:
        stage = due_stage(due_on, today) if due_on else None
        if due_on and owner_id and stage:
            link = f"application_editor_page?application={application_id}&section={section_id}"
            subject = f"“{title}” in “{app_title}” is {describe_days(due_on, today)}"
            yield [owner_id], Tell("section_due", subject, "", link, f"section_due:{section_id}:{due_on}:{stage}")


def _milestones(session: Session, now: datetime, today: date) -> Iterable[Reminder]:
    upcoming = upcoming_milestones(session, now, today + timedelta(days=7))
    if not upcoming:
        return
    apps = session.execute(
        select(Application.id, Application.round_id, Application.lead_id, Application.title).where(
            Application.round_id.in_(list(upcoming)), Application.status.in_(WORKING)
        )
    ).all()
    teams = _teams(session, {a.id: a.lead_id for a in apps})
    for app in apps:
        for milestone in upcoming[app.round_id]:
            day = milestone.day
            stage = due_stage(day, today)
            if stage and not stage.startswith("overdue"):
                subject = f"{milestone.label} for “{app.title}” is {describe_days(day, today)}"
                key = f"milestone:{app.id}:{milestone.kind}:{day}:{stage}"
                link = f"review_readiness_page?application={app.id}"
                yield sorted(teams[app.id]), Tell("milestone", subject, "", link, key)


def _teams(session: Session, leads: dict[int, int]) -> dict[int, set[int]]:
    teams = {app_id: {lead} for app_id, lead in leads.items()}
    ids = list(teams)
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(ApplicationMember.application_id, ApplicationMember.user_id).where(
                ApplicationMember.application_id.in_(ids[start : start + 500])
            )
        )
        for app_id, user_id in rows:
            teams[app_id].add(user_id)
    return teams


def _followed_rounds(session: Session, now: datetime, today: date) -> Iterable[Reminder]:
    rows = session.execute(
        select(
            RoundFollow.user_id,
            FundingRound.id,
            FundingRound.name,
            FundingRound.opens_at,
            FundingRound.closes_at,
            FundingRound.timezone,
        )
        .join(FundingRound, FundingRound.id == RoundFollow.round_id)
        .where(
            FundingRound.closes_at > now,
            # closing within the stages, or open (told once): a round may open months before it closes
            or_(FundingRound.closes_at <= now + timedelta(days=31), FundingRound.opens_at <= now),
            FundingRound.archived_at.is_(None),
        )
    ).all()
    followers: dict[tuple[int, str, datetime | None, datetime, str], list[int]] = defaultdict(list)
    for user_id, *round_facts in rows:
        followers[tuple(round_facts)].append(user_id)  # type: ignore[index]
    for (round_id, name, opens_at, closes_at, zone_name), users in followers.items():
        link = f"rounds_page?round={round_id}"
        if opens_at is not None and as_utc(opens_at) <= now:
            yield (
                users,
                Tell("round_followed", f"“{name}” is open", "", link, f"round_open:{round_id}:{opens_at:%Y-%m-%d}"),
            )
        closes_on = local(closes_at, zone_name).date()
        stage = due_stage(closes_on, today, ROUND_CLOSE_STAGES)
        if stage and not stage.startswith("overdue"):
            subject = f"“{name}” closes {describe_days(closes_on, today).removeprefix('due ')}"
            yield users, Tell("round_followed", subject, "", link, f"round_close:{round_id}:{closes_on}:{stage}")
