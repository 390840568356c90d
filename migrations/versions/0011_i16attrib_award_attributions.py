"""Awards record their lead and how they are attributed: the rule linking them to an application and cluster, and their place

Revision ID: i16attrib_award_attributions
Revises: i16import_mapping_aliases
Create Date: 2026-12-01 02:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'i16attrib_award_attributions'
down_revision: str | None = 'i16import_mapping_aliases'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen as shipped: a later change to LinkSource needs a new migration.
SOURCES = ('application', 'file', 'title_lead', 'person', 'none')


def upgrade() -> None:
    with op.batch_alter_table('awards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lead', sa.String(length=200), nullable=False, server_default=''))
    op.create_table('award_attributions',
    sa.Column('award_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('score', sa.Numeric(precision=5, scale=1), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('in_area', sa.Boolean(), nullable=True),
    sa.Column('area_spec', sa.String(length=2000), nullable=True),
    sa.CheckConstraint("source IN (" + ", ".join(f"'{s}'" for s in SOURCES) + ")", name=op.f('ck_award_attributions_source')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_award_attributions_application_id_applications'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['award_id'], ['awards.id'], name=op.f('fk_award_attributions_award_id_awards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_award_attributions_decided_by_id_users')),
    sa.PrimaryKeyConstraint('award_id', name=op.f('pk_award_attributions'))
    )
    with op.batch_alter_table('award_attributions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_attributions_application_id'), ['application_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('award_attributions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_attributions_application_id'))
    op.drop_table('award_attributions')
    with op.batch_alter_table('awards', schema=None) as batch_op:
        batch_op.drop_column('lead')
