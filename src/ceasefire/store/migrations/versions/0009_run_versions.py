"""Run versions: every version of every incident and finding, as each run wrote it ([4/6]).

Existing incidents and findings are copied in as the versions their current rows hold (earlier
versions were overwritten before this table existed and cannot be recovered).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``run_versions`` and copy the current incidents and findings into it."""
    op.create_table(
        "run_versions",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("object_id", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.BigInteger(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_run_versions")),
        sa.UniqueConstraint(
            "kind", "object_id", "version", name=op.f("uq_run_versions_kind_object_id_version")
        ),
    )
    op.create_index(
        op.f("ix_run_versions_kind_run_id"), "run_versions", ["kind", "run_id"], unique=False
    )
    op.execute(
        "INSERT INTO run_versions (kind, object_id, version, run_id, content_hash, canonical) "
        "SELECT 'incident', incident_id, version, run_id, content_hash, canonical FROM incidents"
    )
    op.execute(
        "INSERT INTO run_versions (kind, object_id, version, run_id, content_hash, canonical) "
        "SELECT 'finding', finding_id, version, run_id, content_hash, canonical FROM findings"
    )


def downgrade() -> None:
    """Drop ``run_versions``."""
    op.drop_index(op.f("ix_run_versions_kind_run_id"), table_name="run_versions")
    op.drop_table("run_versions")
