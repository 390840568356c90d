"""Rights that change while a socket is open: once the application has left drafting nobody writes in it,
and someone taken off the team is disconnected."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from research.collab import log
from research.db.models import Section
from research.domain.application_status import ApplicationStatus
from research.services.common.actor import Actor
from research.services.drafting import team
from research.services.review import lifecycle
from tests.async_support import run_async
from tests.integration.collab.conftest import start_app, start_collab
from tests.integration.collab.test_collab_durability import ws
from tests.integration.collab.test_update_log import text_of
from tests.integration.collab.yclient import YClient, wait_until
from tests.service_people import person

pytestmark = pytest.mark.e2e


def _team_member(uow, username: str) -> Actor:
    found = person(uow, username)
    assert found, username
    return found


def _application_of(uow, section_id: int) -> int:
    with uow as session:
        return session.scalar(select(Section.application_id).where(Section.id == section_id))


def withdraw(uow, section_id: int) -> None:
    """The lead withdraws the application: it leaves the writing statuses, as on submission."""
    lead = _team_member(uow, "lead")
    lifecycle.move_application(uow, lead, _application_of(uow, section_id), ApplicationStatus.WITHDRAWN)


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_socket_opened_while_drafting_cannot_write_once_the_application_has_left_writing(request, tmp_path, kind):
    engine, uow, section_id, tokens, env = start_collab(request, tmp_path, kind)
    log_path = tmp_path / "app.log"
    url, process = start_app(env, log_path)

    async def scenario() -> tuple[str, str]:
        async with (
            YClient(ws(url, section_id), tokens["lead"]) as lead,
            YClient(ws(url, section_id), tokens["coauthor"]) as coauthor,
        ):
            await lead.insert(0, "Final text.")
            await wait_until(lambda: coauthor.text == "Final text.")
            await asyncio.to_thread(withdraw, uow, section_id)
            await coauthor.insert(len(coauthor.text), " TYPED AFTER WITHDRAWAL")
            await asyncio.sleep(1.5)
            return lead.text, text_of(log.entries(uow, section_id))

    try:
        seen_by_lead, stored = run_async(scenario())
    finally:
        process.terminate()
        process.wait(timeout=15)
        engine.dispose()
    assert "AFTER WITHDRAWAL" not in seen_by_lead
    assert stored == "Final text."
    assert "dropped 1 update(s) from Coauthor" in log_path.read_text()


def test_someone_taken_off_the_team_is_disconnected(request, tmp_path):
    engine, uow, section_id, tokens, env = start_collab(request, tmp_path, "sqlite")
    url, process = start_app(env, tmp_path / "app.log")

    def take_off_the_team() -> None:
        lead, coauthor = _team_member(uow, "lead"), _team_member(uow, "coauthor")
        team.remove_coauthor(uow, lead, _application_of(uow, section_id), coauthor.id)

    async def scenario() -> int | None:
        async with YClient(ws(url, section_id), tokens["coauthor"]) as coauthor:
            await asyncio.to_thread(take_off_the_team)
            await asyncio.wait_for(coauthor.closed.wait(), 10)
            return coauthor.ws.close_code

    try:
        assert run_async(scenario()) == 4403
    finally:
        process.terminate()
        process.wait(timeout=15)
        engine.dispose()
