"""Stances, conditions and lifecycle events ([6/6]).

Three append-only tables (``ceasefire.store.negotiations``): one row per revision of a stance
record, a condition record or a per-party lifecycle event, with canonical bytes and their hash.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.sql.schema import SchemaItem

from ceasefire.store.types import UTCTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _common(name: str) -> list[SchemaItem]:
    return [
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("agreement_id", sa.String(length=120), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("recorded_at", UTCTime(), nullable=False),
        sa.Column("actor", sa.String(length=220), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint("agreement_id", "record_id", "revision", name=f"uq_{name}_record"),
    ]


def upgrade() -> None:
    op.create_table(
        "stance_records",
        *_common("stance_records"),
        sa.Column("party", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=80), nullable=False),
        sa.Column("stance", sa.String(length=30), nullable=False),
        sa.Column("stated_on", sa.Date(), nullable=False),
        sa.Column("stated_at", UTCTime(), nullable=True),
    )
    op.create_table(
        "condition_records",
        *_common("condition_records"),
        sa.Column("raised_by", sa.String(length=20), nullable=True),
        sa.Column("stated_on", sa.Date(), nullable=True),
        sa.Column("becomes_term", sa.String(length=64), nullable=True),
    )
    op.create_table(
        "lifecycle_events",
        *_common("lifecycle_events"),
        sa.Column("party", sa.String(length=20), nullable=False),
        sa.Column("term", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("stated_on", sa.Date(), nullable=False),
        sa.Column("stated_at", UTCTime(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("lifecycle_events")
    op.drop_table("condition_records")
    op.drop_table("stance_records")
