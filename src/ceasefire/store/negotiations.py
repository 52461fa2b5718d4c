"""Stance records, condition records and lifecycle events: append-only, ledgered.

Each table holds one row per revision of a record, keyed by (agreement, record id, revision):
the same content again stores nothing; new content under a known id is the next revision (a
correction); nothing is updated or deleted. Every row keeps its canonical bytes and their SHA-256,
and each insert records an outbox event committing to that hash, so ``ceasefire ledger verify``
re-hashes the rows (:func:`negotiation_rows`) and finds rows no entry commits to
(:func:`uncommitted_negotiation_rows`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Integer,
    LargeBinary,
    String,
    Table,
    UniqueConstraint,
    insert,
    select,
)

from ceasefire.core.agreement import Agreement
from ceasefire.core.ledger.verify import Problem, check_row
from ceasefire.core.negotiations import (
    ConditionRecord,
    LifecycleRecord,
    StanceRecord,
    records_of_agreement,
)
from ceasefire.store import ledger as ledger_store
from ceasefire.store.schema import metadata
from ceasefire.store.types import BigId, UTCTime

if TYPE_CHECKING:  # the unit of work imports the schema, which imports this module
    from ceasefire.store.unit_of_work import UnitOfWork

__all__ = [
    "NEGOTIATION_OBJECTS",
    "condition_records",
    "lifecycle_events",
    "negotiation_rows",
    "read_records",
    "stance_records",
    "uncommitted_negotiation_rows",
    "write_agreement_records",
    "write_record",
]

Written = Literal["new", "revised", "unchanged"]
AnyRecord = StanceRecord | ConditionRecord | LifecycleRecord
R = TypeVar("R", StanceRecord, ConditionRecord, LifecycleRecord)


def _common(name: str) -> list[Any]:
    return [
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("agreement_id", String(120), nullable=False),
        Column("record_id", String(64), nullable=False),
        Column("revision", Integer, nullable=False),
        Column("recorded_at", UTCTime, nullable=False),
        Column("actor", String(220), nullable=False),
        Column("content_hash", String(64), nullable=False),
        Column("canonical", LargeBinary, nullable=False),
        UniqueConstraint("agreement_id", "record_id", "revision", name=f"uq_{name}_record"),
    ]


stance_records = Table(
    "stance_records",
    metadata,
    *_common("stance_records"),
    Column("party", String(20), nullable=False),
    Column("subject", String(80), nullable=False),
    Column("stance", String(30), nullable=False),
    Column("stated_on", Date, nullable=False),
    Column("stated_at", UTCTime, nullable=True),
)
condition_records = Table(
    "condition_records",
    metadata,
    *_common("condition_records"),
    Column("raised_by", String(20), nullable=True),
    Column("stated_on", Date, nullable=True),
    Column("becomes_term", String(64), nullable=True),
)
lifecycle_events = Table(
    "lifecycle_events",
    metadata,
    *_common("lifecycle_events"),
    Column("party", String(20), nullable=False),
    Column("term", String(64), nullable=True),
    Column("kind", String(30), nullable=False),
    Column("stated_on", Date, nullable=False),
    Column("stated_at", UTCTime, nullable=True),
)

NEGOTIATION_OBJECTS: dict[str, Table] = {
    "stance_record": stance_records,
    "condition_record": condition_records,
    "lifecycle_event": lifecycle_events,
}
"""Ledger object type of each table's rows (``object_ref`` is ``TABLE:ROW_ID``)."""


def _placement(record: AnyRecord) -> tuple[str, Table, dict[str, object]]:
    if isinstance(record, StanceRecord):
        values: dict[str, object] = {
            "party": record.party,
            "subject": record.subject,
            "stance": record.stance.value,
            "stated_on": record.date,
            "stated_at": record.moment,
        }
        return "stance_record", stance_records, values
    if isinstance(record, ConditionRecord):
        values = {
            "raised_by": record.raised_by,
            "stated_on": record.date,
            "becomes_term": record.becomes_term,
        }
        return "condition_record", condition_records, values
    values = {
        "party": record.party,
        "term": record.term,
        "kind": record.kind.value,
        "stated_on": record.date,
        "stated_at": record.moment,
    }
    return "lifecycle_event", lifecycle_events, values


def write_record(uow: UnitOfWork, record: AnyRecord) -> Written:
    """Append ``record`` unless its latest revision has the same content; ledger the insert."""
    object_type, table, values = _placement(record)
    connection = uow.connection
    digest = record.content_hash()
    head = connection.execute(
        select(table.c.revision, table.c.content_hash)
        .where(table.c.agreement_id == record.agreement, table.c.record_id == record.id)
        .order_by(table.c.revision.desc())
        .limit(1)
    ).first()
    if head is not None and head.content_hash == digest:
        return "unchanged"
    revision = 1 if head is None else head.revision + 1
    row_id = connection.execute(
        insert(table)
        .values(
            agreement_id=record.agreement,
            record_id=record.id,
            revision=revision,
            recorded_at=uow.now,
            actor=uow.actor.ref,
            content_hash=digest,
            canonical=record.canonical(),
            **values,
        )
        .returning(table.c.id)
    ).scalar_one()
    uow.record(
        f"{object_type}.recorded",
        object_type,
        f"{table.name}:{row_id}",
        {
            "agreement_id": record.agreement,
            "record_id": record.id,
            "revision": revision,
            "content_sha256": digest,
        },
    )
    return "new" if revision == 1 else "revised"


def write_agreement_records(uow: UnitOfWork, agreement: Agreement) -> int:
    """Store an agreement's own stances, conditions and lifecycle steps as records (inside the
    unit of work that loads it); return how many were new or revised. Idempotent on reload."""
    records = records_of_agreement(agreement)
    every: list[AnyRecord] = [*records.conditions, *records.stances, *records.lifecycle]
    return sum(write_record(uow, record) != "unchanged" for record in every)


def _model(kind: type[AnyRecord], data: bytes) -> AnyRecord:
    content = json.loads(data)
    content.pop("record", None)
    return kind.model_validate(content)


def read_records(
    connection: Connection,
    kind: type[R],
    *,
    agreement_id: str | None = None,
    party: str | None = None,
) -> list[R]:
    """The latest revision of each record, in the order those revisions were stored."""
    table = {
        StanceRecord: stance_records,
        ConditionRecord: condition_records,
        LifecycleRecord: lifecycle_events,
    }[kind]
    query = select(table.c.agreement_id, table.c.record_id, table.c.canonical).order_by(table.c.id)
    if agreement_id is not None:
        query = query.where(table.c.agreement_id == agreement_id)
    if party is not None:
        column = table.c.raised_by if table is condition_records else table.c.party
        query = query.where(column == party)
    latest: dict[tuple[str, str], bytes] = {}
    for row in connection.execute(query):
        key = (row.agreement_id, row.record_id)
        latest.pop(key, None)  # re-insert so the order is that of the latest revision
        latest[key] = ledger_store.stored_bytes(row.canonical)
    found = [_model(kind, data) for data in latest.values()]
    return [item for item in found if isinstance(item, kind)]


def negotiation_rows(
    connection: Connection, where: str, ref: str, content: dict[str, Any]
) -> tuple[list[Problem], int]:
    """The row an entry commits to: present, and its bytes hash to ``content_sha256``."""
    table_name, _, number = ref.partition(":")
    tables = {table.name: table for table in NEGOTIATION_OBJECTS.values()}
    table = tables.get(table_name)
    if table is None or not number.isdigit():
        return [Problem(where, f"object_ref {ref!r} names no negotiation table row")], 0
    row = ledger_store.first_row(
        connection, table, {"id": int(number)}, ("id", "content_hash", "canonical")
    )
    if row is None:
        return [Problem(where, f"the {table.name} row it commits to is missing")], 0
    canonical = ledger_store.stored_bytes(row["canonical"])
    committed = str(content.get("content_sha256"))
    return check_row(
        f"{table.name} row {row['id']}", str(row["content_hash"]), canonical, committed
    ), 1


def uncommitted_negotiation_rows(connection: Connection, covered: Iterable[str]) -> list[Problem]:
    """Rows of the negotiation tables that no entry (nor a pending event) commits to."""
    known = set(covered)
    problems: list[Problem] = []
    for table in NEGOTIATION_OBJECTS.values():
        for number in connection.execute(select(table.c.id).order_by(table.c.id)).scalars():
            if f"{table.name}:{number}" not in known:
                problems.append(
                    Problem(f"{table.name} row {number}", "no ledger entry commits to it")
                )
    return problems
