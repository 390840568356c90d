"""Concurrent saves: the version check is in the database, so no save is ever lost.

Each saver below has its own engine (as separate app processes would) or its own thread.
"""

import threading

import pytest

from research.db.engine import make_engine
from research.db.models import Section, SectionRevision
from research.db.uow import UnitOfWork
from research.domain.roles import Role
from research.services.drafting.sections import open_section, save_section
from research.services.drafting.team import invite_coauthor
from tests.integration.drafting_support import section_id, start

SAVERS = 6


@pytest.fixture
def second_process_uow(engine):
    other = make_engine(engine.url)
    yield UnitOfWork(other)
    other.dispose()


def test_a_stale_save_from_another_process_is_reported_and_keeps_both_texts(uow, second_process_uow, make_actor):
    hana, wiremu = make_actor(Role.RESEARCHER), make_actor(Role.RESEARCHER)
    application_id = start(uow, hana)
    invite_coauthor(uow, hana, application_id, wiremu.id)
    sid = section_id(uow, hana, application_id, "aims")
    seen_by_hana = open_section(uow, hana, sid).version
    seen_by_wiremu = open_section(second_process_uow, wiremu, sid).version
    assert save_section(second_process_uow, wiremu, sid, "Wiremu's aims.", seen_by_wiremu).saved
    stale = save_section(uow, hana, sid, "Hana's aims.", seen_by_hana)
    assert stale.conflict and stale.section.body == "Wiremu's aims."
    with uow as session:
        bodies = {r.body for r in session.query(SectionRevision).filter_by(section_id=sid)}
    assert bodies == {"Wiremu's aims.", "Hana's aims."}


def test_many_concurrent_savers_one_wins_and_no_text_is_lost(uow, engine, make_actor):
    lead = make_actor(Role.RESEARCHER)
    application_id = start(uow, lead)
    writers = [make_actor(Role.RESEARCHER) for _ in range(SAVERS)]
    for writer in writers:
        invite_coauthor(uow, lead, application_id, writer.id)
    sid = section_id(uow, lead, application_id, "proposed_research")
    seen = open_section(uow, lead, sid).version
    barrier, outcomes, errors = threading.Barrier(SAVERS), [], []

    def save(writer, index):
        try:
            barrier.wait(timeout=10)
            outcomes.append(save_section(UnitOfWork(engine), writer, sid, f"Text from writer {index}.", seen))
        except Exception as exc:  # noqa: BLE001 - reported below, with the thread's error
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(w, i)) for i, w in enumerate(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(o.saved for o in outcomes) == [False] * (SAVERS - 1) + [True]
    with uow as session:
        kept = session.query(SectionRevision).filter_by(section_id=sid).all()
        current = session.get(Section, sid)
    assert {r.body for r in kept} == {f"Text from writer {i}." for i in range(SAVERS)}
    assert sorted(r.number for r in kept) == list(range(1, SAVERS + 1))
    winner = next(o for o in outcomes if o.saved)
    assert current.body == winner.section.body and current.version == winner.revision
    assert current.revision_count == SAVERS
