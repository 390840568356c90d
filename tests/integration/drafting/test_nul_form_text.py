"""Input with NUL bytes is refused with a message: text typed into a form never reaches the database."""

import pytest

from research.domain.errors import InvalidInput
from research.domain.roles import Role
from research.services.drafting.sections import open_section, save_section
from tests.integration.drafting_support import section_id, start


def test_form_text_with_nul_bytes_is_refused_and_nothing_changes(uow, make_actor):
    lead = make_actor(Role.RESEARCHER, "hana")
    sid = section_id(uow, lead, start(uow, lead), "summary")
    saved = save_section(uow, lead, sid, "Kept draft.", 0)
    with pytest.raises(InvalidInput, match=r"body.*NUL character"):
        save_section(uow, lead, sid, "Lost\x00draft.", saved.section.version)
    with pytest.raises(InvalidInput, match=r"title.*NUL character"):
        start(uow, lead, title="Rivers\x00")
    assert open_section(uow, lead, sid).body == "Kept draft."
