"""i13forms form drafts: unsent text kept per person and form field

Revision ID: i13forms_form_drafts
Revises: i13flow_readiness_notes
Create Date: 2026-12-01 02:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'i13forms_form_drafts'
down_revision: str | None = 'i13flow_readiness_notes'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('form_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('form_key', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_form_drafts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_drafts')),
    sa.UniqueConstraint('user_id', 'form_key', name=op.f('uq_form_drafts_user_id_form_key'))
    )


def downgrade() -> None:
    op.drop_table('form_drafts')
