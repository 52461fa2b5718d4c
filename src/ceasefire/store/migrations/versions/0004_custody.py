"""Evidence custody (content-addressed files) and the access-log chain ([4/6]).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Placeholder reserved for this change; filled in by the change itself."""


def downgrade() -> None:
    """Placeholder reserved for this change; filled in by the change itself."""
