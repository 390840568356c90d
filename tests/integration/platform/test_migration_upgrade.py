"""Upgrading a database that has data: nothing is lost, and the lead ends up recorded once."""

import pytest
from alembic import command
from sqlalchemy import func, inspect, select, text

from research.config import parse_database_url
from research.db.engine import make_engine
from research.db.migrate import alembic_config, sqlite_foreign_keys_off, upgrade_to_head
from research.db.models import Application, ApplicationMember, Comment, Section, User
from research.domain.clock import utcnow
from tests.conftest import _postgres_database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def at_0001(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}" if request.param == "sqlite" else _postgres_database(request)
    engine = make_engine(parse_database_url(url))
    config = alembic_config()
    with engine.connect() as connection, sqlite_foreign_keys_off(connection), connection.begin():
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    yield engine
    engine.dispose()


def _old_data(connection) -> dict[str, int]:
    """Two applications as 0001 stored them; the second one's lead has no member row."""
    ids = {}
    for name in ("ana", "ben"):
        ids[name] = connection.execute(
            User.__table__.insert().values(
                username=name, display_name=name.title(), role="researcher", password_hash="x", created_at=utcnow()
            )
        ).inserted_primary_key[0]
    for title in ("first", "second"):
        ids[title] = connection.execute(
            Application.__table__.insert().values(
                lead_id=ids["ana"], title=title, status="drafting", template_key="t", template_spec={}
            )
        ).inserted_primary_key[0]
    member = text("INSERT INTO application_members (application_id, user_id, role, added_at) VALUES (:a, :u, :r, :at)")
    connection.execute(member, {"a": ids["first"], "u": ids["ana"], "r": "lead", "at": utcnow()})
    connection.execute(member, {"a": ids["first"], "u": ids["ben"], "r": "coauthor", "at": utcnow()})
    connection.execute(member, {"a": ids["second"], "u": ids["ben"], "r": "lead", "at": utcnow()})
    section = connection.execute(
        Section.__table__.insert().values(
            application_id=ids["first"], key="aims", title="Aims", position=1, body="Our aims", status="drafting"
        )
    ).inserted_primary_key[0]
    connection.execute(
        Comment.__table__.insert().values(
            application_id=ids["first"], section_id=section, author_id=ids["ben"], body="Good", created_at=utcnow()
        )
    )
    return ids


def test_upgrade_keeps_every_row_and_puts_each_lead_on_the_team(at_0001):
    with at_0001.begin() as connection:
        ids = _old_data(connection)
    upgrade_to_head(at_0001)
    with at_0001.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Section)) == 1
        assert connection.scalar(select(Section.body)) == "Our aims"
        assert connection.scalar(select(func.count()).select_from(Comment)) == 1
        teams = connection.execute(select(ApplicationMember.application_id, ApplicationMember.user_id)).all()
        assert sorted(teams) == sorted(
            [
                (ids["first"], ids["ana"]),
                (ids["first"], ids["ben"]),
                (ids["second"], ids["ben"]),
                (ids["second"], ids["ana"]),
            ]
        )
        assert connection.scalar(select(Application.lead_id).where(Application.id == ids["second"])) == ids["ana"]
    columns = {c["name"] for c in inspect(at_0001).get_columns("application_members")}
    assert "role" not in columns


def test_downgrade_gives_the_lead_back_its_role_and_upgrades_again(at_0001):
    with at_0001.begin() as connection:
        ids = _old_data(connection)
    upgrade_to_head(at_0001)
    config = alembic_config()
    with at_0001.connect() as connection, sqlite_foreign_keys_off(connection), connection.begin():
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    with at_0001.connect() as connection:
        roles = connection.execute(text("SELECT application_id, user_id, role FROM application_members")).all()
        assert connection.scalar(select(func.count()).select_from(Section)) == 1
    assert sorted(roles) == sorted(
        [
            (ids["first"], ids["ana"], "lead"),
            (ids["first"], ids["ben"], "coauthor"),
            (ids["second"], ids["ben"], "coauthor"),
            (ids["second"], ids["ana"], "lead"),
        ]
    )
    upgrade_to_head(at_0001)
    with at_0001.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(ApplicationMember)) == 4
