"""live co-writing: a checkpoint keeps who wrote each character and how the text grew

Revision ID: i14audit_checkpoint_authors
Revises: i16attrib_award_attributions
Create Date: 2026-12-01 05:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i14audit_checkpoint_authors"
down_revision: str | None = "i16attrib_award_attributions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("section_updates") as batch:
        batch.add_column(sa.Column("authors", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("section_updates") as batch:
        batch.drop_column("authors")
