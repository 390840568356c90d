"""Workspace settings (currency, time zone, financial year, area) and dated exchange rates; cluster grants keep their amount as first recorded

Revision ID: i16settings_workspace_settings
Revises: i16_award_recipients
Create Date: 2026-12-01 02:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'i16settings_workspace_settings'
down_revision: str | None = 'i16_award_recipients'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('workspace_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=True),
    sa.Column('financial_year_start', sa.Integer(), nullable=True),
    sa.Column('area', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_workspace_settings_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workspace_settings'))
    )
    op.create_table('exchange_rates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reporting', sa.String(length=3), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('rate', sa.Numeric(precision=20, scale=10), nullable=False),
    sa.Column('quote', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("quote IN ('per_reporting', 'in_reporting')", name=op.f('ck_exchange_rates_quote')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_rates')),
    sa.UniqueConstraint('reporting', 'currency', 'on_date', name=op.f('uq_exchange_rates_reporting_currency_on_date'))
    )
    with op.batch_alter_table('cluster_grants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original_amount', sa.Numeric(precision=16, scale=2), nullable=True))
        batch_op.add_column(sa.Column('original_currency', sa.String(length=3), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('cluster_grants', schema=None) as batch_op:
        batch_op.drop_column('original_currency')
        batch_op.drop_column('original_amount')
    op.drop_table('exchange_rates')
    op.drop_table('workspace_settings')
