"""Re-hashing the rows of the high-volume entry kinds in batches (part of ``ledger verify``).

* ``decision`` entries (``decision:N``): one join of the entries to their ``decisions`` rows;
  each row's bytes must hash to its ``content_hash`` and to the entry's ``decision_sha256``.
* ``finding`` entries (adjudication, ``finding:FND-…``): the k-th entry of a finding commits to
  the k-th of its ``adjudication_events`` rows (both are written in one transaction, in order);
  each row's bytes must hash to its ``content_hash`` and to the entry's
  ``adjudication_event_sha256``; a row with no entry is a problem (unless its event is still in
  the outbox); and the finding's ``status`` must be the ``to_state`` of its last event
  (``proposed`` when it has none).

A batch whose hashes all match costs one SHA-256 per row and one string comparison; only a
batch with a mismatch is looked at row by row, to name the rows.

On SQLite the decisions are not read separately: :func:`joined_query` brings each entry's
``decisions`` row into the chain pass (``ledger_scan``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    cast,
    func,
    literal,
    select,
)

from ceasefire.core.ledger.fast_verify import digests_match
from ceasefire.core.ledger.verify import Problem, check_row
from ceasefire.store import ledger as ledger_store
from ceasefire.store.adjudication import adjudication_events
from ceasefire.store.batches import batches
from ceasefire.store.findings import findings
from ceasefire.store.incidents import decisions
from ceasefire.store.ledger import ledger
from ceasefire.workflows.ledger_rows import RowCoverage

CHUNK = 20_000
COLUMNS = ("action", "actor", "object_ref", "object_type", "recorded_at")
"""The ledger's convenience columns: each is the event member of the same name."""


def joined_query() -> Select[Any]:
    """SQLite: every entry in ``seq`` order as ``(stored, event bytes, row bytes, row id)``.

    ``decision`` entries are joined to the ``decisions`` row their ``object_ref`` names; other
    entries have no row (NULLs). The join binds nothing by itself: the row must hash to what the
    entry's event committed to, whatever the reference says. ``stored`` is
    ``previous_hash‖entry_hash‖content_hash`` followed by the row's ``content_hash``, or NULL
    unless the event's members equal the convenience columns and the event's
    ``content.decision_sha256`` equals the row's ``content_hash`` (both absent for other kinds).
    JSON1 raises on bytes that are not JSON: the caller then checks the other way.
    """
    number = cast(func.substr(ledger.c.object_ref, 10), BigInteger)
    joined = ledger.outerjoin(
        decisions,
        and_(ledger.c.object_type == literal("decision"), decisions.c.id == number),
    )
    paths = [f"$.{name}" for name in COLUMNS]
    said = func.json_extract(ledger.c.canonical, *paths, "$.content.decision_sha256")
    shown = func.json_array(*(ledger.c[name] for name in COLUMNS), decisions.c.content_hash)
    hashes = (
        ledger.c.previous_hash
        + ledger.c.entry_hash
        + ledger.c.content_hash
        + func.coalesce(decisions.c.content_hash, literal(""))
    )
    return (
        select(
            case((said == shown, hashes), else_=None),
            ledger.c.canonical,
            decisions.c.canonical,
            decisions.c.id,
        )
        .select_from(joined)
        .order_by(ledger.c.seq)
    )


def _committed(path: str) -> ColumnElement[Any]:
    """SQLite: the entry's committed hash at ``path`` (NULL when the bytes are not JSON)."""
    return case(
        (func.json_valid(ledger.c.canonical), func.json_extract(ledger.c.canonical, path)),
        else_=None,
    )


def _committed_in_python(canonical: object, member: str) -> str:
    try:
        event = json.loads(ledger_store.stored_bytes(canonical))
        value = event["content"][member]
    except (ValueError, KeyError, TypeError):
        return ""
    return value if isinstance(value, str) else ""


def decision_rows(connection: Connection, coverage: RowCoverage) -> tuple[list[Problem], int]:
    """Check every ``decision`` entry against its ``decisions`` row (see the module docstring)."""
    sqlite = connection.dialect.name == "sqlite"
    number = func.substr(ledger.c.object_ref, 10)
    if sqlite:
        ref_id: ColumnElement[Any] = cast(number, BigInteger)
        committed = _committed("$.content.decision_sha256")
    else:
        ref_id = case(
            (ledger.c.object_ref.regexp_match("^decision:[0-9]{1,18}$"), cast(number, BigInteger)),
            else_=None,
        )
        committed = ledger.c.canonical
    query = (
        select(
            ledger.c.seq,
            decisions.c.id,
            decisions.c.content_hash,
            decisions.c.canonical,
            committed,
        )
        .select_from(ledger.outerjoin(decisions, decisions.c.id == ref_id))
        .where(ledger.c.object_type == literal("decision"))
        .order_by(ledger.c.seq)
    )
    problems: list[Problem] = []
    read = 0
    for part in batches(connection, query):
        rows = [
            (
                seq,
                row_id,
                stored or "",
                canonical if type(canonical) is bytes else ledger_store.stored_bytes(canonical),
                (promised or "") if sqlite else _committed_in_python(promised, "decision_sha256"),
            )
            for seq, row_id, stored, canonical, promised in part
        ]
        coverage.decisions.update(int(r[1]) for r in rows if r[1] is not None)
        read += sum(1 for r in rows if r[1] is not None)
        whole = all(r[1] is not None and r[4] for r in rows)  # a row, and a committed hash
        if whole and digests_match([r[3] for r in rows], [r[2] + r[4] for r in rows]):
            continue
        for seq, row_id, stored, canonical, promised in rows:
            if row_id is None:
                problems.append(
                    Problem(f"entry {seq}", "the decisions row it commits to is missing")
                )
            else:
                problems += check_row(f"decisions row {row_id}", stored, canonical, promised)
    return problems, read


def adjudication_rows(
    connection: Connection,
    coverage: RowCoverage,
    *,
    entries: Sequence[tuple[int, str, str]] | None = None,
) -> tuple[list[Problem], int]:
    """Check ``finding`` entries against the adjudication events (see the module docstring).

    ``entries``: the ``(seq, object_ref, committed adjudication_event_sha256)`` of every
    ``finding`` entry in ``seq`` order, when the caller has them already; read here otherwise.
    """
    committed_by: dict[str, list[tuple[int, str]]] = {}
    for seq, ref, value in _finding_entries(connection) if entries is None else entries:
        committed_by.setdefault(ref.removeprefix("finding:"), []).append((seq, value))
    return _adjudication_events(connection, coverage, committed_by)


def _finding_entries(connection: Connection) -> Iterable[tuple[int, str, str]]:
    sqlite = connection.dialect.name == "sqlite"
    committed = _committed("$.content.adjudication_event_sha256") if sqlite else ledger.c.canonical
    query = (
        select(ledger.c.seq, ledger.c.object_ref, committed)
        .where(ledger.c.object_type == literal("finding"))
        .order_by(ledger.c.seq)
    )
    for seq, ref, promised in connection.execute(query):
        value = (
            str(promised or "")
            if sqlite
            else _committed_in_python(promised, "adjudication_event_sha256")
        )
        yield int(seq), str(ref), value


def _adjudication_events(
    connection: Connection, coverage: RowCoverage, entries: dict[str, list[tuple[int, str]]]
) -> tuple[list[Problem], int]:
    """Each adjudication event against the k-th entry of its finding (module docstring)."""
    problems: list[Problem] = []
    read = 0
    last_state: dict[str, str] = {}
    rows = connection.execute(
        select(
            adjudication_events.c.id,
            adjudication_events.c.finding_id,
            adjudication_events.c.content_hash,
            adjudication_events.c.canonical,
        ).order_by(adjudication_events.c.id)
    )
    taken: dict[str, int] = {}
    for row_id, finding_id, stored, canonical in rows:
        read += 1
        data = ledger_store.stored_bytes(canonical)
        name = f"adjudication_events row {row_id}"
        index = taken.get(finding_id, 0)
        taken[finding_id] = index + 1
        committed_list = entries.get(finding_id, [])
        if index < len(committed_list):
            problems += check_row(name, str(stored), data, committed_list[index][1])
        else:
            problems += check_row(name, str(stored), data)
            if f"finding:{finding_id}" not in coverage.pending:
                problems.append(Problem(name, "no ledger entry commits to it"))
        last_state[finding_id] = _to_state(data)
    for finding_id, committed_list in entries.items():
        for seq, _ in committed_list[taken.get(finding_id, 0) :]:
            problems.append(
                Problem(
                    f"entry {seq}",
                    f"the adjudication event of {finding_id} it commits to is missing",
                )
            )
    problems += _status_problems(connection, last_state)
    return problems, read


def _to_state(data: bytes) -> str:
    try:
        value = json.loads(data).get("to_state")
    except (ValueError, AttributeError):
        return ""
    return str(value)


def _status_problems(connection: Connection, last_state: dict[str, str]) -> list[Problem]:
    """``findings.status`` is derived: the ``to_state`` of the finding's last event."""
    problems: list[Problem] = []
    rows: Iterable[Any] = connection.execute(
        select(findings.c.id, findings.c.finding_id, findings.c.status).order_by(findings.c.id)
    )
    for row in rows:
        expected = last_state.get(row.finding_id, "proposed")
        if row.status != expected:
            problems.append(
                Problem(
                    f"findings row {row.id} ({row.finding_id})",
                    f"status {row.status!r} is not the state its adjudication events end in "
                    f"({expected!r})",
                )
            )
    return problems
