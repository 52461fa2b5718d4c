"""Compliance extras: regrouping and rearming, as-of ([3/6]).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Placeholder reserved for this change; filled in by the change itself."""


def downgrade() -> None:
    """Placeholder reserved for this change; filled in by the change itself."""
