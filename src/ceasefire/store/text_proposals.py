"""Proposals from text awaiting analyst review: one row per proposal, ledgered.

A row keeps what the text proposed (its canonical bytes and their SHA-256 never change) and the
review state (``proposed`` → ``accepted`` | ``rejected``, reviewer, time, reason, and the record
an acceptance made). Storing and each review record an outbox event: ``ceasefire ledger verify``
re-hashes the stored bytes (:func:`text_proposal_rows`), checks that the review state matches the
last review the ledger recorded, and finds rows no entry commits to
(:func:`uncommitted_text_proposals`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)

from ceasefire.core.ledger.canonical import canonical_bytes, content_hash
from ceasefire.core.ledger.verify import Problem, check_row
from ceasefire.store import ledger as ledger_store
from ceasefire.store.schema import metadata
from ceasefire.store.types import BigId, UTCTime

if TYPE_CHECKING:  # the unit of work imports the schema, which imports this module
    from ceasefire.store.unit_of_work import UnitOfWork

Status = Literal["proposed", "accepted", "rejected"]
STATUSES: tuple[Status, ...] = ("proposed", "accepted", "rejected")
OBJECT_TYPE = "text_proposal"
"""Ledger object type of the rows (``object_ref`` is ``text_proposals:ROW_ID``)."""

text_proposals = Table(
    "text_proposals",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("source_name", String(255), nullable=False),
    Column("text_sha256", String(64), nullable=False),
    Column("published", Date, nullable=True),
    Column("proposal_type", String(30), nullable=False),
    Column("body", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("status", String(10), nullable=False),
    Column("reviewer", String(220), nullable=True),
    Column("reviewed_at", UTCTime, nullable=True),
    Column("review_note", Text, nullable=True),
    Column("outcome", String(120), nullable=True),
    Column("created_at", UTCTime, nullable=False),
    Column("actor", String(220), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("canonical", LargeBinary, nullable=False),
)


@dataclass(frozen=True, slots=True)
class StoredProposal:
    """One stored proposal and its review state."""

    id: int
    source_name: str
    text_sha256: str
    published: date | None
    proposal_type: str
    body: dict[str, Any]
    span: tuple[int, int]
    status: Status
    reviewer: str | None
    reviewed_at: datetime | None
    review_note: str | None
    outcome: str | None
    created_at: datetime

    def as_json(self) -> dict[str, Any]:
        """JSON-ready form (``ceasefire proposals list --json``)."""
        return {
            "id": self.id,
            "source_name": self.source_name,
            "text_sha256": self.text_sha256,
            "published": self.published.isoformat() if self.published else None,
            "type": self.proposal_type,
            "span": list(self.span),
            "status": self.status,
            "reviewer": self.reviewer,
            "reviewed_at": self.reviewed_at.isoformat() if self.reviewed_at else None,
            "review_note": self.review_note,
            "outcome": self.outcome,
            "created_at": self.created_at.isoformat(),
            "body": self.body,
        }


def proposal_content(
    source_name: str, text_sha256: str, published: date | None, body: dict[str, Any]
) -> dict[str, Any]:
    """What a stored proposal commits to: its source, text hash, date and body (no floats)."""
    return {
        "source_name": source_name,
        "text_sha256": text_sha256,
        "published": published.isoformat() if published else None,
        "proposal": body,
    }


def write_proposal(
    uow: UnitOfWork,
    *,
    source_name: str,
    text_sha256: str,
    published: date | None,
    body: dict[str, Any],
) -> int:
    """Store one proposal as ``proposed`` and ledger it; return its id."""
    data = canonical_bytes(proposal_content(source_name, text_sha256, published, body))
    digest = content_hash(data)
    start, end = body["span"]
    row_id = uow.connection.execute(
        insert(text_proposals)
        .values(
            source_name=source_name[:255],
            text_sha256=text_sha256,
            published=published,
            proposal_type=str(body["type"]),
            body=json.dumps(body, sort_keys=True, ensure_ascii=False),
            span_start=int(start),
            span_end=int(end),
            status="proposed",
            created_at=uow.now,
            actor=uow.actor.ref,
            content_hash=digest,
            canonical=data,
        )
        .returning(text_proposals.c.id)
    ).scalar_one()
    uow.record(
        f"{OBJECT_TYPE}.proposed",
        OBJECT_TYPE,
        f"{text_proposals.name}:{row_id}",
        {"content_sha256": digest, "status": "proposed", "text_sha256": text_sha256},
    )
    return int(row_id)


def review_proposal(
    uow: UnitOfWork, proposal_id: int, status: Status, note: str | None, outcome: str | None
) -> None:
    """Set the review state of a ``proposed`` row and ledger the review."""
    connection = uow.connection
    row = connection.execute(
        select(text_proposals.c.content_hash).where(text_proposals.c.id == proposal_id)
    ).one()
    connection.execute(
        update(text_proposals)
        .where(text_proposals.c.id == proposal_id)
        .values(
            status=status,
            reviewer=uow.actor.ref,
            reviewed_at=uow.now,
            review_note=note,
            outcome=outcome,
        )
    )
    uow.record(
        f"{OBJECT_TYPE}.{status}",
        OBJECT_TYPE,
        f"{text_proposals.name}:{proposal_id}",
        {
            "content_sha256": row.content_hash,
            "status": status,
            "note": note,
            "outcome": outcome,
        },
    )


def _stored(row: Any) -> StoredProposal:
    return StoredProposal(
        id=int(row.id),
        source_name=row.source_name,
        text_sha256=row.text_sha256,
        published=row.published,
        proposal_type=row.proposal_type,
        body=json.loads(row.body),
        span=(int(row.span_start), int(row.span_end)),
        status=row.status,
        reviewer=row.reviewer,
        reviewed_at=row.reviewed_at,
        review_note=row.review_note,
        outcome=row.outcome,
        created_at=row.created_at,
    )


def read_proposals(connection: Connection, status: Status | None = None) -> list[StoredProposal]:
    """Stored proposals in id order, of one status if given."""
    query = select(text_proposals).order_by(text_proposals.c.id)
    if status is not None:
        query = query.where(text_proposals.c.status == status)
    return [_stored(row) for row in connection.execute(query)]


def read_proposal(connection: Connection, proposal_id: int) -> StoredProposal | None:
    """One stored proposal, or ``None``."""
    row = connection.execute(
        select(text_proposals).where(text_proposals.c.id == proposal_id)
    ).first()
    return None if row is None else _stored(row)


def text_proposal_rows(
    connection: Connection, where: str, ref: str, content: dict[str, Any], action: str
) -> tuple[list[Problem], int]:
    """The row an entry commits to: present, its bytes hash to ``content_sha256``; and for
    a review entry, the row's status is the reviewed one (a review is final)."""
    table_name, _, number = ref.partition(":")
    if table_name != text_proposals.name or not number.isdigit():
        return [Problem(where, f"object_ref {ref!r} names no text_proposals row")], 0
    row = ledger_store.first_row(
        connection, text_proposals, {"id": int(number)}, ("id", "content_hash", "canonical")
    )
    if row is None:
        return [Problem(where, "the text_proposals row it commits to is missing")], 0
    name = f"text_proposals row {row['id']}"
    canonical = ledger_store.stored_bytes(row["canonical"])
    problems = check_row(
        name, str(row["content_hash"]), canonical, str(content.get("content_sha256"))
    )
    status = content.get("status")
    if action != f"{OBJECT_TYPE}.proposed" and status in STATUSES:
        stored = connection.execute(
            select(text_proposals.c.status).where(text_proposals.c.id == int(number))
        ).scalar_one()
        if stored != status:
            problems.append(Problem(name, f"status is {stored}, the ledger recorded {status}"))
    return problems, 1


def uncommitted_text_proposals(connection: Connection, covered: Iterable[str]) -> list[Problem]:
    """Rows no entry (nor a pending event) commits to; and reviewed rows whose review is not
    in the ledger show up through the status check of :func:`text_proposal_rows`."""
    known = set(covered)
    problems: list[Problem] = []
    query = select(text_proposals.c.id).order_by(text_proposals.c.id)
    for number in connection.execute(query).scalars():
        if f"{text_proposals.name}:{number}" not in known:
            problems.append(
                Problem(f"text_proposals row {number}", "no ledger entry commits to it")
            )
    return problems
