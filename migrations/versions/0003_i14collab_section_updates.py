"""live co-writing: section_updates log, section_writers, section_live

Revision ID: i14collab_updates
Revises: i11schema_checks
Create Date: 2026-11-30 23:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from research.db.checks import one_of

revision: str = "i14collab_updates"
down_revision: str | None = "i11schema_checks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Revision kinds as they were before this migration, and with the live editor's revisions.
KINDS_BEFORE = ("save", "conflict", "restore", "resolution")
KINDS_AFTER = (*KINDS_BEFORE, "live")


def _revision_kinds(values: tuple[str, ...]) -> None:
    with op.batch_alter_table("section_revisions") as batch:
        batch.drop_constraint(op.f("ck_section_revisions_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_section_revisions_kind"), one_of("kind", values))


def upgrade() -> None:
    _revision_kinds(KINDS_AFTER)
    op.create_table(
        "section_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["section_id"], ["sections.id"], name=op.f("fk_section_updates_section_id_sections"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_section_updates_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_section_updates")),
        sa.UniqueConstraint("section_id", "seq", name=op.f("uq_section_updates_section_id_seq")),
    )
    op.create_table(
        "section_writers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["section_id"], ["sections.id"], name=op.f("fk_section_writers_section_id_sections"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_section_writers_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_section_writers")),
        sa.UniqueConstraint("section_id", "client_id", name=op.f("uq_section_writers_section_id_client_id")),
    )
    op.create_table(
        "section_live",
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("synced_version", sa.Integer(), nullable=False),
        sa.Column("synced_seq", sa.Integer(), nullable=False),
        sa.Column("base", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["section_id"], ["sections.id"], name=op.f("fk_section_live_section_id_sections"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("section_id", name=op.f("pk_section_live")),
    )


def downgrade() -> None:
    op.execute("UPDATE section_revisions SET kind = 'save' WHERE kind = 'live'")
    _revision_kinds(KINDS_BEFORE)
    op.drop_table("section_live")
    op.drop_table("section_writers")
    op.drop_table("section_updates")
