"""Evidence rows and the access-log chain, in the database.

``evidence_files`` holds one row per capture of a stored file (the same file captured twice with
different metadata has two rows and one file); ``access_log`` is a hash chain of its own, with
the ledger's entry layout (``ceasefire.core.ledger.chain``), of reads of restricted data. It is
appended under the same kind of lock as the ledger sequencer, so it stays gap-free.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Index,
    LargeBinary,
    Row,
    String,
    Table,
    Text,
    func,
    insert,
    select,
)

from ceasefire.core.custody import EvidenceMetadata, EvidenceRecord
from ceasefire.core.ledger.canonical import utc_text
from ceasefire.core.ledger.chain import GENESIS, entry_hash, pseudonym
from ceasefire.core.ledger.verify import StoredEntry
from ceasefire.store.ledger import BATCH, stored_bytes
from ceasefire.store.schema import metadata
from ceasefire.store.types import BigId, UTCTime

ACCESS_LOG_LOCK = 0x63656173_61636373
"""PostgreSQL advisory lock key of the access log (``b"ceasaccs"`` as a 64-bit integer)."""

evidence_files = Table(
    "evidence_files",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("url", Text, nullable=True),
    Column("captured_at", UTCTime, nullable=True),
    Column("collector", Text, nullable=True),
    Column("tool", Text, nullable=True),
    Column("original_name", Text, nullable=True),
    Column("restricted", Boolean, nullable=False),
    Column("stored_at", UTCTime, nullable=False),
    Column("stored_by", String(220), nullable=False),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("canonical", LargeBinary, nullable=False),
)
Index("ix_evidence_files_sha256", evidence_files.c.sha256)

access_log = Table(
    "access_log",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", UTCTime, nullable=False),
    Column("actor", String(220), nullable=False),
    Column("permission", String(80), nullable=False),
    Column("object_ref", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("previous_hash", String(64), nullable=False),
    Column("entry_hash", String(64), nullable=False),
    Column("canonical", LargeBinary, nullable=False),
)
"""``actor`` is the actor's reference (not a pseudonym: the log says who read what)."""
ACCESS_OBJECT_TYPE = "restricted_read"
"""The ``object_type`` of every access-log event (the event layout is the ledger's)."""

RECORD_COLUMNS = (
    "sha256",
    "size",
    "media_type",
    "url",
    "captured_at",
    "collector",
    "tool",
    "original_name",
    "restricted",
)
"""Columns that repeat what the canonical record says (checked against it by the verifier)."""


def find_record(connection: Connection, content_hash: str) -> EvidenceRecord | None:
    """The capture whose canonical record hashes to ``content_hash``, if stored."""
    row = connection.execute(
        select(evidence_files).where(evidence_files.c.content_hash == content_hash)
    ).first()
    return None if row is None else _record(row)


def insert_record(connection: Connection, record: EvidenceRecord, *, at: datetime, by: str) -> int:
    """Store a capture row; return its id."""
    meta = record.metadata
    return int(
        connection.execute(
            insert(evidence_files)
            .values(
                sha256=record.sha256,
                size=record.size,
                media_type=record.media_type,
                url=meta.url,
                captured_at=meta.captured_at,
                collector=meta.collector,
                tool=meta.tool,
                original_name=meta.original_name,
                restricted=meta.restricted,
                stored_at=at,
                stored_by=by,
                content_hash=record.content_hash,
                canonical=record.canonical,
            )
            .returning(evidence_files.c.id)
        ).scalar_one()
    )


def records_of(connection: Connection, sha256: str) -> list[EvidenceRecord]:
    """Every capture of the file ``sha256``, oldest first."""
    query = select(evidence_files).where(evidence_files.c.sha256 == sha256)
    return [_record(row) for row in connection.execute(query.order_by(evidence_files.c.id))]


def stored_digests(connection: Connection, digests: list[str]) -> set[str]:
    """Which of ``digests`` have at least one row."""
    found: set[str] = set()
    for start in range(0, len(digests), 500):
        part = digests[start : start + 500]
        query = select(evidence_files.c.sha256).where(evidence_files.c.sha256.in_(part))
        found.update(str(d) for d in connection.execute(query.distinct()).scalars())
    return found


def row_of(connection: Connection, row_id: int) -> dict[str, object] | None:
    """One evidence row as a dict of its columns (for the verifier), or ``None``."""
    row = connection.execute(select(evidence_files).where(evidence_files.c.id == row_id)).first()
    return None if row is None else dict(row._mapping)


def row_ids(connection: Connection) -> Iterator[tuple[int, str]]:
    """``(id, sha256)`` of every evidence row, by id."""
    query = select(evidence_files.c.id, evidence_files.c.sha256).order_by(evidence_files.c.id)
    for row in connection.execution_options(yield_per=BATCH).execute(query):
        yield int(row.id), str(row.sha256)


def _record(row: Row[tuple[object, ...]]) -> EvidenceRecord:
    captured_at: datetime | None = row.captured_at
    return EvidenceRecord(
        sha256=row.sha256,
        size=int(row.size),
        media_type=row.media_type,
        metadata=EvidenceMetadata(
            url=row.url,
            captured_at=captured_at,
            collector=row.collector,
            tool=row.tool,
            original_name=row.original_name,
            restricted=bool(row.restricted),
        ),
        canonical=stored_bytes(row.canonical),
        content_hash=row.content_hash,
        row_id=int(row.id),
        stored_at=row.stored_at,
        stored_by=row.stored_by,
    )


def lock_access_log(connection: Connection) -> None:
    """Serialise appenders: an advisory lock on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` writer
    transaction already holds the database write lock."""
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(ACCESS_LOG_LOCK)))


def append_access(
    connection: Connection,
    *,
    at: datetime,
    actor_ref: str,
    permission: str,
    object_ref: str,
    canonical: bytes,
    content_digest: bytes,
) -> int:
    """Chain one entry after the head (call after :func:`lock_access_log`); return its seq."""
    row = connection.execute(
        select(access_log.c.seq, access_log.c.entry_hash).order_by(access_log.c.seq.desc()).limit(1)
    ).first()
    seq, previous = (0, GENESIS) if row is None else (int(row.seq), bytes.fromhex(row.entry_hash))
    current = entry_hash(seq + 1, previous, content_digest)
    connection.execute(
        insert(access_log).values(
            seq=seq + 1,
            at=at,
            actor=actor_ref,
            permission=permission,
            object_ref=object_ref,
            content_hash=content_digest.hex(),
            previous_hash=previous.hex(),
            entry_hash=current.hex(),
            canonical=canonical,
        )
    )
    return seq + 1


def access_entries(connection: Connection) -> Iterator[StoredEntry]:
    """Every access-log entry in ``seq`` order, in the ledger's :class:`StoredEntry` shape (the
    actor column pseudonymised as the ledger's is, so the same checks apply)."""
    result = connection.execution_options(yield_per=BATCH).execute(
        select(access_log).order_by(access_log.c.seq)
    )
    for row in result:
        yield StoredEntry(
            seq=int(row.seq),
            previous_hash=row.previous_hash,
            entry_hash=row.entry_hash,
            content_hash=row.content_hash,
            canonical=stored_bytes(row.canonical),
            actor=pseudonym(str(row.actor)),
            action=row.permission,
            object_type=ACCESS_OBJECT_TYPE,
            object_ref=row.object_ref,
            recorded_at=utc_text(row.at),
        )


def access_rows(connection: Connection, limit: int | None = None) -> list[dict[str, object]]:
    """The newest ``limit`` entries (all when ``None``), oldest first, for listing."""
    query = select(
        access_log.c.seq,
        access_log.c.at,
        access_log.c.actor,
        access_log.c.permission,
        access_log.c.object_ref,
        access_log.c.entry_hash,
    ).order_by(access_log.c.seq.desc())
    if limit is not None:
        query = query.limit(limit)
    return [dict(row._mapping) for row in reversed(connection.execute(query).all())]
