"""The editor when another process holds the database too long: a clear "try again", never a traceback."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from research.db.engine import make_engine
from research.db.models import Section
from research.domain.roles import Role
from research.services.drafting import sections
from research.ui import deps
from tests.integration.consistency import history_problems
from tests.integration.drafting_support import section_id, start
from tests.ui.drafting.test_drafting_pages import body_area, button, open_editor, revisions

BUSY = (
    "The workspace is busy with other people's changes right now, so nothing was saved. Please try again in a moment."
)
TEXT = "Typed while another process writes."


@pytest.fixture
def editing(signed_in, ui_uow):
    """(AppTest with the editor open on a section and text typed, section id, lock): waits for locks cut to 0.2 s."""
    at, actor = signed_in(Role.RESEARCHER)
    application_id = start(ui_uow, actor)
    aims = section_id(ui_uow, actor, application_id, "aims")
    engine = deps.engine()
    event.listen(engine, "connect", lambda dbapi, _: dbapi.execute("PRAGMA busy_timeout=200"))
    engine.dispose()
    open_editor(at, application_id, aims)
    body_area(at).set_value(TEXT).run()
    other_process = make_engine(engine.url)

    @contextmanager
    def lock():
        holder = other_process.connect()
        holder.exec_driver_sql("UPDATE sections SET guidance = guidance")  # BEGIN IMMEDIATE: the write lock
        try:
            yield
        finally:
            holder.rollback()
            holder.close()

    yield at, aims, lock
    other_process.dispose()


def test_a_save_that_waits_too_long_says_busy_keeps_the_text_and_the_retry_saves(editing, ui_uow, monkeypatch):
    at, aims, lock = editing
    real_save = sections.save_section

    def save_while_another_process_writes(*args, **kwargs):
        with lock():
            return real_save(*args, **kwargs)

    monkeypatch.setattr(
        "research.ui.components.drafting.section_editor.save_section", save_while_another_process_writes
    )
    button(at, "Save").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [BUSY]
    assert revisions(ui_uow, aims) == []
    assert body_area(at).value == TEXT
    monkeypatch.setattr("research.ui.components.drafting.section_editor.save_section", real_save)
    button(at, "Save").click().run()
    assert not at.exception and not at.error
    assert revisions(ui_uow, aims) == [(1, "save", TEXT)]
    assert history_problems(deps.engine()) == []


def test_a_whole_page_run_blocked_by_another_process_shows_busy_not_a_traceback(editing, ui_uow):
    at, aims, lock = editing
    with lock():
        button(at, "Save").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [BUSY]
    with ui_uow as session:
        assert session.get(Section, aims).revision_count == 0
