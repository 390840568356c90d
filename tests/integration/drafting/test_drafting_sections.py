"""Saving sections: every save a revision, stale saves become conflicts, restore, readiness."""

import pytest

from research.db.models import AuditEvent, SectionRevision
from research.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from research.domain.roles import Role
from research.services.drafting.history import compare_revisions, conflict_view, revision_text, section_history
from research.services.drafting.presence import leave_section, mark_present
from research.services.drafting.sections import open_section, restore_revision, save_section, set_section_ready
from research.services.drafting.team import invite_coauthor
from tests.integration.drafting_support import section_id, start
from tests.review_builders import build_application, section_ids


@pytest.fixture
def team(uow, make_actor):
    """(lead, coauthor, application id, summary section id) on a Marsden application."""
    lead, coauthor = make_actor(Role.RESEARCHER, "hana"), make_actor(Role.RESEARCHER, "wiremu")
    application_id = start(uow, lead)
    invite_coauthor(uow, lead, application_id, coauthor.id)
    return lead, coauthor, application_id, section_id(uow, lead, application_id, "summary")


def revisions(uow, sid):
    with uow as session:
        return [
            (r.number, r.kind, r.body)
            for r in session.query(SectionRevision).filter_by(section_id=sid).order_by(SectionRevision.number)
        ]


def test_every_save_is_a_new_revision_and_nothing_is_overwritten(uow, team):
    lead, _, _, sid = team
    first = save_section(uow, lead, sid, "First draft.", 0)
    second = save_section(uow, lead, sid, "Second draft.", first.section.version)
    assert (first.revision, second.revision) == (1, 2) and second.saved
    assert second.section.body == "Second draft." and second.section.status == "drafting"
    assert revisions(uow, sid) == [(1, "save", "First draft."), (2, "save", "Second draft.")]


def test_saving_the_same_text_again_writes_nothing(uow, team):
    lead, _, _, sid = team
    save_section(uow, lead, sid, "Same.", 0)
    again = save_section(uow, lead, sid, "Same.", 1)
    assert again.saved and again.unchanged and len(revisions(uow, sid)) == 1


def test_a_stale_save_is_a_conflict_and_both_texts_are_kept(uow, team):
    lead, coauthor, _, sid = team
    seen_by_both = open_section(uow, lead, sid).version
    theirs = save_section(uow, coauthor, sid, "Wiremu's summary.", seen_by_both)
    mine = save_section(uow, lead, sid, "Hana's summary.", seen_by_both)
    assert theirs.saved and not mine.saved and mine.conflict
    assert mine.section.body == "Wiremu's summary." and mine.section.version == theirs.revision
    assert revisions(uow, sid) == [(1, "save", "Wiremu's summary."), (2, "conflict", "Hana's summary.")]
    view = conflict_view(uow, lead, sid, mine.revision)
    assert (view.yours, view.theirs, view.their_author) == ("Hana's summary.", "Wiremu's summary.", "Wiremu")
    assert "-Wiremu's summary." in view.diff and "+Hana's summary." in view.diff


def test_keeping_mine_after_a_conflict_saves_over_their_version(uow, team):
    lead, coauthor, _, sid = team
    save_section(uow, coauthor, sid, "Theirs.", 0)
    refused = save_section(uow, lead, sid, "Mine.", 0)
    kept = save_section(uow, lead, sid, "Mine.", refused.section.version, kind="resolution", note="kept mine")
    assert kept.saved and kept.section.body == "Mine." and kept.revision == 3
    assert [k for _, k, _ in revisions(uow, sid)] == ["save", "conflict", "resolution"]


def test_a_save_on_a_version_already_overtaken_twice_is_still_a_conflict(uow, team):
    lead, coauthor, _, sid = team
    save_section(uow, coauthor, sid, "One.", 0)
    save_section(uow, coauthor, sid, "Two.", 1)
    assert not save_section(uow, lead, sid, "Mine.", 1).saved


def test_restore_makes_a_new_revision_with_the_old_text(uow, team):
    lead, _, _, sid = team
    save_section(uow, lead, sid, "Version one.", 0)
    save_section(uow, lead, sid, "Version two.", 1)
    restored = restore_revision(uow, lead, sid, 1, 2)
    assert restored.saved and restored.section.body == "Version one." and restored.revision == 3
    history = section_history(uow, lead, sid)
    assert history.total == 3 and history.revisions[0].kind == "restore"
    assert history.revisions[0].note == "restored revision 1"
    with pytest.raises(NotFound):
        restore_revision(uow, lead, sid, 99, 3)


def test_a_stale_restore_is_a_conflict_too(uow, team):
    lead, coauthor, _, sid = team
    save_section(uow, lead, sid, "Version one.", 0)
    save_section(uow, coauthor, sid, "Coauthor's.", 1)
    assert not restore_revision(uow, lead, sid, 1, 1).saved


def test_history_pages_and_compares_any_two_revisions(uow, team):
    lead, coauthor, _, sid = team
    for number, text in enumerate(["A. B.", "A. C.", "A. C. D."]):
        save_section(uow, lead if number % 2 == 0 else coauthor, sid, text, number)
    page = section_history(uow, lead, sid, limit=2)
    assert [r.number for r in page.revisions] == [3, 2] and page.total == 3 and page.current_version == 3
    assert [r.number for r in section_history(uow, lead, sid, limit=2, offset=2).revisions] == [1]
    comparison = compare_revisions(uow, lead, sid, 1, 3)
    assert "-B." in comparison.diff and "+C." in comparison.diff and "+D." in comparison.diff
    assert comparison.new.author == "Hana" and revision_text(uow, coauthor, sid, 2) == "A. C."


def test_over_limit_text_is_saved_but_flagged_and_cannot_be_ready(uow, team):
    lead, _, _, sid = team
    outcome = save_section(uow, lead, sid, "word " * 210, 0)
    assert outcome.saved and outcome.section.check.over
    with pytest.raises(InvalidInput, match="over its limit"):
        set_section_ready(uow, lead, sid, True)
    save_section(uow, lead, sid, "word " * 190, 1)
    assert set_section_ready(uow, lead, sid, True).status == "ready"
    with uow as session:
        assert session.query(AuditEvent).filter_by(action="changed section status").count() == 1


def test_an_empty_section_cannot_be_ready(uow, team):
    lead, _, _, sid = team
    with pytest.raises(InvalidInput, match="it is empty"):
        set_section_ready(uow, lead, sid, True)


def test_a_shared_limit_over_its_sections_together_blocks_ready(uow, team):
    lead, _, application_id, _ = team
    page_of_text = "\n\n".join(["A sentence of ordinary length about the methods used here."] * 30)
    keys = ("background", "aims", "proposed_research")
    ids = {k: section_id(uow, lead, application_id, k) for k in keys}
    for key in keys:
        save_section(uow, lead, ids[key], page_of_text * 3, 0)
    view = open_section(uow, lead, ids["aims"])
    assert not view.check.over
    group = view.shared[0]
    assert group.key == "research_core" and group.check.over and group.others_used > 0
    assert group.with_text("", view.page).used == pytest.approx(group.others_used)
    with pytest.raises(InvalidInput, match="shared limit"):
        set_section_ready(uow, lead, ids["aims"], True)


def test_changed_text_after_ready_is_drafting_again(uow, team):
    lead, _, _, sid = team
    save_section(uow, lead, sid, "Done.", 0)
    set_section_ready(uow, lead, sid, True)
    assert save_section(uow, lead, sid, "Done, then changed.", 1).section.status == "drafting"


def test_submitted_applications_cannot_be_edited(uow, make_actor):
    lead = make_actor(Role.RESEARCHER)
    application_id = build_application(uow, lead, status="submitted")
    sid = section_ids(uow, application_id)["summary"]
    version = open_section(uow, lead, sid).version
    with pytest.raises(Conflict, match="submitted"):
        save_section(uow, lead, sid, "Late change.", version)
    assert not open_section(uow, lead, sid).editable


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER, Role.MANAGER, Role.ADMIN])
def test_no_one_off_the_team_reads_or_writes_a_section(uow, make_actor, team, role):
    lead, _, _, sid = team
    save_section(uow, lead, sid, "Private draft.", 0)
    outsider = make_actor(role)
    for call in (
        lambda: open_section(uow, outsider, sid),
        lambda: save_section(uow, outsider, sid, "x", 1),
        lambda: section_history(uow, outsider, sid),
        lambda: revision_text(uow, outsider, sid, 1),
        lambda: mark_present(uow, outsider, sid),
        lambda: set_section_ready(uow, outsider, sid, True),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert open_section(uow, lead, sid).body == "Private draft."


def test_a_missing_section_is_not_found(uow, make_actor):
    with pytest.raises(NotFound):
        open_section(uow, make_actor(Role.RESEARCHER), 12345)


def test_a_huge_text_is_refused_with_its_size(uow, team):
    lead, _, _, sid = team
    with pytest.raises(InvalidInput, match="characters"):
        save_section(uow, lead, sid, "x" * 200_001, 0)


def test_presence_shows_who_else_has_the_section_open(uow, team):
    lead, coauthor, _, sid = team
    assert mark_present(uow, lead, sid).others == ()
    pulse = mark_present(uow, coauthor, sid)
    assert [p.name for p in pulse.others] == ["Hana"]
    mark_present(uow, coauthor, sid)  # refreshing keeps one row
    assert [p.name for p in mark_present(uow, lead, sid).others] == ["Wiremu"]
    leave_section(uow, coauthor, sid)
    assert mark_present(uow, lead, sid).others == ()


def test_presence_forgets_people_after_a_few_minutes_and_reports_the_version(uow, team):
    from datetime import timedelta

    from research.domain.clock import utcnow

    lead, coauthor, _, sid = team
    mark_present(uow, coauthor, sid, now=utcnow() - timedelta(minutes=10))
    save_section(uow, coauthor, sid, "Saved meanwhile.", 0)
    pulse = mark_present(uow, lead, sid)
    assert pulse.others == () and pulse.version == 1 and pulse.updated_by == "Wiremu"
