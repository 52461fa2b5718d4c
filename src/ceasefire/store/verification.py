"""Reading and writing what verification needs: observations in a window, memberships,
incidents, lineage, decisions, ID counters."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from ceasefire.core.verification.decisions import Decision
from ceasefire.store.incidents import (
    counters,
    decisions,
    incident_lineage,
    incident_members,
    incidents,
    verification_runs,
)
from ceasefire.store.schema import observations


def unassigned_window(connection: Connection) -> tuple[datetime, datetime] | None:
    """(earliest start, latest end) of current observations not yet in an incident.

    Undated ones count too: the window is then today (they are clustered as singletons).
    """
    o = observations
    row = connection.execute(
        select(func.count(), func.min(o.c.start), func.max(o.c.end))
        .select_from(o)
        .outerjoin(incident_members, incident_members.c.observation_id == o.c.id)
        .where(o.c.superseded_by.is_(None), incident_members.c.incident_id.is_(None))
    ).one()
    if row[0] == 0:
        return None
    if row[1] is None or row[2] is None:
        now = datetime.now(UTC)
        return now, now
    return row[1], row[2]


def drop_superseded_members(connection: Connection) -> None:
    """Forget memberships of observation revisions that are no longer current."""
    connection.execute(
        delete(incident_members).where(
            incident_members.c.observation_id.not_in(
                select(observations.c.id).where(observations.c.superseded_by.is_(None))
            )
        )
    )


def observations_for_run(
    connection: Connection, start: datetime | None, end: datetime | None
) -> list[tuple[int, bytes, str | None]]:
    """(id, canonical, current incident) of current observations in ``[start, end)`` plus every
    member of an incident that has a member there, plus undated ones; all when no window."""
    o, m = observations, incident_members
    base = (
        select(o.c.id, o.c.canonical, m.c.incident_id)
        .outerjoin(m, m.c.observation_id == o.c.id)
        .where(o.c.superseded_by.is_(None))
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


def pending_decision_window(connection: Connection) -> tuple[datetime, datetime] | None:
    """Time span of incidents with decisions made since the last verification run."""
    last = connection.execute(
        select(verification_runs.c.started_at).order_by(verification_runs.c.id.desc()).limit(1)
    ).scalar_one_or_none()
    pending = select(decisions.c.incident_id)
    if last is not None:
        pending = pending.where(decisions.c.decided_at >= last)
    row = connection.execute(
        select(func.min(incidents.c.start), func.max(incidents.c.end)).where(
            incidents.c.incident_id.in_(pending.scalar_subquery())
        )
    ).one()
    if row[0] is None or row[1] is None:
        return None
    return row[0], row[1]
