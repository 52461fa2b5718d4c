"""Text proposals awaiting analyst review ([6/6]).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ceasefire.store.types import UTCTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``text_proposals``."""
    op.create_table(
        "text_proposals",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("source_name", sa.String(length=255), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("proposal_type", sa.String(length=30), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reviewer", sa.String(length=220), nullable=True),
        sa.Column("reviewed_at", UTCTime(), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=120), nullable=True),
        sa.Column("created_at", UTCTime(), nullable=False),
        sa.Column("actor", sa.String(length=220), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_proposals")),
    )


def downgrade() -> None:
    """Drop ``text_proposals``."""
    op.drop_table("text_proposals")
