"""Typing still waiting for the room's pause is recorded before the application leaves drafting."""

from __future__ import annotations

from pycrdt import Doc

from research.collab import log, versions
from research.db.models import Section
from research.services.review import lifecycle
from tests.integration.collab.test_update_log import typed
from tests.review_builders import build_application, section_ids


def test_typing_not_yet_recorded_is_in_the_text_that_is_submitted(uow, make_actor):
    lead = make_actor()
    application_id = build_application(uow, lead, texts={"summary": "Saved. "})
    summary = section_ids(uow, application_id)["summary"]
    log.catch_up(uow, summary)  # the room opened on the saved text
    doc = Doc()
    for entry in log.entries(uow, summary):
        doc.apply_update(entry.payload)
    for update in typed(doc, ["Typed ", "a moment ", "before withdrawing."]):
        log.append(uow, summary, lead.id, update, {doc.client_id})
    assert log.unrecorded_sections(uow, application_id) == [summary]

    assert versions.record_unrecorded(lambda: uow, lead, application_id) == 1
    lifecycle.move_application(uow, lead, application_id, "withdrawn")

    with uow as session:
        assert session.get(Section, summary).body == "Saved. Typed a moment before withdrawing."
    assert log.unrecorded_sections(uow, application_id) == []
    assert versions.record_unrecorded(lambda: uow, lead, application_id) == 0
