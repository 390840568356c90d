"""Awards record where their recipient is: identifier, locality, postcode, region, country

Revision ID: i16_award_recipients
Revises: i17notify_outbox
Create Date: 2026-12-01 02:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'i16_award_recipients'
down_revision: str | None = 'i17notify_outbox'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (("recipient_id", 200), ("locality", 200), ("postcode", 40), ("region", 200), ("country", 100))


def upgrade() -> None:
    with op.batch_alter_table('awards', schema=None) as batch_op:
        for name, length in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('awards', schema=None) as batch_op:
        for name, _length in reversed(COLUMNS):
            batch_op.drop_column(name)
