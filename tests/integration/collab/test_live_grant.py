"""Who may join a section's room, and who may write in it (services/drafting/live.py)."""

from __future__ import annotations

import pytest

from research.domain.errors import PermissionDenied
from research.domain.roles import Role
from research.services.drafting.live import join_section
from tests.integration.review_steps import open_round_with
from tests.review_builders import build_application, section_ids


def summary(uow, lead, **kwargs) -> int:
    return section_ids(uow, build_application(uow, lead, **kwargs))["summary"]


def test_the_team_writes_while_drafting_and_only_reads_once_submitted(uow, make_actor):
    lead, coauthor = make_actor(), make_actor()
    drafting = summary(uow, lead, members=(coauthor,))
    submitted = summary(uow, lead, members=(coauthor,), status="submitted")
    assert join_section(uow, coauthor, drafting).can_write is True
    assert join_section(uow, coauthor, submitted).can_write is False


def test_a_researcher_reviewing_the_application_is_refused_even_though_they_draft_elsewhere(uow, make_actor):
    lead, peer = make_actor(), make_actor(Role.RESEARCHER)
    application = build_application(uow, lead)
    open_round_with(uow, lead, application, [peer])
    with pytest.raises(PermissionDenied):
        join_section(uow, peer, section_ids(uow, application)["summary"])


def test_a_manager_overseeing_applications_joins_read_only(uow, make_actor):
    grant = join_section(uow, make_actor(Role.MANAGER), summary(uow, make_actor()))
    assert grant.can_write is False
