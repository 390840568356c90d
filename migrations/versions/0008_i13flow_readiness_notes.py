"""Readiness notes: the team's answers to a reviewer's "No", and the lead's recorded override

Revision ID: i13flow_readiness_notes
Revises: i16settings_workspace_settings
Create Date: 2026-12-01 02:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'i13flow_readiness_notes'
down_revision: str | None = 'i16settings_workspace_settings'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('readiness_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('review_round_id', sa.Integer(), nullable=True),
    sa.Column('item_key', sa.String(length=80), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_readiness_notes_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_readiness_notes_author_id_users')),
    sa.ForeignKeyConstraint(['review_round_id'], ['review_rounds.id'], name=op.f('fk_readiness_notes_review_round_id_review_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_readiness_notes'))
    )
    with op.batch_alter_table('readiness_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_readiness_notes_application_id'), ['application_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('readiness_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_readiness_notes_application_id'))
    op.drop_table('readiness_notes')
