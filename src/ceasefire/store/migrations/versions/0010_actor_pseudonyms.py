"""Actor pseudonyms in decisions and adjudication events ([4/6]).

From this revision on, the canonical bytes of a decision and of an adjudication event carry the
actor's keyed pseudonym (the ledger's, ``core.ledger.chain.keyed_pseudonym``) and role, and a
joint commission's dissenting members as pseudonyms; who acted is kept in the restricted
``actor_user`` column (and the members' names in ``dissent_members``, a JSON list), outside the
bytes the ledger commits to.

Existing rows are left as they are: their bytes name the actor, they keep verifying, and the new
columns stay NULL for them (``ledger verify`` and the bundle exporter tell the two forms apart).

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the restricted ``actor_user`` (and ``dissent_members``) columns."""
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("actor_user", sa.String(length=220), nullable=True))
    with op.batch_alter_table("adjudication_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("actor_user", sa.String(length=220), nullable=True))
        batch_op.add_column(sa.Column("dissent_members", sa.Text(), nullable=True))


def downgrade() -> None:
    """Drop the restricted columns (rows written since keep their pseudonymous bytes)."""
    with op.batch_alter_table("adjudication_events", schema=None) as batch_op:
        batch_op.drop_column("dissent_members")
        batch_op.drop_column("actor_user")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_column("actor_user")
