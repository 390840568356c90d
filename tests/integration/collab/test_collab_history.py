"""The live text flows into the revision history, and a plain-editor save flows into the live text."""

from __future__ import annotations

import asyncio
import time

import pytest
from sqlalchemy import select

from research.collab.fanout import plain_saved
from research.collab.versions import save_version
from research.db.models import Section, SectionRevision
from research.domain.section_rules import normalise_body
from research.services.common.actor import Actor
from research.services.drafting.sections import save_section
from tests.async_support import run_async
from tests.integration.collab.test_collab_protocol import stored_text
from tests.integration.collab.yclient import YClient, wait_until

pytestmark = pytest.mark.e2e


def section(collab) -> tuple[str, int]:
    with collab.uow as session:
        row = session.get(Section, collab.section_id)
        return row.body, row.version


def latest_revision(collab) -> SectionRevision:
    with collab.uow as session:
        return session.scalars(
            select(SectionRevision)
            .where(SectionRevision.section_id == collab.section_id)
            .order_by(SectionRevision.number.desc())
        ).first()


def actor(collab, username: str) -> Actor:
    from research.db.models import User

    with collab.uow as session:
        return Actor.from_user(session.scalar(select(User).where(User.username == username)))


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out: {predicate.__code__.co_firstlineno}"
        time.sleep(0.1)


def test_a_pause_in_typing_records_a_revision_naming_both_writers(collab):
    async def scenario():
        async with (
            YClient(collab.ws(), collab.tokens["lead"]) as lead,
            YClient(collab.ws(), collab.tokens["coauthor"]) as coauthor,
        ):
            await lead.insert(len(lead.text), " Paused text by the lead.")
            await wait_until(lambda: "lead." in coauthor.text)
            await coauthor.insert(len(coauthor.text), " And by the co-author.")
            await wait_until(lambda: "co-author." in lead.text)
            await asyncio.to_thread(wait_for, lambda: section(collab)[0] == normalise_body(lead.text))
            return lead.text

    text = run_async(scenario())
    revision = latest_revision(collab)
    assert (revision.kind, revision.body) == ("live", normalise_body(text))
    assert revision.note == "written live by Coauthor, Lead"


def test_save_version_keeps_a_note_and_the_text_everyone_sees(collab):
    async def scenario():
        async with YClient(collab.ws(), collab.tokens["lead"]) as lead:
            await lead.insert(0, "Versioned. ")
            await wait_until(lambda: lead.received and "Versioned." in stored_text(collab))
            number = await asyncio.to_thread(
                save_version, lambda: collab.uow, actor(collab, "coauthor"), collab.section_id, "for Ana"
            )
            return number, lead.text

    number, text = run_async(scenario())
    revision = latest_revision(collab)
    assert revision.number == number and revision.body == normalise_body(text)
    assert revision.note.endswith(": for Ana") and revision.kind == "save"


def test_a_plain_editor_save_during_live_typing_merges_instead_of_overwriting(collab):
    async def scenario():
        async with YClient(collab.ws(), collab.tokens["lead"]) as lead:
            await lead.insert(0, "Start. ")
            await asyncio.to_thread(wait_for, lambda: section(collab)[0].startswith("Start."))
            body, version = section(collab)
            await lead.insert(len(lead.text), " Typed live after that version.")
            await wait_until(lambda: "after that version." in stored_text(collab))
            plain = save_section(
                collab.uow, actor(collab, "coauthor"), collab.section_id, "PLAIN SAVE. " + body, version
            )
            assert plain.saved
            await asyncio.to_thread(plain_saved, collab.uow, collab.section_id)
            await lead.insert(len(lead.text), " More.")  # a flush after this takes the plain save in
            await wait_until(lambda: "PLAIN SAVE." in lead.text, 15)
            await asyncio.to_thread(
                wait_for, lambda: "PLAIN SAVE." in section(collab)[0] and "More." in section(collab)[0]
            )
            return lead.text

    text = run_async(scenario())
    assert "PLAIN SAVE." in text and "Typed live after that version." in text and "More." in text
    assert section(collab)[0] == normalise_body(text)


def test_when_the_last_writer_leaves_the_text_is_recorded(collab):
    async def scenario():
        async with YClient(collab.ws(), collab.tokens["coauthor"]) as coauthor:
            await coauthor.insert(len(coauthor.text), " Written just before leaving.")
            await wait_until(lambda: coauthor.received and "leaving." in stored_text(collab))
            return coauthor.text

    text = run_async(scenario())
    wait_for(lambda: section(collab)[0] == normalise_body(text))
    assert latest_revision(collab).note == "written live by Coauthor"
