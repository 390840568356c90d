"""The update log: sequence numbers, the first opening from the saved text, checkpoints."""

from __future__ import annotations

from pycrdt import Doc, Text
from sqlalchemy import func, select

from research.collab import log
from research.db.models import SectionRevision, SectionUpdate
from tests.review_builders import build_application, section_ids


def text_of(entries) -> str:
    doc = Doc()
    for entry in entries:
        doc.apply_update(entry.payload)
    return str(doc.get("body", type=Text))


def typed(doc: Doc, words: list[str]) -> list[bytes]:
    body, updates = doc.get("body", type=Text), []
    for word in words:
        before = doc.get_state()
        body += word
        updates.append(doc.get_update(before))
    return updates


def test_the_first_opening_starts_from_the_saved_text_once(uow, make_actor):
    lead = make_actor()
    summary = section_ids(uow, build_application(uow, lead, texts={"summary": "Saved before live writing."}))["summary"]
    assert log.catch_up(uow, summary) is not None
    assert log.catch_up(uow, summary) is None
    assert text_of(log.entries(uow, summary)) == "Saved before live writing."


def test_a_checkpoint_replaces_rows_by_their_merge_and_leaves_the_history_alone(uow, make_actor):
    lead = make_actor()
    summary = section_ids(uow, build_application(uow, lead, texts={}))["summary"]
    with uow as session:
        revisions_before = session.scalar(select(func.count()).select_from(SectionRevision))
    doc = Doc()
    seqs = [log.append(uow, summary, lead.id, update, {doc.client_id}) for update in typed(doc, ["a ", "b ", "c "])]
    assert seqs == [1, 2, 3]
    log.checkpoint(uow, summary, upto=2)
    entries = log.entries(uow, summary)
    assert [e.seq for e in entries] == [2, 3]
    assert text_of(entries) == "a b c "
    assert log.append(uow, summary, lead.id, typed(doc, ["d"])[0], {doc.client_id}) == 4
    assert log.writers(uow, summary) == {doc.client_id: lead.id}
    with uow as session:
        assert session.scalar(select(func.count()).select_from(SectionRevision)) == revisions_before
        kinds = session.execute(select(SectionUpdate.seq, SectionUpdate.kind).order_by(SectionUpdate.seq)).all()
    assert kinds == [(2, "checkpoint"), (3, "update"), (4, "update")]


def test_authorship_replays_the_growth_and_names_each_paragraphs_writers(uow, make_actor):
    from research.services.drafting.authorship import section_authorship

    ana, ben = make_actor(username="ana"), make_actor(username="ben")
    summary = section_ids(uow, build_application(uow, ana, members=(ben,), texts={}))["summary"]
    ana_doc, ben_doc = Doc(), Doc()
    for update in typed(ana_doc, ["Ana's first paragraph.", "\n\nShared: "]):
        log.append(uow, summary, ana.id, update, {ana_doc.client_id})
        ben_doc.apply_update(update)
    for update in typed(ben_doc, ["Ben finishes it off."]):
        log.append(uow, summary, ben.id, update, {ben_doc.client_id})

    view = section_authorship(uow, ana, summary)
    assert [(s.author, s.words) for s in view.steps] == [("Ana", 4), ("Ben", 8)]
    first, second = view.paragraphs
    assert first.text == "Ana's first paragraph." and first.shares == (("Ana", 1.0),)
    assert [who for who, _ in second.shares] == ["Ben", "Ana"]


def test_a_checkpoint_keeps_who_wrote_each_paragraph_and_how_the_text_grew(uow, make_actor):
    from research.services.drafting.authorship import section_authorship

    ana, ben = make_actor(username="ana"), make_actor(username="ben")
    summary = section_ids(uow, build_application(uow, ana, members=(ben,), texts={}))["summary"]
    ana_doc, ben_doc = Doc(), Doc()
    for update in typed(ana_doc, ["Ana's first paragraph.", "\n\n"]):
        log.append(uow, summary, ana.id, update, {ana_doc.client_id})
        ben_doc.apply_update(update)
    last = 0
    for update in typed(ben_doc, ["Ben's second paragraph."]):
        last = log.append(uow, summary, ben.id, update, {ben_doc.client_id})
        ana_doc.apply_update(update)
    before = section_authorship(uow, ana, summary)
    log.checkpoint(uow, summary, upto=last)
    assert [e.seq for e in log.entries(uow, summary)] == [last]
    for update in typed(ana_doc, [" Ana adds a line."]):
        log.append(uow, summary, ana.id, update, {ana_doc.client_id})

    view = section_authorship(uow, ana, summary)
    first, second = view.paragraphs
    assert first.shares == (("Ana", 1.0),)
    assert [who for who, _ in second.shares] == ["Ben", "Ana"]
    assert [(s.author, s.text) for s in view.steps[:2]] == [(s.author, s.text) for s in before.steps]
    assert [s.author for s in view.steps] == ["Ana", "Ben", "Ana"]
