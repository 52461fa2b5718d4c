"""``ceasefire decide``: analysts' decisions on incidents, stored as inputs.

Each decision is recorded with actor, time and reason, in the outbox like every write. Merge
and split decisions keep the observations they concern, so a later run can replay them; the
next ``ceasefire verify`` applies them (the decision is stored now, its effect on incidents
comes with that run).

The decision's canonical bytes (what the ledger commits to, and what an exported bundle shows)
carry the actor's keyed pseudonym (the ledger's: the same person has the same pseudonym across
the record), role and party; who decided is kept in the restricted ``decisions.actor_user``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import Connection, insert, select

from ceasefire.core.access import Permission, authorize
from ceasefire.core.actor import Actor
from ceasefire.core.errors import CeasefireError, NotFound
from ceasefire.core.ledger.canonical import canonical_bytes, content_hash, utc_text
from ceasefire.core.verification.decisions import (
    ATTRIBUTION_STATES,
    CONFIDENCE_LEVELS,
    DecisionKind,
)
from ceasefire.store.database import Store
from ceasefire.store.incidents import decisions, incident_members, incidents
from ceasefire.store.pseudonyms import Pseudonym, reader_pseudonym, writer_pseudonym


class DecisionError(CeasefireError):
    """A decision cannot be taken as given (unknown level, incident not active, …)."""


def _members(connection: Connection, incident_id: str) -> list[int]:
    active = connection.execute(
        select(incidents.c.active).where(incidents.c.incident_id == incident_id)
    ).scalar_one_or_none()
    if active is None:
        raise NotFound(f"incident {incident_id!r} not found")
    if not active:
        raise DecisionError(
            f"incident {incident_id} is retired; decide on its successor "
            "(see `ceasefire incidents show`)"
        )
    return [
        r.observation_id
        for r in connection.execute(
            select(incident_members.c.observation_id)
            .where(incident_members.c.incident_id == incident_id)
            .order_by(incident_members.c.observation_id)
        )
    ]


def decide(
    store: Store,
    actor: Actor,
    kind: DecisionKind,
    incident_id: str,
    *,
    reason: str,
    others: Sequence[str] = (),
    observations: Sequence[int] = (),
    value: str | None = None,
) -> int:
    """Record one decision; return its ID. See the module docstring."""
    authorize(actor, Permission.DECIDE)
    if not reason.strip():
        raise DecisionError("a decision needs a reason (--reason)")
    if kind is DecisionKind.GRADE and value not in CONFIDENCE_LEVELS:
        raise DecisionError(f"confidence {value!r}: expected one of {', '.join(CONFIDENCE_LEVELS)}")
    if kind is DecisionKind.ATTRIBUTE and not value:
        raise DecisionError(
            "attribute needs a party code or one of " + ", ".join(ATTRIBUTION_STATES)
        )
    with store.unit_of_work(actor) as uow:
        connection = uow.connection
        members = _members(connection, incident_id)
        pseudonym = writer_pseudonym(connection)(actor.ref)
        content: dict[str, object] = {
            "kind": kind.value,
            "incident_id": incident_id,
            "reason": reason,
            "decided_at": utc_text(uow.now),
            "actor": pseudonym,
            "actor_role": actor.role.value,
        }
        if actor.party is not None:
            content["actor_party"] = actor.party
        if kind is DecisionKind.MERGE:
            if not others:
                raise DecisionError("merge needs at least one other incident")
            merged = set(members)
            for other in others:
                merged.update(_members(connection, other))
            content["others"] = list(others)
            content["observations"] = sorted(merged)
        elif kind is DecisionKind.SPLIT:
            outside = sorted(set(observations) - set(members))
            if not observations or outside:
                raise DecisionError(
                    f"split needs observations of {incident_id} (not members: {outside})"
                    if outside
                    else "split needs --observations"
                )
            if len(set(observations)) == len(members):
                raise DecisionError("split must leave at least one observation behind")
            content["observations"] = sorted(set(observations))
        if value is not None:
            content["value"] = value
        data = canonical_bytes(content)
        decision_id = connection.execute(
            insert(decisions)
            .values(
                decided_at=uow.now,
                actor=pseudonym,
                actor_user=actor.ref,
                kind=kind.value,
                incident_id=incident_id,
                reason=reason,
                content_hash=content_hash(data),
                canonical=data,
            )
            .returning(decisions.c.id)
        ).scalar_one()
        uow.record(
            f"decision.{kind.value}",
            "decision",
            f"decision:{decision_id}",
            {"decision_sha256": content_hash(data), "incident_id": incident_id},
        )
    return int(decision_id)


def decision_history(
    connection: Connection, incident_id: str, *, identities: bool
) -> list[dict[str, object]]:
    """The decisions on ``incident_id``, oldest first, as records (the stored canonical members
    with ``decided_at``, ``kind`` and ``reason``).

    ``actor`` is who decided for a reader with ``identities`` (``READ_RESTRICTED``: analysts, the
    chief monitor, administrators), the keyed pseudonym otherwise — also for decisions recorded
    before migration 0010, whose bytes name the actor."""
    hide: Pseudonym | None = None
    found: list[dict[str, object]] = []
    query = (
        select(decisions)
        .where(decisions.c.incident_id == incident_id)
        .order_by(decisions.c.decided_at, decisions.c.id)
    )
    for row in connection.execute(query):
        record: dict[str, object] = {
            "decided_at": row.decided_at,
            "kind": row.kind,
            "reason": row.reason,
            **json.loads(row.canonical),
        }
        if identities:
            record["actor"] = row.actor_user or record.get("actor", row.actor)
        elif row.actor_user is None:  # recorded before 0010: its bytes name the actor
            hide = hide or reader_pseudonym(connection)
            record["actor"] = hide(str(record.get("actor", row.actor)))
        found.append(record)
    return found
