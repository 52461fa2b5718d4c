"""Reads the API needs that no workflow offers yet (one observation, claims, checkpoints).

These belong in ``ceasefire.workflows`` (observations, a claims module, ledger) and should move
there; they are kept here, out of the routes, so that routes stay one call each.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, select

from ceasefire.core.access import Permission, authorize, authorize_any, redact_observation
from ceasefire.core.actor import Actor
from ceasefire.core.errors import NotFound
from ceasefire.core.ledger.checkpoint import Checkpoint
from ceasefire.store import ledger as ledger_store
from ceasefire.store.database import Store
from ceasefire.store.schema import claims, observations
from ceasefire.workflows.observations import observation_record


def observation_by_id(store: Store, actor: Actor, observation_id: int) -> dict[str, object]:
    """One stored observation (any revision) as ``actor`` may see it (as ``list_observations``)."""
    wanted = (Permission.READ_OBSERVATIONS, Permission.READ_OWN_OBSERVATIONS)
    own_only = authorize_any(actor, wanted) is Permission.READ_OWN_OBSERVATIONS
    o = observations
    with store.reader.connect() as connection:
        row = connection.execute(
            select(o.c.id, o.c.revision, o.c.content_hash, o.c.canonical, o.c.superseded_by).where(
                o.c.id == observation_id
            )
        ).one_or_none()
    if row is None:
        raise NotFound(f"observation {observation_id} not found")
    record: dict[str, object] = {
        "id": row.id,
        "revision": row.revision,
        "content_hash": row.content_hash,
        "superseded_by": row.superseded_by,
    }
    record.update(observation_record(row.canonical))
    if own_only and record.get("source_name") != actor.user:
        raise NotFound(f"observation {observation_id} not found")
    return redact_observation(record, actor)


@dataclass(frozen=True)
class ClaimFilter:
    """Filters of the claims list; combined with AND."""

    start: datetime | None = None
    end: datetime | None = None
    claimant_party: str | None = None
    accused_party: str | None = None
    arrangement: str | None = None
    limit: int | None = None


def list_claims(store: Store, actor: Actor, where: ClaimFilter) -> Iterator[dict[str, object]]:
    """Current claims matching ``where`` (period start, then id) as stored, with their items."""
    authorize(actor, Permission.READ_COMPLIANCE)
    c = claims
    conditions: list[ColumnElement[bool]] = [c.c.current.is_(True)]
    if where.start is not None:
        conditions.append(c.c.period_end >= where.start)
    if where.end is not None:
        conditions.append(c.c.period_start < where.end)
    for column, value in (
        (c.c.claimant_party, where.claimant_party),
        (c.c.accused_party, where.accused_party),
        (c.c.arrangement, where.arrangement),
    ):
        if value is not None:
            conditions.append(column == value)
    query = (
        select(c.c.id, c.c.key, c.c.revision, c.c.content_hash, c.c.canonical)
        .where(and_(*conditions))
        .order_by(c.c.period_start, c.c.id)
    )
    if where.limit:
        query = query.limit(where.limit)
    with store.reader.connect() as connection:
        rows = connection.execute(query).all()
    for row in rows:
        record: dict[str, object] = json.loads(row.canonical)
        record.update(id=row.id, revision=row.revision, content_hash=row.content_hash)
        yield record


def checkpoints(store: Store, actor: Actor) -> list[tuple[int, Checkpoint]]:
    """``(number, checkpoint)`` of every checkpoint stored in the ledger, oldest first."""
    authorize(actor, Permission.LEDGER_VERIFY)
    with store.reader.connect() as connection:
        return ledger_store.stored_checkpoints(connection)
