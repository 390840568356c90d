"""CHECK constraints on enumerated columns, indexes on filtered foreign keys, the lead recorded once

Revision ID: i11schema_checks
Revises: 0001
Create Date: 2026-11-30 23:50:00

The allowed values are frozen here as they were when this shipped: a later change to an
enum in research/domain needs a new migration (the models build theirs from the enums,
and a test compares the two).

The lead was recorded twice: Application.lead_id and an application_members row with
role 'lead'. Application.lead_id stays the one source; application_members lists the
team (the lead included) and loses its role column. Every lead gets a member row first,
so nobody drops off a team.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from research.db.checks import one_of

revision: str = "i11schema_checks"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHECKS: dict[str, dict[str, tuple[str, ...]]] = {
    "users": {"role": ("researcher", "reviewer", "manager", "admin")},
    "applications": {
        "status": (
            "drafting",
            "in_review",
            "revising",
            "ready",
            "submitted",
            "awarded",
            "declined",
            "withdrawn",
        )
    },
    "sections": {
        "status": ("empty", "drafting", "ready"),
        "limit_unit": ("words", "characters", "lines", "pages"),
    },
    "section_revisions": {"kind": ("save", "conflict", "restore", "resolution")},
    "reviews": {
        "status": ("invited", "accepted", "declined", "conflict", "submitted", "cancelled"),
        "recommendation": (
            "Ready to submit",
            "Submit after minor revisions",
            "Major revisions needed",
            "Not competitive this round",
        ),
    },
    "checklist_answers": {"answer": ("yes", "no", "na")},
    "awards": {"source": ("application", "import")},
    "round_milestones": {"kind": ("intent", "draft", "signoff")},
}

# Foreign keys that pages filter on or that a cascading delete has to search.
INDEXES: dict[str, tuple[str, ...]] = {
    "sections": ("owner_id",),
    "comments": ("section_id", "parent_id"),
    "snapshot_sections": ("section_id", "revision_id"),
    "round_clusters": ("cluster_id",),
}


def upgrade() -> None:
    _lead_recorded_once()
    for table in sorted(CHECKS.keys() | INDEXES.keys()):
        with op.batch_alter_table(table) as batch:
            for column, values in CHECKS.get(table, {}).items():
                batch.create_check_constraint(op.f(f"ck_{table}_{column}"), one_of(column, values))
            for column in INDEXES.get(table, ()):
                batch.create_index(op.f(f"ix_{table}_{column}"), [column], unique=False)


def _lead_recorded_once() -> None:
    op.execute(
        "INSERT INTO application_members (application_id, user_id, role, added_at) "
        "SELECT a.id, a.lead_id, 'lead', a.created_at FROM applications a WHERE NOT EXISTS "
        "(SELECT 1 FROM application_members m WHERE m.application_id = a.id AND m.user_id = a.lead_id)"
    )
    with op.batch_alter_table("application_members") as batch:
        batch.drop_column("role")


def downgrade() -> None:
    for table in sorted(CHECKS.keys() | INDEXES.keys()):
        with op.batch_alter_table(table) as batch:
            for column in INDEXES.get(table, ()):
                batch.drop_index(op.f(f"ix_{table}_{column}"))
            for column in CHECKS.get(table, {}):
                batch.drop_constraint(op.f(f"ck_{table}_{column}"), type_="check")
    with op.batch_alter_table("application_members") as batch:
        batch.add_column(sa.Column("role", sa.String(length=20), nullable=False, server_default="coauthor"))
    with op.batch_alter_table("application_members") as batch:
        batch.alter_column("role", server_default=None)
    op.execute(
        "UPDATE application_members SET role = 'lead' WHERE user_id = "
        "(SELECT a.lead_id FROM applications a WHERE a.id = application_members.application_id)"
    )
