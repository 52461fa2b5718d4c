"""The ledger tables, the sequencer's transaction, and the reads the verifier needs.

``ledger`` holds gap-free entries chained from the outbox (see ``ceasefire.core.ledger.chain``);
``ledger_checkpoints`` holds signed heads. The sequencer appends under a lock so two callers
never create a gap or a fork: on SQLite the writer's ``BEGIN IMMEDIATE`` already serialises
writers; on PostgreSQL a transaction-scoped advisory lock does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Index,
    LargeBinary,
    String,
    Table,
    Text,
    and_,
    func,
    insert,
    select,
    update,
)

from ceasefire.core.errors import StoreError
from ceasefire.core.ledger.canonical import utc_text
from ceasefire.core.ledger.chain import GENESIS, chain, keyed_pseudonym, ledger_event
from ceasefire.core.ledger.checkpoint import Checkpoint
from ceasefire.core.ledger.commit import CommitmentError, committed_form, split_salts
from ceasefire.core.ledger.verify import StoredEntry
from ceasefire.store.commitments import mission_secret, row_salts
from ceasefire.store.schema import metadata, outbox
from ceasefire.store.types import BigId, UTCTime

SEQUENCER_LOCK = 0x63656173_6C656467
"""PostgreSQL advisory lock key of the sequencer (``b"ceasledg"`` as a 64-bit integer)."""
BATCH = 5_000

ledger = Table(
    "ledger",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("outbox_id", BigId, nullable=False, unique=True),
    Column("recorded_at", UTCTime, nullable=False),
    Column("actor", String(20), nullable=False),
    Column("action", String(80), nullable=False),
    Column("object_type", String(40), nullable=False),
    Column("object_ref", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("previous_hash", String(64), nullable=False),
    Column("entry_hash", String(64), nullable=False),
    Column("canonical", LargeBinary, nullable=False),
)
"""``actor`` and the event's ``actor`` member are the keyed pseudonym
(``core.ledger.chain.keyed_pseudonym``); the outbox keeps the actor's reference."""
Index("ix_ledger_object_ref", ledger.c.object_ref)

ledger_checkpoints = Table(
    "ledger_checkpoints",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("size", BigInteger, nullable=False),
    Column("head_hash", String(64), nullable=False),
    Column("signed_at", UTCTime, nullable=False),
    Column("key_id", String(64), nullable=False),
    Column("public_key", String(64), nullable=False),
    Column("signature", String(128), nullable=False),
)


def lock_sequencer(connection: Connection) -> None:
    """Serialise sequencers: PostgreSQL takes an advisory lock until commit; SQLite's writer
    transaction (``BEGIN IMMEDIATE``) already holds the database write lock."""
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(SEQUENCER_LOCK)))


def head(connection: Connection) -> tuple[int, bytes]:
    """``(size, entry hash of the last entry)``; ``(0, GENESIS)`` for an empty ledger."""
    row = connection.execute(
        select(ledger.c.seq, ledger.c.entry_hash).order_by(ledger.c.seq.desc()).limit(1)
    ).first()
    return (0, GENESIS) if row is None else (int(row.seq), bytes.fromhex(row.entry_hash))


def append_pending(connection: Connection) -> int:
    """Chain every outbox entry not yet sequenced, in outbox-id order; return how many.

    Call inside a write transaction after :func:`lock_sequencer`. An outbox entry whose bytes
    do not hash to its ``content_hash`` stops the sequencer: the outbox was altered.
    """
    size, previous = head(connection)
    added = 0
    while True:
        pending = connection.execute(
            select(outbox).where(outbox.c.sequenced.is_(False)).order_by(outbox.c.id).limit(BATCH)
        ).all()
        if not pending:
            return added
        secret = mission_secret(connection)
        digests = []
        events = []
        for row in pending:
            raw = bytes(row.canonical)
            if hashlib.sha256(raw).hexdigest() != row.content_hash:
                raise StoreError(
                    f"outbox entry {row.id}: its bytes do not hash to its content_hash; "
                    "the outbox was altered, nothing was sequenced"
                )
            event = ledger_event(raw, secret, row.actor)
            events.append(event)
            digests.append(hashlib.sha256(event).digest())
        links = list(chain(size, previous, digests))
        connection.execute(
            insert(ledger),
            [
                {
                    "seq": link.seq,
                    "outbox_id": row.id,
                    "recorded_at": row.recorded_at,
                    "actor": keyed_pseudonym(secret, row.actor),
                    "action": row.action,
                    "object_type": row.object_type,
                    "object_ref": row.object_ref,
                    "content_hash": link.content_hash.hex(),
                    "previous_hash": link.previous_hash.hex(),
                    "entry_hash": link.entry_hash.hex(),
                    "canonical": event,
                }
                for link, row, event in zip(links, pending, events, strict=True)
            ],
        )
        ids = [row.id for row in pending]
        connection.execute(update(outbox).where(outbox.c.id.in_(ids)).values(sequenced=True))
        size, previous = links[-1].seq, links[-1].entry_hash
        added += len(links)


def pending_count(connection: Connection) -> int:
    """Outbox entries written but not yet chained."""
    return int(
        connection.execute(
            select(func.count()).select_from(outbox).where(outbox.c.sequenced.is_(False))
        ).scalar_one()
    )


def pending_refs(connection: Connection) -> set[str]:
    """Object references of outbox entries not yet chained (their rows are not checked yet)."""
    return set(pending_entries(connection))


def pending_entries(connection: Connection) -> list[str]:
    """The object reference of each outbox entry not yet chained, in outbox order (one read of
    the outbox gives both :func:`pending_count` and :func:`pending_refs`)."""
    query = select(outbox.c.object_ref).where(outbox.c.sequenced.is_(False)).order_by(outbox.c.id)
    return [str(ref) for ref in connection.execute(query).scalars()]


def entries(connection: Connection) -> Iterator[StoredEntry]:
    """Every entry in ``seq`` order, streamed."""
    result = connection.execute(
        (select(ledger).order_by(ledger.c.seq)).execution_options(yield_per=BATCH)
    )
    for row in result:
        yield StoredEntry(
            seq=int(row.seq),
            previous_hash=row.previous_hash,
            entry_hash=row.entry_hash,
            content_hash=row.content_hash,
            canonical=stored_bytes(row.canonical),
            actor=row.actor,
            action=row.action,
            object_type=row.object_type,
            object_ref=row.object_ref,
            recorded_at=utc_text(row.recorded_at),
        )


def save_checkpoint(connection: Connection, checkpoint: Checkpoint) -> int:
    """Store a signed head; return its id."""
    return int(
        connection.execute(
            insert(ledger_checkpoints)
            .values(
                size=checkpoint.size,
                head_hash=checkpoint.head_hash.hex(),
                signed_at=checkpoint.signed_at,
                key_id=checkpoint.key_id,
                public_key=checkpoint.public_key.hex(),
                signature=checkpoint.signature.hex(),
            )
            .returning(ledger_checkpoints.c.id)
        ).scalar_one()
    )


def stored_checkpoints(connection: Connection) -> list[tuple[int, Checkpoint]]:
    """``(id, checkpoint)`` of every stored checkpoint, oldest first."""
    found = []
    for row in connection.execute(select(ledger_checkpoints).order_by(ledger_checkpoints.c.id)):
        signed_at: datetime = row.signed_at
        found.append(
            (
                int(row.id),
                Checkpoint(
                    size=int(row.size),
                    head_hash=_raw(row.head_hash),
                    signed_at=signed_at,
                    public_key=_raw(row.public_key),
                    signature=_raw(row.signature),
                ),
            )
        )
    return found


def _raw(text: str) -> bytes:
    try:
        return bytes.fromhex(text)
    except ValueError:
        return b""


def stored_bytes(value: object) -> bytes:
    """A stored BLOB as bytes, whatever a hand edit made of it (SQLite may hold TEXT or NULL
    there after tampering): the verifier then reports the row instead of failing."""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    if value is None:
        return b""
    return str(value).encode("utf-8", "surrogateescape")


def rows_of(
    connection: Connection, table: Table, column: str, value: object
) -> Iterator[tuple[str, str, bytes]]:
    """``("TABLE row ID", content_hash, canonical)`` of the rows where ``column = value``, by id."""
    result = connection.execute(
        (
            select(table.c.id, table.c.content_hash, table.c.canonical)
            .where(table.c[column] == value)
            .order_by(table.c.id)
        ).execution_options(yield_per=BATCH)
    )
    for row in result:
        yield f"{table.name} row {row.id}", str(row.content_hash), stored_bytes(row.canonical)


def distinct_values(connection: Connection, table: Table, column: str) -> dict[object, int]:
    """Each distinct value of ``table.column`` with the smallest row id holding it."""
    query = select(table.c[column], func.min(table.c.id)).group_by(table.c[column])
    return {value: int(first) for value, first in connection.execute(query)}


def first_row(
    connection: Connection, table: Table, where: dict[str, object], columns: Sequence[str]
) -> dict[str, object] | None:
    """The first row (by id) of ``table`` matching ``where``, as a dict of ``columns``."""
    row = connection.execute(
        select(*(table.c[name] for name in columns))
        .where(*(table.c[name] == value for name, value in where.items()))
        .order_by(table.c.id)
        .limit(1)
    ).first()
    return None if row is None else dict(row._mapping)


def committed_rows_of(
    connection: Connection, table: Table, column: str, value: object
) -> Iterator[tuple[str, str, bytes, bytes | None]]:
    """Like :func:`rows_of`, with each row's committed form (``None`` when it has no salts, so
    the committed form is the canonical bytes); a row whose salts do not fit gets ``b""``."""
    joined = table.outerjoin(
        row_salts, and_(row_salts.c.table_name == table.name, row_salts.c.row_id == table.c.id)
    )
    result = connection.execute(
        (
            select(
                table.c.id,
                table.c.content_hash,
                table.c.canonical,
                row_salts.c.fields,
                row_salts.c.salts,
            )
            .select_from(joined)
            .where(table.c[column] == value)
            .order_by(table.c.id)
        ).execution_options(yield_per=BATCH)
    )
    for row in result:
        canonical = stored_bytes(row.canonical)
        committed: bytes | None = None
        if row.fields is not None:
            try:
                committed = committed_form(
                    canonical, split_salts(str(row.fields), stored_bytes(row.salts))
                )
            except CommitmentError:
                committed = b""
        yield f"{table.name} row {row.id}", str(row.content_hash), canonical, committed
