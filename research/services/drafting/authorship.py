"""How a section grew in live writing, and who wrote each paragraph.

The log is replayed update by update; the CRDT client ids each update added text for are mapped
to people (section_writers), so attribution follows the shared document, not who pressed Save.
Text merged into a checkpoint before the replay starts is "earlier text".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pycrdt import Doc, Text
from sqlalchemy import select
from sqlalchemy.orm import Session

from research.db.models import SectionUpdate, SectionWriter, User
from research.db.uow import UnitOfWork
from research.domain.authorship import Paragraph, attribute, paragraphs
from research.domain.counting import measure
from research.services.common.actor import Actor
from research.services.drafting.crdt_state import advanced, state_vector
from research.services.drafting.team_access import team_section

EARLIER = "earlier text"
SAVED_TEXT = "saved text"


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


def _people(session: Session, section_id: int) -> dict[int, str]:
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


def section_authorship(uow: UnitOfWork, actor: Actor, section_id: int) -> Authorship:
    with uow as session:
        team_section(session, actor, section_id)
        people = _people(session, section_id)
        rows = session.execute(
            select(SectionUpdate.kind, SectionUpdate.payload, SectionUpdate.created_at)
            .where(SectionUpdate.section_id == section_id)
            .order_by(SectionUpdate.seq)
        ).all()
    doc: Doc[Text] = Doc()
    body = doc.get("body", type=Text)
    marks: list[str] = []
    text = ""
    stretches: list[tuple[datetime, str, str]] = []
    for kind, payload, at in rows:
        before = state_vector(doc.get_state())
        doc.apply_update(bytes(payload))
        author = _author(people, advanced(before, state_vector(doc.get_state())), kind)
        new = str(body)
        marks, text = attribute(marks, text, new, author), new
        # One step per stretch of one writer's typing: a keystroke-by-keystroke replay says nothing more.
        if stretches and stretches[-1][1] == author:
            stretches.pop()
        stretches.append((at, author, new))
    steps = tuple(GrowthStep(at, who, int(measure(words, "words")), words) for at, who, words in stretches)
    return Authorship(steps, tuple(paragraphs(text, marks)))
