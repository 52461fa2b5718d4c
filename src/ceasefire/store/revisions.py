"""Revisioned records: the one way claims, effort records and storage sites are written.

A row is identified by its natural key (e.g. ``key``, or ``source_name`` + ``key``); the same
content again (same SHA-256 of the canonical bytes) is a duplicate; new content under a known
key is a new revision linked to the previous one (``previous_id``), which stops being
``current``; the same key twice in one file with different content is a conflict for the
quarantine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    insert,
    select,
    update,
)

from ceasefire.core.errors import RowProblem
from ceasefire.store.types import BigId


def revisioned_columns(name: str) -> list[Column[object]]:
    """The columns every revisioned table has (``name`` is the table, for ``previous_id``)."""
    return [
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("import_id", BigId, ForeignKey("imports.id"), nullable=False),
        Column("source_row", Integer, nullable=False),
        Column("revision", Integer, nullable=False),
        Column("previous_id", BigId, ForeignKey(f"{name}.id"), nullable=True),
        Column("current", Boolean, nullable=False),
        Column("content_hash", String(64), nullable=False),
        Column("canonical", LargeBinary, nullable=False),
    ]


@dataclass
class WriteOutcome:
    """What happened to a batch of revisioned records."""

    accepted: int = 0
    revised: int = 0
    duplicates: int = 0
    conflicts: list[RowProblem] = field(default_factory=list)
    stored_hashes: list[bytes] = field(default_factory=list)


def write_revision(
    connection: Connection,
    table: Table,
    import_id: int,
    outcome: WriteOutcome,
    *,
    natural: Mapping[str, str],
    row: int,
    data: bytes,
    digest: str,
    values: Mapping[str, object],
) -> int | None:
    """Insert one revisioned row; return its id, or ``None`` for a duplicate or a conflict."""
    if connection.execute(select(table.c.id).where(table.c.content_hash == digest)).first():
        outcome.duplicates += 1
        return None
    head = connection.execute(
        select(table.c.id, table.c.revision, table.c.import_id).where(
            *(table.c[name] == value for name, value in natural.items()),
            table.c.current.is_(True),
        )
    ).first()
    if head is not None and head.import_id == import_id:
        shown = ", ".join(natural.values())
        outcome.conflicts.append(
            RowProblem(row, "key", f"{shown} appears again in this file with different content")
        )
        return None
    if head is not None:
        connection.execute(update(table).where(table.c.id == head.id).values(current=False))
        outcome.revised += 1
    else:
        outcome.accepted += 1
    new_id = connection.execute(
        insert(table)
        .values(
            import_id=import_id,
            source_row=row,
            revision=1 if head is None else head.revision + 1,
            previous_id=None if head is None else head.id,
            current=True,
            content_hash=digest,
            canonical=data,
            **natural,
            **values,
        )
        .returning(table.c.id)
    ).scalar_one()
    outcome.stored_hashes.append(bytes.fromhex(digest))
    return int(new_id)
