"""Users, roles, party scopes and API tokens ([4/6]).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Placeholder reserved for this change; filled in by the change itself."""


def downgrade() -> None:
    """Placeholder reserved for this change; filled in by the change itself."""
