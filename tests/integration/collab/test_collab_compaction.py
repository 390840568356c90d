"""A live room compacts its log into a checkpoint: the text, the revision history and who wrote what all survive."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from research.collab import log
from research.db.models import Section, SectionRevision, SectionUpdate, User
from research.domain.section_rules import normalise_body
from research.services.common.actor import Actor
from research.services.drafting.authorship import section_authorship
from tests.async_support import run_async
from tests.integration.collab.conftest import start_app, start_collab
from tests.integration.collab.test_collab_durability import ws
from tests.integration.collab.yclient import YClient, wait_until

pytestmark = pytest.mark.e2e


def checkpoints(uow, section_id: int) -> int:
    with uow as session:
        return session.scalar(
            select(func.count())
            .select_from(SectionUpdate)
            .where(SectionUpdate.section_id == section_id, SectionUpdate.kind == log.CHECKPOINT)
        )


def revisions(uow, section_id: int) -> list[tuple[int, str]]:
    with uow as session:
        return list(
            session.execute(
                select(SectionRevision.number, SectionRevision.body)
                .where(SectionRevision.section_id == section_id)
                .order_by(SectionRevision.number)
            ).all()
        )


def lead_of(uow) -> Actor:
    with uow as session:
        return Actor.from_user(session.scalar(select(User).where(User.username == "lead")))


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_compaction_keeps_the_text_the_history_and_each_paragraphs_writers(request, tmp_path, kind):
    engine, uow, section_id, tokens, env = start_collab(request, tmp_path, kind, COLLAB_CHECKPOINT_EVERY="15")
    url, process = start_app(env, tmp_path / "app.log")

    async def write() -> str:
        async with (
            YClient(ws(url, section_id), tokens["lead"]) as lead,
            YClient(ws(url, section_id), tokens["coauthor"]) as coauthor,
        ):
            for word in ["The", "lead", "writes", "the", "first", "paragraph", "word", "by", "word", "."]:
                await lead.insert(len(lead.text), word + " ")
            await lead.insert(len(lead.text), "\n\n")
            await wait_until(lambda: coauthor.text == lead.text)
            for word in ["The", "co-author", "writes", "the", "second", "one", "after", "it", "."]:
                await coauthor.insert(len(coauthor.text), word + " ")
            await wait_until(lambda: coauthor.text == lead.text and lead.text.endswith("it . "))
            return lead.text

    async def reopen() -> str:
        async with YClient(ws(url, section_id), tokens["coauthor"]) as late:
            return late.text

    try:
        text = run_async(write())
        deadline = time.monotonic() + 15
        while checkpoints(uow, section_id) == 0:  # compacted after the text was recorded, once all have left
            assert time.monotonic() < deadline, "the log was never compacted"
            time.sleep(0.1)
        assert run_async(reopen()) == text
    finally:
        process.terminate()
        process.wait(timeout=15)
    history = revisions(uow, section_id)
    with uow as session:
        assert session.get(Section, section_id).body == history[-1][1] == normalise_body(text)
        first_row = session.execute(
            select(SectionUpdate.seq, SectionUpdate.kind)
            .where(SectionUpdate.section_id == section_id)
            .order_by(SectionUpdate.seq)
        ).first()
    assert first_row.kind == log.CHECKPOINT and first_row.seq > 15  # both writers' rows merged into it
    first, second = section_authorship(uow, lead_of(uow), section_id).paragraphs
    assert first.shares == (("Lead", 1.0),) and second.shares == (("Coauthor", 1.0),)
    assert revisions(uow, section_id) == history
    engine.dispose()
