"""A section with no text a reader would see is empty everywhere: status, ready gate, readiness check."""

from __future__ import annotations

import pytest

from research.domain.errors import InvalidInput
from research.domain.roles import Role
from research.services.drafting import sections
from research.services.review.readiness import check_readiness
from tests.integration.access_world import build_world


@pytest.mark.parametrize("body", ["---", "   \n\n", "***\n\n---", "<!-- a note to self -->"])
def test_a_section_with_no_visible_text_cannot_be_marked_ready(uow, make_actor, body):
    world = build_world(uow, make_actor, Role.RESEARCHER, "member")
    saved = sections.save_section(uow, world.actor, world.section_id, body, 1)
    assert saved.saved and saved.section.status == "empty"
    with pytest.raises(InvalidInput, match="it is empty"):
        sections.set_section_ready(uow, world.actor, world.section_id, True)
    gaps = [g.message for g in check_readiness(uow, world.actor, world.draft_id).gaps]
    assert any("has no text yet" in message for message in gaps)
