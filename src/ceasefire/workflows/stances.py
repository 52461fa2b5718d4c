"""Stances, conditions and lifecycle events over time: add, import, list, timeline, matrix.

Every write checks the record against the stored agreement (party, term, condition ids named by
field) and goes through one unit of work whose outbox events the ledger chains. Records are
append-only: the same content again stores nothing, new content under a known id is a revision.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ceasefire.core.access import Permission, authorize
from ceasefire.core.actor import Actor
from ceasefire.core.agreement import Agreement
from ceasefire.core.errors import IngestError, NotFound, RowProblem
from ceasefire.core.negotiations import (
    ConditionRecord,
    LifecycleRecord,
    NegotiationError,
    NegotiationState,
    StanceMatrix,
    StanceRecord,
    check_against,
    header_problems,
    negotiation_state,
    parse_record,
    stance_from_cells,
)
from ceasefire.ingest.base import csv_rows
from ceasefire.store.database import Store
from ceasefire.store.negotiations import Written, read_records, write_record
from ceasefire.workflows.agreements import get_agreement

__all__ = [
    "AddOutcome",
    "ImportOutcome",
    "add_condition",
    "add_lifecycle_event",
    "add_stance",
    "import_stances",
    "list_conditions",
    "list_lifecycle_events",
    "list_stances",
    "matrix",
    "timeline",
]

AnyRecord = StanceRecord | ConditionRecord | LifecycleRecord


@dataclass(frozen=True)
class AddOutcome:
    """What adding one record did: ``new``, ``revised`` or ``unchanged``."""

    record_id: str
    status: Written


@dataclass(frozen=True)
class ImportOutcome:
    """What importing a stance file did."""

    rows: int
    new: int
    revised: int
    unchanged: int


def _authorize(actor: Actor, write: bool) -> None:
    authorize(actor, Permission.RECORD_STANCES if write else Permission.READ_STANCES)


def _condition_ids(store: Store, agreement_id: str) -> set[str]:
    with store.reader.connect() as connection:
        found = read_records(connection, ConditionRecord, agreement_id=agreement_id)
    return {item.id for item in found}


def _add(store: Store, actor: Actor, record: AnyRecord, source: str) -> AddOutcome:
    agreement = get_agreement(store, record.agreement)
    problems = check_against(agreement, record, _condition_ids(store, agreement.id))
    if problems:
        raise NegotiationError(source, problems)
    with store.unit_of_work(actor) as uow:
        status = write_record(uow, record)
    return AddOutcome(record.id, status)


def add_stance(
    store: Store, actor: Actor, record: StanceRecord | Mapping[str, object]
) -> AddOutcome:
    """Record a party's stance on a term or a condition at a date."""
    _authorize(actor, write=True)
    if not isinstance(record, StanceRecord):
        record = parse_record(StanceRecord, record, "stance")
    return _add(store, actor, record, f"stance {record.id}")


def add_condition(
    store: Store, actor: Actor, record: ConditionRecord | Mapping[str, object]
) -> AddOutcome:
    """Record a condition (or a revision of it, e.g. when it ``becomes_term``)."""
    _authorize(actor, write=True)
    if not isinstance(record, ConditionRecord):
        record = parse_record(ConditionRecord, record, "condition")
    return _add(store, actor, record, f"condition {record.id}")


def add_lifecycle_event(
    store: Store, actor: Actor, record: LifecycleRecord | Mapping[str, object]
) -> AddOutcome:
    """Record a party's lifecycle step (proposed, committed, in force, ..., unilateral)."""
    _authorize(actor, write=True)
    if not isinstance(record, LifecycleRecord):
        record = parse_record(LifecycleRecord, record, "lifecycle event")
    return _add(store, actor, record, f"lifecycle event {record.id}")


def import_stances(store: Store, actor: Actor, path: Path) -> ImportOutcome:
    """Import a stance CSV (columns in docs/negotiations.md): all rows or none.

    Every bad row is reported by row and field (:class:`IngestError`); nothing is stored then.
    """
    _authorize(actor, write=True)
    source = str(path)
    rows = iter(csv_rows(path))
    first = next(rows, None)
    if first is None:
        raise IngestError(source, "the file is empty (expected a header row)")
    header = first[1]
    problems: list[RowProblem] = header_problems(header)
    if problems:
        raise IngestError(source, _summary(source, problems), problems)
    records: list[tuple[int, StanceRecord]] = []
    for number, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        record, found = stance_from_cells(number, header, cells)
        problems += found
        if record is not None:
            records.append((number, record))
    agreements: dict[str, Agreement | None] = {}
    conditions: dict[str, set[str]] = {}
    for number, record in records:
        if record.agreement not in agreements:
            try:
                agreements[record.agreement] = get_agreement(store, record.agreement)
                conditions[record.agreement] = _condition_ids(store, record.agreement)
            except NotFound:  # reported per row below
                agreements[record.agreement] = None
        agreement = agreements[record.agreement]
        if agreement is None:
            problems.append(RowProblem(number, "agreement", f"{record.agreement!r} is not loaded"))
            continue
        for problem in check_against(agreement, record, conditions[record.agreement]):
            field, _, reason = problem.partition(": ")
            problems.append(RowProblem(number, field, reason))
    problems.sort(key=lambda problem: problem.row)
    if problems:
        raise IngestError(source, _summary(source, problems), problems)
    counts = {"new": 0, "revised": 0, "unchanged": 0}
    with store.unit_of_work(actor) as uow:
        for _, record in records:
            counts[write_record(uow, record)] += 1
    return ImportOutcome(len(records), counts["new"], counts["revised"], counts["unchanged"])


def _summary(source: str, problems: list[RowProblem]) -> str:
    shown = "; ".join(p.describe(source).removeprefix(f"{source} ") for p in problems[:10])
    more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
    return f"nothing imported, {len(problems)} problem(s): {shown}{more}"


def list_stances(
    store: Store, actor: Actor, *, agreement_id: str | None = None, party: str | None = None
) -> list[StanceRecord]:
    """Stance records (latest revision of each), in the order they were recorded."""
    _authorize(actor, write=False)
    with store.reader.connect() as connection:
        return read_records(connection, StanceRecord, agreement_id=agreement_id, party=party)


def list_conditions(
    store: Store, actor: Actor, *, agreement_id: str | None = None
) -> list[ConditionRecord]:
    """Condition records (latest revision of each)."""
    _authorize(actor, write=False)
    with store.reader.connect() as connection:
        return read_records(connection, ConditionRecord, agreement_id=agreement_id)


def list_lifecycle_events(
    store: Store, actor: Actor, *, agreement_id: str | None = None, party: str | None = None
) -> list[LifecycleRecord]:
    """Lifecycle events (latest revision of each)."""
    _authorize(actor, write=False)
    with store.reader.connect() as connection:
        return read_records(connection, LifecycleRecord, agreement_id=agreement_id, party=party)


def timeline(
    store: Store, actor: Actor, agreement_id: str, as_of: date | None = None
) -> NegotiationState:
    """Each party's timeline, the stance matrix and lifecycle of an agreement as of a date."""
    _authorize(actor, write=False)
    agreement = get_agreement(store, agreement_id)
    with store.reader.connect() as connection:
        stances = read_records(connection, StanceRecord, agreement_id=agreement_id)
        conditions = read_records(connection, ConditionRecord, agreement_id=agreement_id)
        lifecycle = read_records(connection, LifecycleRecord, agreement_id=agreement_id)
    return negotiation_state(agreement, stances, conditions, lifecycle, as_of)


def matrix(
    store: Store, actor: Actor, agreement_id: str, as_of: date | None = None
) -> StanceMatrix:
    """The parties × terms/conditions stance matrix as of a date (for the dashboard)."""
    return timeline(store, actor, agreement_id, as_of).matrix
