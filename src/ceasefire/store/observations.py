"""Writing observation batches and reading them back, on SQLite and PostgreSQL.

Writes are set-based: a chunk's natural keys and hashes go into a temporary table, one join on
the ``(source_name, key, revision)`` index finds duplicates (same key, same hash) and current
revisions, one ``executemany`` inserts the new rows, and only revisions update a row (the
``superseded_by`` of the revision they replace). Nothing loops over rows in SQL round trips.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import repeat
from typing import Any

import numpy as np
from sqlalchemy import ColumnElement, Connection, Select, and_, func, select

from ceasefire.core.errors import RowProblem
from ceasefire.core.ledger.commit import COMMIT_COLUMNS
from ceasefire.core.observations.columns import STORED
from ceasefire.core.observations.parse import ObservationBatch
from ceasefire.store.commitments import commit_observations
from ceasefire.store.schema import observations
from ceasefire.store.spatial import within_bbox

_INCOMING_DDL = (
    "CREATE TEMPORARY TABLE IF NOT EXISTS cf_incoming "
    "(pos INTEGER NOT NULL, source_name TEXT NOT NULL, key TEXT NOT NULL, "
    "content_hash VARCHAR(64) NOT NULL)"
)


@dataclass
class ChunkOutcome:
    """What happened to each row of a chunk."""

    accepted: int = 0
    revised: int = 0
    duplicates: int = 0
    conflicts: list[tuple[int, RowProblem]] = field(default_factory=list)
    """(position in chunk, problem): same key twice in one file with different content."""
    stored_hashes: list[bytes] = field(default_factory=list)


def placeholder(connection: Connection) -> str:
    """The driver's parameter mark (``?`` on SQLite, ``%s`` on psycopg)."""
    return "?" if connection.dialect.paramstyle == "qmark" else "%s"


INSERTED = ("import_id", "source_row", "revision", "previous_id", "content_hash", "canonical",
            *STORED)  # fmt: skip
"""The columns an INSERT of observation rows fills, in parameter order."""


def insert_sql(connection: Connection, rows: int = 1, returning: str = "") -> str:
    """The INSERT of observation rows: one row per execution (for ``executemany``), or
    ``rows`` rows in one VALUES list, optionally with ``RETURNING returning``."""
    quote = connection.dialect.identifier_preparer.quote
    marks = "(" + ", ".join([placeholder(connection)] * len(INSERTED)) + ")"
    tail = f" RETURNING {returning}" if returning else ""
    return (
        f"INSERT INTO observations ({', '.join(quote(n) for n in INSERTED)}) "
        f"VALUES {', '.join([marks] * rows)}{tail}"
    )


def write_chunk(
    connection: Connection,
    import_id: int,
    *,
    batch: ObservationBatch,
    keys: Sequence[str],
    blobs: Sequence[bytes],
    hashes: Sequence[str],
) -> ChunkOutcome:
    """Store the new rows of a canonicalised batch; classify the rest."""
    outcome = ChunkOutcome()
    size = batch.size
    if size == 0:
        return outcome
    sources = batch.columns["source_name"]
    mark = placeholder(connection)
    connection.exec_driver_sql(_INCOMING_DDL)
    connection.exec_driver_sql("DELETE FROM cf_incoming")
    connection.exec_driver_sql(
        f"INSERT INTO cf_incoming VALUES ({mark}, {mark}, {mark}, {mark})",
        list(zip(range(size), sources.tolist(), keys, hashes, strict=True)),
    )
    known: set[int] = set()
    heads: dict[int, tuple[int, int, int]] = {}
    for pos, ident, revision_no, imported, same, current in connection.exec_driver_sql(
        "SELECT i.pos, o.id, o.revision, o.import_id, o.content_hash = i.content_hash, "
        "o.superseded_by IS NULL FROM cf_incoming i JOIN observations o "
        "ON o.source_name = i.source_name AND o.key = i.key"
    ):
        if same:
            known.add(pos)
        if current:
            heads[pos] = (ident, revision_no, imported)
    revision = np.ones(size, dtype=np.int64)
    previous: list[int | None] = [None] * size
    if not known and not heads and _all_distinct(hashes, sources.tolist(), keys):
        # The common first import: nothing known, nothing repeated; every row is new.
        store = np.ones(size, dtype=bool)
        outcome.accepted = size
    else:
        store = _classify(batch, keys, hashes, known, heads, import_id, outcome, revision, previous)
    floor = connection.execute(select(func.coalesce(func.max(observations.c.id), 0))).scalar_one()
    picked = np.flatnonzero(store)
    if picked.size == 0:
        return outcome
    everything = picked.size == size

    def cells(values: Sequence[Any] | np.ndarray | None) -> Sequence[Any]:
        if values is None:
            return repeat(None, int(picked.size))  # type: ignore[return-value]
        if everything:
            return values.tolist() if isinstance(values, np.ndarray) else values
        if isinstance(values, np.ndarray):
            return values[picked].tolist()  # type: ignore[no-any-return]
        return [values[i] for i in picked.tolist()]

    stored_hashes = cells(hashes)
    params = zip(
        repeat(import_id),
        cells(batch.rows),
        cells(revision),
        cells(np.asarray(previous, dtype=object)),
        stored_hashes,
        cells(blobs),
        *(cells(batch.columns.get(n)) for n in STORED),
    )
    connection.exec_driver_sql(insert_sql(connection), list(params))
    if outcome.revised:
        _supersede(connection, import_id, int(floor))
    fill_rtree(connection, int(floor))
    outcome.stored_hashes = commit_observations(  # Merkle leaves: committed forms' hashes
        connection,
        import_id=import_id,
        floor=int(floor),
        columns={n: cells(batch.columns[n]) for n in COMMIT_COLUMNS if n in batch.columns},
        blobs=cells(blobs),
        hashes=stored_hashes,
    )
    return outcome


def _all_distinct(hashes: Sequence[str], sources: list[str], keys: Sequence[str]) -> bool:
    return len(set(hashes)) == len(hashes) and len(set(zip(sources, keys, strict=True))) == len(
        hashes
    )


def _classify(  # noqa: PLR0917 - one private step of write_chunk, called once
    batch: ObservationBatch,
    keys: Sequence[str],
    hashes: Sequence[str],
    known: set[int],
    heads: dict[int, tuple[int, int, int]],
    import_id: int,
    outcome: ChunkOutcome,
    revision: np.ndarray,
    previous: list[int | None],
) -> np.ndarray:
    """Row by row: duplicates, in-file key conflicts, revisions and new rows (which to store)."""
    size = batch.size
    sources = batch.columns["source_name"]
    seen_hash: set[str] = set()
    seen_key: dict[tuple[str, str], int] = {}
    store = np.zeros(size, dtype=bool)
    rows = batch.rows
    for i in range(size):
        digest = hashes[i]
        if i in known or digest in seen_hash:
            outcome.duplicates += 1
            continue
        natural = (sources[i], keys[i])
        head = heads.get(i)
        first = seen_key.get(natural)
        if first is not None or (head is not None and head[2] == import_id):
            where = f"row {first}" if first is not None else "an earlier row"
            outcome.conflicts.append(
                (
                    i,
                    RowProblem(
                        int(rows[i]),
                        "key",
                        f"key {keys[i]!r} of {sources[i]!r} appears again in "
                        f"this file ({where}) with different content",
                    ),
                )
            )
            continue
        seen_hash.add(digest)
        seen_key[natural] = int(rows[i])
        store[i] = True
        if head is not None:
            revision[i] = head[1] + 1
            previous[i] = head[0]
            outcome.revised += 1
        else:
            outcome.accepted += 1
    return store


def fill_rtree(connection: Connection, floor: int) -> None:
    """Index observations with ids above ``floor`` in SQLite's R*Tree (set-based, one statement).

    Databases made before the writer filled the R*Tree have an insert trigger doing it; then
    this does nothing. PostgreSQL's generated ``geog`` column needs nothing.
    """
    if connection.dialect.name != "sqlite":
        return
    trigger = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'observation_rtree_insert'"
    ).first()
    if trigger is not None:
        return
    connection.exec_driver_sql(
        "INSERT INTO observation_rtree SELECT id, "
        "COALESCE(lon, observer_lon) / 1e6, COALESCE(lon, observer_lon) / 1e6, "
        "COALESCE(lat, observer_lat) / 1e6, COALESCE(lat, observer_lat) / 1e6 "
        "FROM observations WHERE id > ? AND COALESCE(lat, observer_lat) IS NOT NULL",
        (floor,),
    )


def _supersede(connection: Connection, import_id: int, floor: int) -> None:
    """Point each revised head at the revision stored above ``floor`` that replaces it."""
    mark = placeholder(connection)
    replaced = connection.exec_driver_sql(
        f"SELECT id, previous_id FROM observations WHERE id > {mark} AND import_id = {mark} "
        "AND previous_id IS NOT NULL",
        (floor, import_id),
    ).all()
    connection.exec_driver_sql(
        f"UPDATE observations SET superseded_by = {mark} WHERE id = {mark}",
        [(new, old) for new, old in replaced],
    )


def drop_incoming(connection: Connection) -> None:
    """Drop the per-transaction scratch table."""
    connection.exec_driver_sql("DROP TABLE IF EXISTS cf_incoming")


@dataclass(frozen=True)
class ObservationFilter:
    """Filters of ``ceasefire observations list``; all optional, combined with AND."""

    start: datetime | None = None
    end: datetime | None = None
    bbox: tuple[float, float, float, float] | None = None
    acts: tuple[str, ...] = ()
    source: str | None = None
    current_only: bool = True
    limit: int | None = None


def select_observations(connection: Connection, where: ObservationFilter) -> Select[Any]:
    """A SELECT of observation rows: id, revision, content_hash and the canonical bytes."""
    o = observations
    query = select(o.c.id, o.c.revision, o.c.content_hash, o.c.canonical)
    conditions: list[ColumnElement[bool]] = []
    if where.current_only:
        conditions.append(o.c.superseded_by.is_(None))
    if where.start is not None:
        conditions.append(o.c.end >= where.start)
    if where.end is not None:
        conditions.append(o.c.start < where.end)
    if where.acts:
        acts = [o.c.act == a for a in where.acts] + [o.c.act.like(f"{a}.%") for a in where.acts]
        from sqlalchemy import or_

        conditions.append(or_(*acts))
    if where.source:
        conditions.append(o.c.source_name == where.source)
    if where.bbox is not None:
        conditions.append(within_bbox(connection.dialect.name, where.bbox))
    if conditions:
        query = query.where(and_(*conditions))
    query = query.order_by(o.c.start, o.c.id)
    if where.limit is not None:
        query = query.limit(where.limit)
    return query
