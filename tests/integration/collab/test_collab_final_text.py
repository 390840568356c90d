"""Rights that change while a socket is open: once the application has left drafting nobody writes in it,
and someone taken off the team is disconnected."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select, update

from research.collab import log
from research.db.models import Application, Section
from tests.async_support import run_async
from tests.integration.collab.conftest import start_app, start_collab
from tests.integration.collab.test_collab_durability import ws
from tests.integration.collab.test_update_log import text_of
from tests.integration.collab.yclient import YClient, wait_until

pytestmark = pytest.mark.e2e


def submit(uow, section_id: int) -> None:
    with uow as session:
        application_id = session.get(Section, section_id).application_id
        session.execute(update(Application).where(Application.id == application_id).values(status="submitted"))


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_socket_opened_while_drafting_cannot_write_once_the_application_is_submitted(request, tmp_path, kind):
    engine, uow, section_id, tokens, env = start_collab(request, tmp_path, kind)
    log_path = tmp_path / "app.log"
    url, process = start_app(env, log_path)

    async def scenario() -> tuple[str, str]:
        async with (
            YClient(ws(url, section_id), tokens["lead"]) as lead,
            YClient(ws(url, section_id), tokens["coauthor"]) as coauthor,
        ):
            await lead.insert(0, "Submitted text.")
            await wait_until(lambda: coauthor.text == "Submitted text.")
            await asyncio.to_thread(submit, uow, section_id)
            await coauthor.insert(len(coauthor.text), " TYPED AFTER SUBMISSION")
            await asyncio.sleep(1.5)
            return lead.text, text_of(log.entries(uow, section_id))

    try:
        seen_by_lead, stored = run_async(scenario())
    finally:
        process.terminate()
        process.wait(timeout=15)
        engine.dispose()
    assert "AFTER SUBMISSION" not in seen_by_lead
    assert stored == "Submitted text."
    assert "dropped 1 update(s) from Coauthor" in log_path.read_text()


def test_someone_taken_off_the_team_is_disconnected(request, tmp_path):
    from sqlalchemy import delete

    from research.db.models import ApplicationMember, User

    engine, uow, section_id, tokens, env = start_collab(request, tmp_path, "sqlite")
    url, process = start_app(env, tmp_path / "app.log")

    def take_off_the_team() -> None:
        with uow as session:
            coauthor = session.scalar(select(User.id).where(User.username == "coauthor"))
            session.execute(delete(ApplicationMember).where(ApplicationMember.user_id == coauthor))

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
