"""Import profiles (saved column mappings), funder aliases, and how exactly an award's date is known

Revision ID: i16import_mapping_aliases
Revises: i16settings_workspace_settings (re-chained after merging i16settings: 0007 and 0008 both started from i16_award_recipients)
Create Date: 2026-12-01 02:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'i16import_mapping_aliases'
down_revision: str | None = 'i16settings_workspace_settings'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen as shipped (research/domain/import_kinds.py, date_precision.py).
KINDS = "kind IN ('awards', 'grants', 'rounds')"
PRECISIONS = "awarded_precision IN ('day', 'month', 'year')"


def upgrade() -> None:
    op.create_table('import_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('mapping', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint(KINDS, name=op.f('ck_import_profiles_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_profiles')),
    sa.UniqueConstraint('kind', 'name', name=op.f('uq_import_profiles_kind_name'))
    )
    op.create_table('funder_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('funder_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=200), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['funder_id'], ['funders.id'], name=op.f('fk_funder_aliases_funder_id_funders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funder_aliases')),
    sa.UniqueConstraint('key', name=op.f('uq_funder_aliases_key'))
    )
    with op.batch_alter_table('funder_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funder_aliases_funder_id'), ['funder_id'], unique=False)
    with op.batch_alter_table('awards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('awarded_precision', sa.String(length=5), nullable=False, server_default='day'))
        batch_op.create_check_constraint(op.f('ck_awards_awarded_precision'), PRECISIONS)


def downgrade() -> None:
    with op.batch_alter_table('awards', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_awards_awarded_precision'), type_='check')
        batch_op.drop_column('awarded_precision')
    with op.batch_alter_table('funder_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funder_aliases_funder_id'))
    op.drop_table('funder_aliases')
    op.drop_table('import_profiles')
