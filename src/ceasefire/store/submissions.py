"""Storing observations filed one at a time (the API): many submissions, one transaction.

Each submission is stored exactly as ``ceasefire ingest`` stores a one-line JSON Lines file
named ``observation.jsonl`` (``on_invalid=reject``): its own row in ``imports`` (with its final
counts), the observation row (a revision of the current one when its natural key is known
with other content; nothing at all when the same content is already stored), the salts of its
restricted fields, and one ``observations.imported`` event in the outbox whose Merkle root
covers the one row — so the ledger and ``ceasefire ledger verify`` see no difference.

What differs is the work: several submissions (from any actors) share one transaction and a
handful of statements, whatever their number: one SELECT for known keys, one INSERT each into
``imports``, ``observations`` and the outbox (``RETURNING`` the new ids, so nothing is read
back), the salts, and on SQLite the R*Tree. Submissions that repeat a natural key of the same
transaction are stored in later rounds, in submission order, so the later one sees the earlier
one as stored (a duplicate or a revision), as two imports one after the other would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert

from ceasefire.core.actor import Actor
from ceasefire.core.ledger.commit import COMMIT_COLUMNS
from ceasefire.core.ledger.merkle import merkle_root
from ceasefire.core.observations.columns import STORED
from ceasefire.store.commitments import commit_observations
from ceasefire.store.observations import fill_rtree, insert_sql, placeholder
from ceasefire.store.schema import imports, outbox
from ceasefire.store.unit_of_work import outbox_entry

FILE_NAME = "observation.jsonl"
"""The file name a single submission is recorded under (as before: the API staged it so)."""
FORMAT = "jsonl"
ON_INVALID = "reject"
ROUND_ROWS = 500
"""At most this many submissions per statement (16 parameters each: far below the limits)."""


@dataclass(frozen=True)
class Submission:
    """One validated observation in canonical form, and who filed it."""

    actor: Actor
    line_sha256: str
    """SHA-256 of the record as one JSON line: the ``file_sha256`` of its import."""
    cells: dict[str, object]
    """The validated row's present values (``ObservationBatch.records``), key included."""
    key: str
    canonical: bytes
    content_hash: str
    row: int = 1
    """Its row number (the ``source_row``): 1, as the only line of its file."""

    @property
    def natural_key(self) -> tuple[str, str]:
        """``(source_name, key)``."""
        return str(self.cells["source_name"]), self.key

    def cell(self, name: str) -> object:
        """The stored value of column ``name`` (``None`` when absent)."""
        return self.cells.get(name)


@dataclass(frozen=True)
class Stored:
    """What became of one submission: its import (``None`` when nothing new was stored)."""

    import_id: int | None
    accepted: int = 0
    revised: int = 0
    duplicates: int = 0


def store_submissions(
    connection: Connection, now: datetime, submissions: Sequence[Submission]
) -> list[Stored]:
    """Store ``submissions`` inside the caller's transaction; one :class:`Stored` each."""
    results: list[Stored] = [Stored(None)] * len(submissions)
    for positions in _rounds(submissions):
        picked = [submissions[i] for i in positions]
        for i, outcome in zip(positions, _store_round(connection, now, picked), strict=True):
            results[i] = outcome
    return results


def _rounds(submissions: Sequence[Submission]) -> list[list[int]]:
    """Positions in rounds of distinct natural keys (a repeated key goes to a later round)."""
    rounds: list[list[int]] = []
    keys: list[set[tuple[str, str]]] = []
    for i, submission in enumerate(submissions):
        natural = submission.natural_key
        for members, seen in zip(rounds, keys, strict=True):
            if natural not in seen and len(members) < ROUND_ROWS:
                members.append(i)
                seen.add(natural)
                break
        else:
            rounds.append([i])
            keys.append({natural})
    return rounds


def _store_round(connection: Connection, now: datetime, round_: list[Submission]) -> list[Stored]:
    mark = placeholder(connection)
    where = " OR ".join([f"(source_name = {mark} AND key = {mark})"] * len(round_))
    known: set[tuple[str, str, str]] = set()
    heads: dict[tuple[str, str], tuple[int, int]] = {}
    for source, key, ident, revision, digest, current in connection.exec_driver_sql(
        "SELECT source_name, key, id, revision, content_hash, superseded_by IS NULL "
        f"FROM observations WHERE {where}",
        tuple(v for s in round_ for v in s.natural_key),
    ):
        known.add((source, key, digest))
        if current:
            heads[(source, key)] = (int(ident), int(revision))
    fresh = [s for s in round_ if (*s.natural_key, s.content_hash) not in known]
    if not fresh:
        return [Stored(None, duplicates=1)] * len(round_)
    import_ids = _insert_imports(connection, now, fresh, heads)
    rows: list[object] = []
    for submission, import_id in zip(fresh, import_ids, strict=True):
        head = heads.get(submission.natural_key)
        rows.extend(
            (
                import_id,
                submission.row,
                1 if head is None else head[1] + 1,
                None if head is None else head[0],
                submission.content_hash,
                submission.canonical,
                *(submission.cell(name) for name in STORED),
            )
        )
    sql = insert_sql(connection, rows=len(fresh), returning="id, import_id")
    by_import = {int(i): int(o) for o, i in connection.exec_driver_sql(sql, tuple(rows))}
    ids = [by_import[i] for i in import_ids]
    superseded = [
        (new, heads[s.natural_key][0])
        for s, new in zip(fresh, ids, strict=True)
        if s.natural_key in heads
    ]
    if superseded:
        connection.exec_driver_sql(
            f"UPDATE observations SET superseded_by = {mark} WHERE id = {mark}", superseded
        )
    fill_rtree(connection, min(ids) - 1)  # SQLite: one writer, so every id above is ours
    leaves = commit_observations(
        connection,
        import_id=0,
        floor=0,
        columns={n: [s.cell(n) for s in fresh] for n in COMMIT_COLUMNS},
        blobs=[s.canonical for s in fresh],
        hashes=[s.content_hash for s in fresh],
        ids=ids,
    )
    events = [
        _event(now, s, import_id, s.natural_key in heads, leaf)
        for s, import_id, leaf in zip(fresh, import_ids, leaves, strict=True)
    ]
    connection.execute(insert(outbox), events)
    stored = {id(s): (i, s.natural_key in heads) for s, i in zip(fresh, import_ids, strict=True)}
    results = []
    for submission in round_:
        found = stored.get(id(submission))
        if found is None:
            results.append(Stored(None, duplicates=1))
        else:
            results.append(Stored(found[0], accepted=int(not found[1]), revised=int(found[1])))
    return results


def _insert_imports(
    connection: Connection,
    now: datetime,
    fresh: list[Submission],
    heads: dict[tuple[str, str], tuple[int, int]],
) -> list[int]:
    """One ``imports`` row per submission, with its final counts; their ids, in order."""
    values = []
    for submission in fresh:
        revised = int(submission.natural_key in heads)
        values.append(
            {
                "file_name": FILE_NAME,
                "file_sha256": submission.line_sha256,
                "format": FORMAT,
                "kind": "observations",
                "actor": submission.actor.ref,
                "on_invalid": ON_INVALID,
                "received_at": now,
                "rows_read": 1,
                "accepted": 1 - revised,
                "revised": revised,
                "duplicates": 0,
                "quarantined": 0,
            }
        )
    statement = insert(imports).returning(imports.c.id, sort_by_parameter_order=True)
    return [int(row[0]) for row in connection.execute(statement, values)]


def _event(
    now: datetime, submission: Submission, import_id: int, revised: bool, leaf: bytes
) -> dict[str, object]:
    """The ``observations.imported`` event ``ceasefire ingest`` records for a one-row file."""
    return outbox_entry(
        submission.actor,
        now,
        "observations.imported",
        "import",
        f"import:{import_id}",
        {
            "file_name": FILE_NAME,
            "file_sha256": submission.line_sha256,
            "format": FORMAT,
            "on_invalid": ON_INVALID,
            "accepted": int(not revised),
            "revised": int(revised),
            "duplicates": 0,
            "quarantined": 0,
            "rows_merkle_root": merkle_root([leaf]).hex(),
            "rows_stored": 1,
        },
    )
