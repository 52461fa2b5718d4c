"""Every version of every incident and finding, as each run wrote it (append-only).

Incidents and findings are rows updated in place: a later run gives an incident a new version
and overwrites the row. ``run_versions`` keeps each version's canonical bytes and hash, keyed
by ``(kind, object_id, version)``, with the run that wrote it, so a run's ledger entry can commit
to a Merkle root over exactly what it wrote (``workflows.ledger_runs``) and ``ledger verify``
can re-check that root long after the rows moved on. Rows are inserted, never updated.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    UniqueConstraint,
    insert,
)

from ceasefire.store.schema import metadata
from ceasefire.store.types import BigId

run_versions = Table(
    "run_versions",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("kind", String(12), nullable=False),
    Column("object_id", String(20), nullable=False),
    Column("version", Integer, nullable=False),
    Column("run_id", BigInteger, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("canonical", LargeBinary, nullable=False),
    UniqueConstraint("kind", "object_id", "version"),
)
"""``kind`` is ``incident`` (``run_id``: a verification run) or ``finding`` (an evaluation
run); ``object_id`` the public ID (``INC-…`` / ``FND-…``)."""
Index("ix_run_versions_kind_run_id", run_versions.c.kind, run_versions.c.run_id)


class Version(NamedTuple):
    """One version a run wrote."""

    object_id: str
    version: int
    content_hash: str
    canonical: bytes


def save_versions(
    connection: Connection, kind: str, run_id: int, versions: Iterable[Version]
) -> None:
    """Append the versions a run wrote (in the run's transaction)."""
    rows = [
        {
            "kind": kind,
            "object_id": v.object_id,
            "version": v.version,
            "run_id": run_id,
            "content_hash": v.content_hash,
            "canonical": v.canonical,
        }
        for v in versions
    ]
    if rows:
        connection.execute(insert(run_versions), rows)
