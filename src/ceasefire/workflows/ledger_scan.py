"""The fast half of ``ledger verify``: the chain, the convenience columns, and the rows of the
high-volume entry kinds (decisions, adjudication events), checked in batches.

On SQLite, one pass over the ledger in ``seq`` order does all of it
(:func:`~ceasefire.workflows.ledger_batched.joined_query`): each entry comes with its
``decisions`` row (a ``decision`` entry) and a stored-hash string that the database leaves NULL
when the convenience columns differ from the hashed event or the row's ``content_hash`` differs
from what the event committed to; :meth:`~ceasefire.core.ledger.fast_verify.ChainScan.
check_joined` then re-hashes the chain and every row's bytes a chunk at a time. A chunk that
does not match is walked entry by entry (``ChainWalk`` for the chain and the columns,
``check_entry_rows`` for its decisions), which names the first bad entry or row.

Elsewhere (and on SQLite when some entry's bytes are not JSON) the passes are separate:

* The chain streams ``(previous‖entry‖content hex, event bytes)`` in ``seq`` order and checks a
  chunk at a time (:class:`~ceasefire.core.ledger.fast_verify.ChainScan`); a chunk that does not
  match is walked entry by entry with ``ChainWalk``. When the stored sequence numbers are not
  exactly 1…N the whole chain is walked that way.
* The convenience columns are compared with the hashed event set-based on SQLite (JSON1
  functions pick out candidates, Python judges each candidate); on other databases in Python.
* ``decision`` entries are joined to their ``decisions`` row in one query, and ``finding``
  (adjudication) entries to the finding's adjudication events in order: each row's bytes must
  hash to its ``content_hash`` and to what the entry committed to.
* Entries of every other kind are parsed and returned, for ``ledger_rows.check_entry_rows``.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Connection, Integer, and_, case, func, select
from sqlalchemy import cast as sql_cast

from ceasefire.core.ledger.canonical import utc_text
from ceasefire.core.ledger.fast_verify import ChainScan, column_problems
from ceasefire.core.ledger.verify import ChainWalk, Problem, StoredEntry
from ceasefire.store import ledger as ledger_store
from ceasefire.store.batches import batches
from ceasefire.store.ledger import ledger
from ceasefire.workflows.ledger_batched import adjudication_rows, decision_rows, joined_query
from ceasefire.workflows.ledger_rows import RowCoverage, check_entry_rows

CHUNK = 20_000
BATCHED = ("decision", "finding")
"""Entry kinds whose rows are checked in batches here, not entry by entry."""
COLUMNS = ("action", "object_type", "object_ref", "recorded_at", "actor")


@dataclass
class ChainOutcome:
    """What the scan found: problems, the recomputed head and the events to check one by one."""

    size: int = 0
    head: bytes = b""
    hashes_at: dict[int, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    events: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    rows_checked: int = 0


def scan_ledger(
    connection: Connection, wanted: Collection[int], coverage: RowCoverage
) -> ChainOutcome:
    """Check the chain, the columns and the batched kinds' rows (see the module docstring)."""
    outcome = ChainOutcome()
    count, low, high = connection.execute(
        select(func.count(), func.min(ledger.c.seq), func.max(ledger.c.seq))
    ).one()
    consecutive = count == 0 or (low == 1 and high == count)
    if consecutive and connection.dialect.name == "sqlite":
        try:
            return _one_pass(connection, wanted, coverage)
        except connection.dialect.loaded_dbapi.Error:  # JSON1 refuses bytes that are not JSON
            pass  # the separate passes below name that entry
    if consecutive:
        walked = _fast_chain(connection, wanted, outcome)
        outcome.problems += _column_problems(connection, walked)
    else:  # gaps or reordering: name them entry by entry
        walk = ChainWalk()
        for entry in ledger_store.entries(connection):
            outcome.problems += walk.check(entry)[0]
            if walk.size in wanted:
                outcome.hashes_at[walk.size] = walk.head
        outcome.size, outcome.head = walk.size, walk.head
    outcome.events = list(_events(connection))
    for check in (decision_rows, adjudication_rows):
        found, read = check(connection, coverage)
        outcome.problems += found
        outcome.rows_checked += read
    return outcome


def _one_pass(
    connection: Connection, wanted: Collection[int], coverage: RowCoverage
) -> ChainOutcome:
    """SQLite: the chain, the columns and the decisions rows in one pass (module docstring)."""
    outcome = ChainOutcome()
    scan = ChainScan()
    others: list[tuple[int, bytes]] = []  # entries with no joined row, parsed after the pass
    walked: list[tuple[int, dict[str, Any]]] = []  # events of the chunks walked one by one
    decided: set[int | None] = set()
    for rows in batches(connection, joined_query(), CHUNK):
        first = scan.size + 1
        if scan.check_joined(rows, wanted):
            decided.update(map(itemgetter(3), rows))
            alone = list(map(itemgetter(2), rows)).count(None)  # entries with no joined row
            if alone:
                others += [(first + n, row[1]) for n, row in enumerate(rows) if row[2] is None]
            outcome.rows_checked += len(rows) - alone
            continue
        walk = ChainWalk()
        walk.size, walk.head = scan.size, scan.head
        for entry in _entries(connection, first, scan.size + len(rows)):
            found, event = walk.check(entry)
            outcome.problems += found
            if walk.size in wanted:
                scan.heads_at[walk.size] = walk.head
            if event is not None:
                walked.append((entry.seq, event))
        scan.size, scan.head = walk.size, walk.head
    decided.discard(None)  # entries of other kinds
    coverage.decisions |= cast(set[int], decided)
    outcome.size, outcome.head, outcome.hashes_at = scan.size, scan.head, scan.heads_at
    parsed = ((seq, _event(ledger_store.stored_bytes(data))) for seq, data in others)
    events = sorted([*((seq, e) for seq, e in parsed if e is not None), *walked], key=_seq)
    findings: list[tuple[int, str, str]] = []
    for seq, event in events:
        kind = event.get("object_type")
        if kind == "decision":  # walked, or no row to join: checked one by one
            found, read = check_entry_rows(connection, seq, event, coverage)
            outcome.problems += found
            outcome.rows_checked += read
        elif kind == "finding":
            findings.append((seq, str(event.get("object_ref")), _committed(event)))
        else:
            outcome.events.append((seq, event))
    found, read = adjudication_rows(connection, coverage, entries=findings)
    outcome.problems += found
    outcome.rows_checked += read
    return outcome


_seq = itemgetter(0)


def _committed(event: dict[str, Any]) -> str:
    content = event.get("content")
    value = content.get("adjudication_event_sha256") if isinstance(content, dict) else None
    return value if isinstance(value, str) else ""


def _fast_chain(
    connection: Connection, wanted: Collection[int], outcome: ChainOutcome
) -> list[tuple[int, int]]:
    """Check the chain chunk by chunk; return the ``(first, last)`` seq ranges walked slowly."""
    scan = ChainScan()
    walked: list[tuple[int, int]] = []
    hashes = ledger.c.previous_hash + ledger.c.entry_hash + ledger.c.content_hash
    query = select(hashes, ledger.c.canonical).order_by(ledger.c.seq)
    for rows in batches(connection, query, CHUNK):
        if scan.check(rows, wanted):
            continue
        first, last = scan.size + 1, scan.size + len(rows)
        walk = ChainWalk()
        walk.size, walk.head = scan.size, scan.head
        for entry in _entries(connection, first, last):
            found, _ = walk.check(entry)
            outcome.problems += found
            if walk.size in wanted:
                scan.heads_at[walk.size] = walk.head
        scan.size, scan.head = walk.size, walk.head
        walked.append((first, last))
    outcome.size, outcome.head, outcome.hashes_at = scan.size, scan.head, scan.heads_at
    return walked


def _entries(connection: Connection, first: int, last: int) -> Iterator[StoredEntry]:
    query = select(ledger).where(ledger.c.seq.between(first, last)).order_by(ledger.c.seq)
    for row in connection.execute(query):
        yield _stored(row)


def _column_problems(connection: Connection, walked: list[tuple[int, int]]) -> list[Problem]:
    """Convenience columns that differ from the hashed event (entries not walked already)."""
    problems: list[Problem] = []
    for entry in _column_candidates(connection):
        if any(first <= entry.seq <= last for first, last in walked):
            continue
        shown = {name: str(getattr(entry, name)) for name in COLUMNS}
        problems += column_problems(entry.seq, shown, _event(entry.canonical))
    return problems


def _column_candidates(connection: Connection) -> Iterator[StoredEntry]:
    """Entries whose columns may differ from their event: on SQLite those the JSON1 functions
    flag (a superset: an old entry's actor column is a pseudonym of the event's actor); on
    other databases every entry."""
    if connection.dialect.name != "sqlite":
        query = select(ledger).order_by(ledger.c.seq)
        for row in connection.execute(query.execution_options(yield_per=CHUNK)):
            yield _stored(row)
        return
    paths = [f"$.{name}" for name in COLUMNS]
    shown = func.json_array(*(ledger.c[name] for name in COLUMNS))
    differs = case(
        (
            func.json_valid(ledger.c.canonical),
            case(
                (func.json_type(ledger.c.canonical) != "object", 1),
                (func.json_extract(ledger.c.canonical, *paths).is_distinct_from(shown), 1),
                else_=0,
            ),
        ),
        else_=1,
    )
    seqs = connection.execute(select(ledger.c.seq).where(sql_cast(differs, Integer) == 1)).scalars()
    for seq in list(seqs):
        yield from _entries(connection, int(seq), int(seq))


def _stored(row: Any) -> StoredEntry:
    return StoredEntry(
        seq=int(row.seq),
        previous_hash=row.previous_hash,
        entry_hash=row.entry_hash,
        content_hash=row.content_hash,
        canonical=ledger_store.stored_bytes(row.canonical),
        actor=row.actor,
        action=row.action,
        object_type=row.object_type,
        object_ref=row.object_ref,
        recorded_at=utc_text(row.recorded_at),
    )


def _event(canonical: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(canonical)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _events(connection: Connection) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(seq, event)`` of entries of the kinds checked one by one (valid JSON objects only)."""
    query = (
        select(ledger.c.seq, ledger.c.canonical)
        .where(and_(ledger.c.object_type.not_in(BATCHED)))
        .order_by(ledger.c.seq)
    )
    for seq, canonical in itertools.chain.from_iterable(batches(connection, query)):
        event = _event(ledger_store.stored_bytes(canonical))
        if event is not None:
            yield int(seq), event
