"""Templates: listing files and stored ones, adding one in the app, refusals."""

import pytest

from research.db.models import AuditEvent, Section
from research.domain.errors import InvalidInput, NotFound, PermissionDenied
from research.domain.roles import Role
from research.services.drafting.templates import add_template, add_template_toml, get_template, list_templates
from tests.integration.drafting_support import section_id, small_template, start


def test_list_shows_the_shipped_files(uow):
    keys = {t.key for t in list_templates(uow)}
    assert {"marsden-full-proposal", "hrc-project", "mbie-smart-ideas", "nih-r01"} <= keys
    marsden = next(t for t in list_templates(uow) if t.key == "marsden-full-proposal")
    assert marsden.origin == "file templates/marsden-full-proposal.toml" and marsden.usable


def test_an_admin_adds_a_template_that_is_then_listed_and_usable(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    info = add_template(uow, admin, small_template(), "city-seed.toml")
    assert info.key == "city-seed-fund" and "city-seed.toml" in info.origin
    listed = next(t for t in list_templates(uow) if t.key == "city-seed-fund")
    assert listed.sections == 1 and admin.display_name in listed.origin
    assert get_template(uow, "city-seed-fund").section("summary").limit.max == 100
    with uow as session:
        assert session.query(AuditEvent).filter_by(action="added template").count() == 1


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER, Role.MANAGER])
def test_only_admins_add_templates(uow, make_actor, role):
    with pytest.raises(PermissionDenied):
        add_template(uow, make_actor(role), small_template(), "x.toml")


def test_a_key_a_file_already_uses_is_refused(uow, make_actor):
    with pytest.raises(InvalidInput, match=r"mine.toml: key: 'nih-r01' is already used by templates/nih-r01.toml"):
        add_template(uow, make_actor(Role.ADMIN), small_template("nih-r01"), "mine.toml")


def test_a_key_added_twice_is_refused(uow, make_actor):
    admin = make_actor(Role.ADMIN)
    add_template(uow, admin, small_template(), "one.toml")
    with pytest.raises(InvalidInput, match="already used by a template added in the app"):
        add_template(uow, admin, small_template(), "two.toml")


def test_a_template_with_mistakes_names_the_source_and_each_key(uow, make_actor):
    data = small_template()
    data["sections"][0]["limit"] = {"unit": "paragraphs", "max": 100}
    del data["funder"]
    with pytest.raises(InvalidInput) as caught:
        add_template(uow, make_actor(Role.ADMIN), data, "upload.toml")
    wheres = {p.where for p in caught.value.problems}
    assert wheres == {"upload.toml: funder", "upload.toml: sections[1].limit.unit"}
    assert not [t for t in list_templates(uow) if t.key == "city-seed-fund"]


def test_uploaded_toml_that_does_not_parse_is_refused_with_the_file_name(uow, make_actor):
    with pytest.raises(InvalidInput, match=r"^bad.toml: is not valid TOML"):
        add_template_toml(uow, make_actor(Role.ADMIN), b"key = [unclosed", "bad.toml")
    with pytest.raises(InvalidInput, match="not UTF-8"):
        add_template_toml(uow, make_actor(Role.ADMIN), "key = 'é'".encode("latin-1"), "latin.toml")


def test_uploaded_toml_is_added(uow, make_actor):
    content = (
        b'key = "uploaded"\nname = "U"\nfunder = "F"\nscheme = "S"\nversion = "1"\n'
        b'[[sections]]\nkey = "a"\ntitle = "A"\n'
    )
    assert add_template_toml(uow, make_actor(Role.ADMIN), content, "u.toml").key == "uploaded"


def test_unknown_template_is_not_found(uow):
    with pytest.raises(NotFound):
        get_template(uow, "no-such-template")


def test_a_broken_file_is_listed_with_its_problem_and_refused_on_use(uow, tmp_path):
    (tmp_path / "broken.toml").write_text('key = "broken"\nname = "B"\n', encoding="utf-8")
    listed = list_templates(uow, folder=tmp_path)
    assert [t.key for t in listed] == ["broken"]
    assert not listed[0].usable and "broken.toml: funder: is missing" in listed[0].problem
    with pytest.raises(InvalidInput, match="broken.toml: funder: is missing"):
        get_template(uow, "broken", folder=tmp_path)


def test_changing_a_template_later_never_changes_a_draft_in_progress(uow, make_actor):
    admin, researcher = make_actor(Role.ADMIN), make_actor(Role.RESEARCHER)
    add_template(uow, admin, small_template("evolving", ("summary",)), "v1.toml")
    application_id = start(uow, researcher, template="evolving")
    with uow as session:  # an admin edits the stored template afterwards
        from research.db.models import ApplicationTemplate

        row = session.query(ApplicationTemplate).filter_by(key="evolving").one()
        row.spec = {
            **row.spec,
            "sections": [
                {"key": "summary", "title": "Summary", "limit": {"unit": "words", "max": 5}},
                {"key": "extra", "title": "Extra"},
            ],
        }
    sid = section_id(uow, researcher, application_id, "summary")
    with uow as session:
        assert session.get(Section, sid).limit_max == 100
        assert session.query(Section).filter_by(application_id=application_id).count() == 1
