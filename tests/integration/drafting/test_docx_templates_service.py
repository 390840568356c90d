"""Saving a template read from a Word form: admins only, validated, unique key, audited."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select

from research.db.models import ApplicationTemplate, AuditEvent
from research.domain.errors import InvalidInput, PermissionDenied
from research.domain.roles import Role
from research.domain.template_spec import parse_template
from research.services.drafting.templates import add_template
from tests.docx_support import TEMPLATE


def count(uow, model):
    with uow as session:
        return session.scalar(select(func.count()).select_from(model))


def test_an_admin_adds_a_template_and_it_is_audited(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    added = add_template(uow, admin, copy.deepcopy(TEMPLATE), "hrc-form.docx")
    assert (added.key, added.name, added.sections) == ("hrc-projects-test", "HRC Projects (test)", 4)
    with uow as session:
        stored = session.scalar(select(ApplicationTemplate))
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "added template"))
        assert stored.source_name == "hrc-form.docx" and stored.created_by_id == admin.id
        assert parse_template(stored.spec).section("summary").limit.max == 20
        assert event.actor_id == admin.id and event.entity_id == stored.id
        assert event.detail["source"] == "hrc-form.docx"


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER, Role.MANAGER])
def test_other_roles_may_not_add_templates(uow, make_actor, role):
    with pytest.raises(PermissionDenied, match="may not add application templates"):
        add_template(uow, make_actor(role), copy.deepcopy(TEMPLATE), "form.docx")
    assert count(uow, ApplicationTemplate) == 0


def test_an_invalid_template_names_the_file_and_field_and_saves_nothing(uow, make_actor):
    data = {**copy.deepcopy(TEMPLATE), "funder": ""}
    data["sections"][1]["limit"] = {"unit": "words"}
    with pytest.raises(InvalidInput) as caught:
        add_template(uow, make_actor(Role.ADMIN), data, "form.docx")
    message = str(caught.value)
    assert "form.docx: funder: must not be empty" in message and "sections[2].limit.max: is missing" in message
    assert count(uow, ApplicationTemplate) == 0 and count(uow, AuditEvent) == 0


def test_a_key_already_in_use_is_refused(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    add_template(uow, admin, copy.deepcopy(TEMPLATE), "first.docx")
    taken = "second.docx: key: 'hrc-projects-test' is already used by a template added in the app"
    with pytest.raises(InvalidInput, match=taken):
        add_template(uow, admin, {**copy.deepcopy(TEMPLATE), "name": "Copy"}, "second.docx")
    assert count(uow, ApplicationTemplate) == 1
