"""CHECK constraints keep enumerated columns to the values the code knows, on both databases."""

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import CheckConstraint, Engine, inspect, select, text
from sqlalchemy.exc import IntegrityError

from research.db.models import Base, ExchangeRate, FundingRound, ImportProfile, RoundMilestone
from research.demo.seed import seed_demo
from research.domain.round_rules import MILESTONE_KINDS

_QUOTED = re.compile(r"'((?:[^']|'')*)'")


def _model_checks() -> dict[str, dict[str, str]]:
    return {
        table.name: {
            str(c.name): str(c.sqltext) for c in table.constraints if isinstance(c, CheckConstraint) and c.name
        }
        for table in Base.metadata.sorted_tables
    }


def _values(sql: str) -> set[str]:
    return {value.replace("''", "'") for value in _QUOTED.findall(sql)}


def test_the_enumerated_columns_have_checks():
    named = {name for checks in _model_checks().values() for name in checks}
    assert {
        "ck_users_role",
        "ck_applications_status",
        "ck_sections_status",
        "ck_sections_limit_unit",
        "ck_section_revisions_kind",
        "ck_reviews_status",
        "ck_reviews_recommendation",
        "ck_checklist_answers_answer",
        "ck_awards_source",
        "ck_round_milestones_kind",
    } <= named


def test_the_database_has_the_models_checks_with_the_same_values(engine):
    inspector = inspect(engine)
    for table, checks in _model_checks().items():
        found = {c["name"]: c["sqltext"] for c in inspector.get_check_constraints(table)}
        assert set(found) == set(checks), table
        for name, sql in checks.items():
            assert _values(found[name]) == _values(sql), f"{name}: the migration's values differ from the enum's"


def _first_rows(engine: Engine) -> None:
    with engine.begin() as connection:
        round_id = connection.scalar(select(FundingRound.id).limit(1))
        connection.execute(
            RoundMilestone.__table__.insert().values(
                round_id=round_id, kind=MILESTONE_KINDS[0].kind, label="Intent", working_days_before=10
            )
        )
        if connection.scalar(select(ExchangeRate.id).limit(1)) is None:
            connection.execute(
                ExchangeRate.__table__.insert().values(
                    reporting="NZD",
                    currency="USD",
                    on_date=date(2024, 1, 2),
                    rate=0.6,
                    quote="per_reporting",
                    source="test",
                    created_at=datetime.now(UTC),
                )
            )
        if connection.scalar(select(ImportProfile.id).limit(1)) is None:
            connection.execute(
                ImportProfile.__table__.insert().values(
                    kind="awards", name="NIH", mapping={"identifier": "appl_id"}, created_at=datetime.now(UTC)
                )
            )


def test_every_check_refuses_a_value_outside_its_enum_and_takes_one_inside(engine, uow):
    seed_demo(uow)
    _first_rows(engine)
    for table, checks in _model_checks().items():
        for name, sql in checks.items():
            column = sql.split(" IN ", 1)[0]
            allowed = sorted(_values(sql))[0]
            key = _primary_key(table)
            update = text(f"UPDATE {table} SET {column} = :value WHERE {key} = (SELECT min({key}) FROM {table})")
            with engine.connect() as connection, connection.begin() as transaction:
                with pytest.raises(IntegrityError) as refused:
                    connection.execute(update, {"value": "bogus"})
                transaction.rollback()
            assert name in str(refused.value), str(refused.value)
            with engine.connect() as connection, connection.begin() as transaction:
                assert connection.execute(update, {"value": allowed}).rowcount == 1, f"{table} has no row to try"
                transaction.rollback()


def _primary_key(table: str) -> str:
    """The one-column primary key to pick a row by (award_attributions is keyed by its award)."""
    (column,) = Base.metadata.tables[table].primary_key.columns
    return column.name
