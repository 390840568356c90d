"""Properties of importing application templates (a mapping, or an uploaded TOML file)."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import select

from research.db.models import ApplicationTemplate, AuditEvent
from research.domain.counting import measure
from research.domain.errors import InvalidInput
from research.domain.roles import Role
from research.domain.template_spec import parse_template, template_to_dict
from research.services.drafting import templates
from tests.service_people import staff

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
SHIPPED = {path.name: tomllib.loads(path.read_text("utf-8")) for path in sorted(TEMPLATES.glob("*.toml"))}

SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(10**400), 10**400),
    st.floats(),
    st.text(max_size=10),
    st.sampled_from(["", " ", "words", "pages", "A4"]),
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=10,
)


def paths(data, prefix=()):
    """Every place in a nested mapping where a value sits."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield (*prefix, key)
        yield from paths(value, (*prefix, key))


def replaced(data, path, value):
    changed = copy.deepcopy(data)
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return changed


def check_spec_or_refusal(data, source: str = "form.toml"):
    try:
        spec = parse_template(data, source)
    except InvalidInput as exc:
        assert str(exc).startswith(source), str(exc)
        return None
    for unit in ("words", "characters", "lines", "pages"):
        measure("Some words\n\nand more.", unit, spec.page)  # an accepted page format can be counted on
    limits = [s.limit for s in spec.sections] + [g.limit for g in spec.shared_limits]
    assert all(limit.max < 2**31 for limit in limits if limit), "a limit the database cannot store"
    return spec


@given(VALUE)
def test_any_mapping_is_a_template_or_a_refusal_naming_the_source(data):
    check_spec_or_refusal(data)


@given(st.sampled_from(sorted(SHIPPED)), st.data())
@example("nih-r01.toml", None)
def test_a_shipped_template_with_one_value_changed_is_a_template_or_a_refusal(name, data):
    template = SHIPPED[name]
    if data is None:  # the counter once met a page format nobody could count on
        for value in (float("nan"), float("inf"), 10**400, 5e-324):
            check_spec_or_refusal(replaced(template, ("page", "font_size_pt"), value))
        check_spec_or_refusal(replaced(template, ("sections", 0, "limit", "max"), 10**400))
        return
    path = data.draw(st.sampled_from(list(paths(template))))
    check_spec_or_refusal(replaced(template, path, data.draw(VALUE)))


@given(st.sampled_from(sorted(SHIPPED)))
def test_a_template_reads_back_as_it_was_written(name):
    spec = parse_template(SHIPPED[name], name)
    assert parse_template(template_to_dict(spec), name) == spec
    assert parse_template(tomllib.loads(tomli_w.dumps(template_to_dict(spec))), name) == spec


@pytest.fixture
def workspace(sqlite_uow, tmp_path):
    return sqlite_uow, staff(sqlite_uow, Role.ADMIN)


def stored(uow):
    with uow as session:
        return (session.scalars(select(ApplicationTemplate.key)).all(), session.scalars(select(AuditEvent.id)).all())


TOML = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(str.encode),
    st.sampled_from(sorted(SHIPPED)).map(lambda n: (TEMPLATES / n).read_bytes().decode().encode("utf-16")),
)


@given(TOML)
@example(
    b'key = "k"\nname = "n"\nfunder = "f"\nscheme = "s"\nversion = "1"\npage = { font_size_pt = nan }\n'
    b'[[sections]]\nkey = "a"\ntitle = "A"\n'
)
def test_any_upload_adds_a_template_or_is_refused_adding_nothing(workspace, tmp_path, content):
    uow, admin = workspace
    before = stored(uow)
    try:
        info = templates.add_template_toml(uow, admin, content, "upload.toml", folder=tmp_path)
    except InvalidInput as exc:
        assert str(exc).startswith("upload.toml"), str(exc)
        assert stored(uow) == before
    else:
        assert info.key in stored(uow)[0]
