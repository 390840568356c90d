"""Unsent form text is kept per person and form until it is sent: never shown to anyone else."""

import pytest

from research.domain.errors import InvalidInput, PermissionDenied
from research.domain.roles import Role
from research.services.common import drafts
from research.services.common.actor import Actor


def test_a_draft_is_kept_replaced_and_cleared(uow, make_actor):
    writer = make_actor(Role.REVIEWER)
    assert drafts.load_draft(uow, writer, "comment_7") is None
    drafts.save_draft(uow, writer, "comment_7", "First thoughts")
    drafts.save_draft(uow, writer, "comment_7", "First thoughts, and more")
    assert drafts.load_draft(uow, writer, "comment_7") == "First thoughts, and more"
    drafts.clear_draft(uow, writer, "comment_7")
    assert drafts.load_draft(uow, writer, "comment_7") is None


def test_drafts_are_per_person_and_per_form(uow, make_actor):
    one, other = make_actor(Role.RESEARCHER), make_actor(Role.RESEARCHER)
    drafts.save_draft(uow, one, "reply_3", "mine")
    drafts.save_draft(uow, one, "reply_4", "another form")
    assert drafts.load_draft(uow, other, "reply_3") is None
    assert drafts.load_draft(uow, one, "reply_3") == "mine"


def test_blank_text_keeps_no_draft(uow, make_actor):
    writer = make_actor(Role.RESEARCHER)
    drafts.save_draft(uow, writer, "brief_1", "something")
    drafts.save_draft(uow, writer, "brief_1", "   ")
    assert drafts.load_draft(uow, writer, "brief_1") is None


def test_too_long_text_is_refused_with_the_limit(uow, make_actor):
    writer = make_actor(Role.RESEARCHER)
    with pytest.raises(InvalidInput, match="200,000"):
        drafts.save_draft(uow, writer, "brief_1", "x" * (drafts.MAX_DRAFT_CHARS + 1))


def test_the_command_line_keeps_no_drafts(uow):
    with pytest.raises(PermissionDenied):
        drafts.save_draft(uow, Actor.operator(Role.ADMIN), "brief_1", "text")
