"""Writing incidents: one row per incident ID, updated in place with a new version."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from ceasefire.core.ledger.canonical import content_hash
from ceasefire.store.incidents import incidents


def existing_versions(connection: Connection, ids: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Incident ID → (version, content hash) of those already stored."""
    wanted = list(ids)
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(wanted), 5_000):
        for row in connection.execute(
            select(incidents.c.incident_id, incidents.c.version, incidents.c.content_hash).where(
                incidents.c.incident_id.in_(wanted[start : start + 5_000])
            )
        ):
            found[row.incident_id] = (row.version, row.content_hash)
    return found


def save_incident(
    connection: Connection, run_id: int, content: dict[str, object], data: bytes, *, new: bool
) -> None:
    """Insert (``new``) or update an incident row from its canonical content and bytes."""
    values = _columns(content, run_id, data)
    if new:
        connection.execute(insert(incidents).values(**values))
    else:
        connection.execute(
            update(incidents)
            .where(incidents.c.incident_id == content["incident_id"])
            .values(**values)
        )


def _columns(content: dict[str, object], run_id: int, data: bytes) -> dict[str, object]:
    def when(name: str) -> datetime | None:
        value = content.get(name)
        return datetime.fromisoformat(value) if isinstance(value, str) else None

    members = content.get("observations")
    return {
        "incident_id": content["incident_id"],
        "active": True,
        "version": content["version"],
        "run_id": run_id,
        "start": when("start"),
        "end": when("end"),
        "lat": content.get("lat"),
        "lon": content.get("lon"),
        "radius_m": content.get("radius_m"),
        "act": content.get("act"),
        "target_class": content.get("target_class"),
        "confidence": content["confidence"],
        "party": content.get("party"),
        "attribution": content["attribution"],
        "observations": len(members) if isinstance(members, list) else 0,
        "independent_sources": content.get("independent_sources", 0),
        "locatable": bool(content.get("locatable", True)),
        "dated": bool(content.get("dated", True)),
        "content_hash": content_hash(data),
        "canonical": data,
    }
