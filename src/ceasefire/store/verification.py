"""Reading and writing what verification needs: observations in a window, memberships,
incidents, lineage, decisions, ID counters."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from ceasefire.core.verification.decisions import Decision
from ceasefire.store.incidents import (
    counters,
    decisions,
    incident_lineage,
    incident_members,
    incidents,
)
from ceasefire.store.schema import observation_heads, observations


def unassigned_window(connection: Connection) -> tuple[datetime, datetime, int] | None:
    """(earliest start, latest end, count) of current observations not yet in an incident."""
    o = observations
    query = (
        select(o.c.start, o.c.end)
        .join(observation_heads, observation_heads.c.observation_id == o.c.id)
        .outerjoin(incident_members, incident_members.c.observation_id == o.c.id)
        .where(incident_members.c.incident_id.is_(None))
    )
    first = last = None
    count = 0
    for row in connection.execute(query):
        count += 1
        if row.start is not None and (first is None or row.start < first):
            first = row.start
        if row.end is not None and (last is None or row.end > last):
            last = row.end
    if count == 0:
        return None
    if first is None or last is None:
        from datetime import UTC

        first = last = datetime.now(UTC)
    return first, last, count


def observations_for_run(
    connection: Connection, start: datetime | None, end: datetime | None
) -> list[tuple[int, bytes, str | None]]:
    """(id, canonical, current incident) of current observations in ``[start, end)`` plus every
    member of an incident that has a member there, plus undated ones; all when no window."""
    o, m = observations, incident_members
    base = (
        select(o.c.id, o.c.canonical, m.c.incident_id)
        .join(observation_heads, observation_heads.c.observation_id == o.c.id)
        .outerjoin(m, m.c.observation_id == o.c.id)
    )
    if start is None or end is None:
        return [(r.id, r.canonical, r.incident_id) for r in connection.execute(base)]
    in_window = and_(o.c.end > start, o.c.start < end)
    touched = (
        select(m.c.incident_id)
        .join(o, o.c.id == m.c.observation_id)
        .where(in_window)
        .distinct()
        .scalar_subquery()
    )
    query = base.where(or_(in_window, o.c.start.is_(None), m.c.incident_id.in_(touched)))
    return [(r.id, r.canonical, r.incident_id) for r in connection.execute(query)]


def next_ids(connection: Connection, name: str, count: int) -> list[int]:
    """``count`` fresh numbers from a named counter (never reused)."""
    if count == 0:
        return []
    current = connection.execute(
        select(counters.c.value).where(counters.c.name == name).with_for_update()
    ).scalar_one_or_none()
    if current is None:
        connection.execute(insert(counters).values(name=name, value=count))
        start = 1
    else:
        connection.execute(
            update(counters).where(counters.c.name == name).values(value=current + count)
        )
        start = current + 1
    return list(range(start, start + count))


def membership_decisions(connection: Connection) -> list[Decision]:
    """Every decision, oldest first, as replayable values."""
    rows = connection.execute(select(decisions).order_by(decisions.c.decided_at, decisions.c.id))
    found = []
    for row in rows:
        content = json.loads(row.canonical)
        found.append(
            Decision(
                kind=row.kind,
                incident_id=row.incident_id,
                observations=tuple(content.get("observations", ())),
                value=content.get("value"),
                reason=row.reason,
            )
        )
    return found


def replace_memberships(
    connection: Connection, observation_ids: Sequence[int], incident_ids: Sequence[str]
) -> None:
    """Set the incident of each observation (rows for these observations are replaced)."""
    ids = list(observation_ids)
    for start in range(0, len(ids), 10_000):
        connection.execute(
            delete(incident_members).where(
                incident_members.c.observation_id.in_(ids[start : start + 10_000])
            )
        )
    if ids:
        connection.execute(
            insert(incident_members),
            [
                {"observation_id": o, "incident_id": i}
                for o, i in zip(ids, incident_ids, strict=True)
            ],
        )


def record_lineage(connection: Connection, run_id: int, links: list[dict[str, object]]) -> None:
    """Append lineage edges of a run."""
    if links:
        connection.execute(insert(incident_lineage), [{"run_id": run_id, **link} for link in links])


def retire(connection: Connection, incident_ids: Sequence[str]) -> None:
    """Mark incidents inactive (their IDs stay, never reused)."""
    if incident_ids:
        connection.execute(
            update(incidents)
            .where(incidents.c.incident_id.in_(list(incident_ids)))
            .values(active=False)
        )
