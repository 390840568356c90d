"""How a section grew in live writing, and who wrote each paragraph.

The log is replayed update by update; the CRDT client ids each update added text for are mapped
to people (section_writers), so attribution follows the shared document, not who pressed Save.
A checkpoint (the log compacted, collab/log.py) carries the replay up to it in `authors`: who
wrote each character and the stretches of typing, so compaction loses neither. Text merged into
an older checkpoint that carries none is attributed to everyone who wrote in it ("earlier text"
when they are unknown).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from typing import Any

from pycrdt import Doc, Text
from sqlalchemy import select
from sqlalchemy.orm import Session

from research.db.models import SectionUpdate, SectionWriter, User
from research.db.uow import UnitOfWork
from research.domain.authorship import Paragraph, attribute, paragraphs
from research.domain.clock import as_utc
from research.domain.counting import measure
from research.services.common.actor import Actor
from research.services.drafting.crdt_state import advanced, state_vector
from research.services.drafting.team_access import team_section

EARLIER = "earlier text"
SAVED_TEXT = "saved text"
KEPT_STEPS = 200  # stretches of typing a checkpoint keeps for the replay (the latest ones)


@dataclass(frozen=True)
class GrowthStep:
    at: datetime
    author: str
    words: int
    text: str


@dataclass(frozen=True)
class Authorship:
    steps: tuple[GrowthStep, ...]
    paragraphs: tuple[Paragraph, ...]


@dataclass
class Replay:
    """The log replayed so far: the document, who wrote each character, the stretches of typing."""

    doc: Doc[Text] = field(default_factory=Doc)
    text: str = ""
    marks: list[str] = field(default_factory=list)
    stretches: list[tuple[datetime, str, str]] = field(default_factory=list)

    def carried(self) -> dict[str, Any]:
        """What a checkpoint keeps of the replay: run-length marks and the latest stretches."""
        runs = [[who, len(list(run))] for who, run in groupby(self.marks)]
        steps = [[as_utc(at).isoformat(), who, text] for at, who, text in self.stretches[-KEPT_STEPS:]]
        return {"marks": runs, "steps": steps}

    def take_in(self, carried: dict[str, Any]) -> bool:
        """Continue from a checkpoint's replay; False when it does not fit the text (then diffed instead)."""
        marks = [who for who, count in carried.get("marks", []) for _ in range(count)]
        if len(marks) != len(self.text):
            return False
        self.marks = marks
        self.stretches = [(datetime.fromisoformat(at), who, text) for at, who, text in carried.get("steps", [])]
        return True


def writer_names(session: Session, section_id: int) -> dict[int, str]:
    """CRDT client id -> the writer's name."""
    rows = session.execute(
        select(SectionWriter.client_id, User.display_name)
        .join(User, User.id == SectionWriter.user_id)
        .where(SectionWriter.section_id == section_id)
    ).all()
    return {client: name for client, name in rows}


def _author(people: dict[int, str], clients: set[int], kind: str) -> str:
    names = sorted({people[c] for c in clients if c in people})
    if names:
        return ", ".join(names)
    return EARLIER if kind == "checkpoint" else SAVED_TEXT


def replay(rows: Iterable[Sequence[Any]], people: dict[int, str]) -> Replay:
    """Replay log rows (kind, payload, created_at, authors) in order."""
    state = Replay()
    body = state.doc.get("body", type=Text)
    for kind, payload, at, carried in rows:
        before = state_vector(state.doc.get_state())
        state.doc.apply_update(bytes(payload))
        new = str(body)
        if carried and not before:  # a checkpoint opens the log: continue its replay
            state.text = new
            if state.take_in(carried):
                continue
            state.text = ""
        author = _author(people, advanced(before, state_vector(state.doc.get_state())), kind)
        state.marks, state.text = attribute(state.marks, state.text, new, author), new
        # One step per stretch of one writer's typing: a keystroke-by-keystroke replay says nothing more.
        if state.stretches and state.stretches[-1][1] == author:
            state.stretches.pop()
        state.stretches.append((at, author, new))
    return state


def section_authorship(uow: UnitOfWork, actor: Actor, section_id: int) -> Authorship:
    with uow as session:
        team_section(session, actor, section_id)
        people = writer_names(session, section_id)
        rows = session.execute(
            select(SectionUpdate.kind, SectionUpdate.payload, SectionUpdate.created_at, SectionUpdate.authors)
            .where(SectionUpdate.section_id == section_id)
            .order_by(SectionUpdate.seq)
        ).all()
    state = replay(rows, people)
    steps = tuple(GrowthStep(at, who, int(measure(words, "words")), words) for at, who, words in state.stretches)
    return Authorship(steps, tuple(paragraphs(state.text, state.marks)))
