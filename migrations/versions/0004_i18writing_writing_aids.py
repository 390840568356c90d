"""writing aids: round assessment criteria, dismissed findings, changed scores

Revision ID: i18writing_aids
Revises: i14collab_updates
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i18writing_aids"
down_revision: str | None = "i14collab_updates"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("funding_rounds") as batch:
        batch.add_column(sa.Column("assessment_criteria", sa.JSON(), nullable=True))
    op.create_table(
        "finding_dismissals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("section_version", sa.Integer(), nullable=False),
        sa.Column("finding_key", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("dismissed_by_id", sa.Integer(), nullable=False),
        sa.Column("dismissed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["section_id"], ["sections.id"], name=op.f("fk_finding_dismissals_section_id_sections"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["dismissed_by_id"], ["users.id"], name=op.f("fk_finding_dismissals_dismissed_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding_dismissals")),
        sa.UniqueConstraint("section_id", "finding_key", name=op.f("uq_finding_dismissals_section_id_finding_key")),
    )
    op.create_index(op.f("ix_finding_dismissals_section_id"), "finding_dismissals", ["section_id"])
    op.create_table(
        "score_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("criterion_key", sa.String(length=80), nullable=False),
        sa.Column("old_score", sa.Numeric(precision=6, scale=2), nullable=True),
        sa.Column("new_score", sa.Numeric(precision=6, scale=2), nullable=True),
        sa.Column("old_rating", sa.String(length=80), nullable=True),
        sa.Column("new_rating", sa.String(length=80), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_score_changes_review_id_reviews"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["changed_by_id"], ["users.id"], name=op.f("fk_score_changes_changed_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_changes")),
    )
    op.create_index(op.f("ix_score_changes_review_id"), "score_changes", ["review_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_score_changes_review_id"), table_name="score_changes")
    op.drop_table("score_changes")
    op.drop_index(op.f("ix_finding_dismissals_section_id"), table_name="finding_dismissals")
    op.drop_table("finding_dismissals")
    with op.batch_alter_table("funding_rounds") as batch:
        batch.drop_column("assessment_criteria")
