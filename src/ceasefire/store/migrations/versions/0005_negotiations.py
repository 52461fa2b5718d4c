"""Stances, conditions and lifecycle events ([6/6]).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Placeholder reserved for this change; filled in by the change itself."""


def downgrade() -> None:
    """Placeholder reserved for this change; filled in by the change itself."""
