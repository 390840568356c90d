"""The schema: migrations agree with the models, money is exact, on both databases."""

from datetime import date
from decimal import Decimal

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from research.db.migrate import is_at_head, upgrade_to_head
from research.db.models import Base, Cluster, ClusterGrant


def test_migrations_and_models_agree(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_upgrade_is_idempotent(engine):
    upgrade_to_head(engine)
    assert is_at_head(engine)


def test_money_is_stored_exactly_with_its_currency(uow):
    with uow as session:
        cluster = Cluster(name="Research")
        session.add(cluster)
        session.flush()
        session.add(
            ClusterGrant(
                cluster_id=cluster.id,
                amount=Decimal("80000.10"),
                granted_on=date(2022, 7, 15),
                financial_year="2022/23",
            )
        )
    with uow as session:
        grant = session.scalar(select(ClusterGrant))
        assert grant.amount == Decimal("80000.10") and isinstance(grant.amount, Decimal)
        assert grant.currency == "NZD"
        total = session.scalar(select(ClusterGrant.amount + Decimal("0.20")))
        assert Decimal(total) == Decimal("80000.30")
