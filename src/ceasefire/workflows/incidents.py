"""Reading incidents: list with filters, show one (observations, explanations, decisions,
lineage), and export the observation → incident membership."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, or_, select

from ceasefire.core.access import (
    Permission,
    acting,
    authorize,
    party_scope,
    redact_incident,
    redact_observation,
    sees_restricted,
)
from ceasefire.core.actor import Actor
from ceasefire.core.errors import NotFound
from ceasefire.store.database import Store
from ceasefire.store.incidents import incident_lineage, incident_members, incidents
from ceasefire.store.schema import observations
from ceasefire.workflows.access import withheld_names
from ceasefire.workflows.decide import decision_history
from ceasefire.workflows.observations import observation_record


@dataclass(frozen=True)
class IncidentFilter:
    """Filters of ``ceasefire incidents list``; combined with AND."""

    start: datetime | None = None
    end: datetime | None = None
    confidence: tuple[str, ...] = ()
    party: str | None = None
    attribution: str | None = None
    act: str | None = None
    include_retired: bool = False
    limit: int | None = None


def _query(where: IncidentFilter) -> Select[tuple[bytes, bool]]:
    i = incidents
    query = select(i.c.canonical, i.c.active)
    conditions: list[ColumnElement[bool]] = []
    if not where.include_retired:
        conditions.append(i.c.active.is_(True))
    if where.start is not None:
        conditions.append(i.c.end >= where.start)
    if where.end is not None:
        conditions.append(i.c.start < where.end)
    if where.confidence:
        conditions.append(i.c.confidence.in_(where.confidence))
    if where.party:
        conditions.append(i.c.party == where.party)
    if where.attribution:
        conditions.append(i.c.attribution == where.attribution)
    if where.act:
        conditions.append(or_(i.c.act == where.act, i.c.act.like(f"{where.act}.%")))
    if conditions:
        query = query.where(and_(*conditions))
    query = query.order_by(i.c.start, i.c.incident_id)
    return query.limit(where.limit) if where.limit else query


def incident_record(canonical: bytes) -> dict[str, object]:
    """An incident's stored content with degrees and datetimes for display."""
    record: dict[str, object] = json.loads(canonical)
    for name in ("lat", "lon"):
        value = record.get(name)
        if isinstance(value, int):
            record[name] = value / 1_000_000
    for name in ("start", "end"):
        value = record.get(name)
        if isinstance(value, str):
            record[name] = datetime.fromisoformat(value)
    return record


def list_incidents(
    store: Store, where: IncidentFilter, *, actor: Actor | None = None
) -> Iterator[dict[str, object]]:
    """Incidents matching ``where``, oldest first (redacted for ``actor``)."""
    actor = acting(actor)
    authorize(actor, Permission.READ_INCIDENTS, party=where.party)
    if (scope := party_scope(actor, Permission.READ_INCIDENTS)) is not None:
        where = replace(where, party=scope)
    with store.reader.connect() as connection:
        hidden = withheld_names(connection, actor)
        for row in connection.execute(_query(where)):
            record = incident_record(row.canonical)
            record["active"] = row.active
            yield redact_incident(record, actor, hidden) if hidden else record


@dataclass
class IncidentDetail:
    """Everything ``incidents show`` prints."""

    incident: dict[str, object]
    active: bool
    observations: list[dict[str, object]] = field(default_factory=list)
    decisions: list[dict[str, object]] = field(default_factory=list)
    parents: list[tuple[str, str, int]] = field(default_factory=list)
    children: list[tuple[str, str, int]] = field(default_factory=list)


def show_incident(store: Store, incident_id: str, *, actor: Actor | None = None) -> IncidentDetail:
    """One incident with its observations, decisions and lineage (redacted for ``actor``)."""
    actor = acting(actor)
    authorize(actor, Permission.READ_INCIDENTS)
    with store.reader.connect() as connection:
        row = connection.execute(
            select(incidents.c.canonical, incidents.c.active).where(
                incidents.c.incident_id == incident_id
            )
        ).one_or_none()
        if row is None:
            raise NotFound(f"incident {incident_id!r} not found")
        detail = IncidentDetail(incident_record(row.canonical), row.active)
        members = connection.execute(
            select(observations.c.id, observations.c.canonical)
            .join(incident_members, incident_members.c.observation_id == observations.c.id)
            .where(incident_members.c.incident_id == incident_id)
            .order_by(observations.c.start, observations.c.id)
        )
        for member in members:
            record = observation_record(member.canonical)
            record["id"] = member.id
            detail.observations.append(record)
        detail.decisions = decision_history(
            connection, incident_id, identities=sees_restricted(actor)
        )
        lineage = incident_lineage
        for link in connection.execute(select(lineage).where(lineage.c.child == incident_id)):
            detail.parents.append((link.parent, link.kind, link.observations))
        for link in connection.execute(select(lineage).where(lineage.c.parent == incident_id)):
            detail.children.append((link.child, link.kind, link.observations))
        hidden = withheld_names(connection, actor)
    authorize(actor, Permission.READ_INCIDENTS, party=str(detail.incident.get("party")))
    detail.incident = redact_incident(detail.incident, actor, hidden)
    detail.observations = [redact_observation(o, actor) for o in detail.observations]
    return detail


def membership(
    store: Store, *, actor: Actor | None = None
) -> Iterator[tuple[int, str, str, str, str, str | None, str]]:
    """(observation id, source name, key, incident id, confidence, party, attribution)."""
    authorize(acting(actor), Permission.EXPORT)
    query = (
        select(
            observations.c.id,
            observations.c.source_name,
            observations.c.key,
            incidents.c.incident_id,
            incidents.c.confidence,
            incidents.c.party,
            incidents.c.attribution,
        )
        .join(incident_members, incident_members.c.observation_id == observations.c.id)
        .join(incidents, incidents.c.incident_id == incident_members.c.incident_id)
        .order_by(observations.c.id)
    )
    with store.reader.connect() as connection:
        for row in connection.execute(query):
            yield (
                row.id,
                row.source_name,
                row.key,
                row.incident_id,
                row.confidence,
                row.party,
                row.attribution,
            )
