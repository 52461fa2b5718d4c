"""Salted commitments: per-row salts of restricted fields and the mission secret ([4/6]).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``row_salts`` and ``ledger_secrets``."""
    op.create_table(
        "row_salts",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("salts", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id", name=op.f("pk_row_salts")),
    )
    op.create_table(
        "ledger_secrets",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_ledger_secrets")),
    )


def downgrade() -> None:
    """Drop ``ledger_secrets`` and ``row_salts``."""
    op.drop_table("ledger_secrets")
    op.drop_table("row_salts")
