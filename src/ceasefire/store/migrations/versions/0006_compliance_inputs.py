"""Compliance extras: findings in their own right (regrouping, rearming, restrictions) ([3/6]).

A finding gets a ``kind`` (``incident`` for every existing row) and a ``subject``; its
incident, agreement, term and party version become optional, because a storage shortfall, an
inspection refused or a restriction of the monitors' movement is about a site, an inspection or
a place, not an incident held against a term.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OPTIONAL = (
    ("agreement_id", 120),
    ("term_id", 120),
    ("version_party", 20),
    ("incident_id", 20),
)


def upgrade() -> None:
    """Add ``kind`` and ``subject``; make incident, agreement, term and version optional."""
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), nullable=False, server_default="incident")
        )
        batch_op.add_column(sa.Column("subject", sa.Text(), nullable=True))
        for name, length in OPTIONAL:
            batch_op.alter_column(
                name, existing_type=sa.String(length=length), existing_nullable=False, nullable=True
            )
        batch_op.create_index("ix_findings_kind", ["kind"], unique=False)


def downgrade() -> None:
    """Drop the findings in their own right, then the columns; restore NOT NULL."""
    op.execute("DELETE FROM findings WHERE kind <> 'incident'")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index("ix_findings_kind")
        for name, length in OPTIONAL:
            batch_op.alter_column(
                name, existing_type=sa.String(length=length), existing_nullable=True, nullable=False
            )
        batch_op.drop_column("subject")
        batch_op.drop_column("kind")
