"""The demo workspace: the seed story of a city's economic development unit.

The unit granted its research cluster $80,000; the cluster helped bring back about
$18 million of research money. Funders, schemes and amounts follow the published
facts the funders published.

Everything is done through the public services, by the demo's own accounts: the admin creates
the people, the manager keeps the ledgers and the calendar, researchers draft and reviewers
review. Events in the past happen at their moment through the clock (`frozen_at`).
"""

from __future__ import annotations

from datetime import datetime

from research.db.uow import UnitOfWork
from research.demo.applications import create_applications
from research.demo.reviews import create_review_stories
from research.demo.rounds import create_rounds
from research.demo.story import DEMO_ACCOUNTS, DemoAccount, Story, create_cast
from research.demo.workspace import import_earlier_awards, place_application_awards, set_up_workspace
from research.domain.clock import frozen_at, utcnow
from research.domain.errors import DomainError
from research.domain.roles import Role
from research.services.accounts import users
from research.services.common import demo_data, workspace
from research.services.common.actor import Actor

__all__ = [
    "DEMO_ACCOUNTS",
    "DEMO_USERNAMES",
    "DemoAccount",
    "demo_credentials",
    "demo_status",
    "remove_demo",
    "seed_demo",
]


def demo_credentials(uow: UnitOfWork, demo_mode: bool) -> list[DemoAccount]:
    """The demo accounts to show on the sign-in page: only in demo mode."""
    if not (demo_mode or workspace.demo_loaded(uow)):
        return []
    active = {row.username for row in users.users_with_roles(uow, tuple(Role))}
    return [a for a in DEMO_ACCOUNTS if a.username in active]


DEMO_USERNAMES = tuple(a.username for a in DEMO_ACCOUNTS)


def seed_demo(uow: UnitOfWork, now: datetime | None = None, by: Actor | None = None) -> int:
    """Load the demo workspace, as of `now`; returns the number of demo users.

    Without `by`: into an empty database (the set-up page, the command line). With `by` (an admin of
    this workspace, from the app): into a workspace that has accounts but no data yet."""
    if by is None and not workspace.is_empty(uow):
        raise DomainError("The demo can only be loaded into an empty workspace.")
    if by is not None and (refusal := demo_data.demo_status(uow, by, DEMO_USERNAMES).load_refusal):
        raise DomainError(refusal)
    now = now or utcnow()
    with frozen_at(now):
        story = Story(create_cast(uow, by), now)
        cluster_ids, funder_ids = set_up_workspace(uow, story)
        rounds = create_rounds(uow, story, cluster_ids, funder_ids)
        create_applications(uow, story, cluster_ids["Research"], rounds)
        create_review_stories(uow, story, cluster_ids["Research"], rounds)
        place_application_awards(uow, story)
        import_earlier_awards(uow, story)
        workspace.mark_demo_loaded(uow, story["aroha"])
    return len(story.cast)


def demo_status(uow: UnitOfWork, actor: Actor) -> demo_data.DemoStatus:
    return demo_data.demo_status(uow, actor, DEMO_USERNAMES)


def remove_demo(uow: UnitOfWork, actor: Actor) -> dict[str, int]:
    """Remove what the demo created; refused while others have added work on top of it."""
    return demo_data.remove_demo(uow, actor, DEMO_USERNAMES)
