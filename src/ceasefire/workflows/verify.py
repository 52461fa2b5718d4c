"""``ceasefire verify``: new observations → clusters → graded, attributed incidents.

Incremental: only the time window of observations not yet in an incident (plus a margin, plus
whole incidents that reach into it) is clustered again; incidents elsewhere are untouched.
Analyst decisions are replayed on every run (merges and splits before identity is assigned,
grades and attributions after assessment), so re-running never loses them. Identity follows
``ceasefire.core.verification.identity``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import Connection, insert, update

from ceasefire.core.access import Permission, authorize
from ceasefire.core.actor import Actor
from ceasefire.core.ledger.canonical import (
    canonical_bytes,
    content_hash,
    utc_text,
)
from ceasefire.core.ledger.merkle import merkle_root
from ceasefire.core.ledger.run_roots import run_commitment
from ceasefire.core.places import PlaceIndex
from ceasefire.core.verification import IncidentTable, VerificationBatch, assess, cluster
from ceasefire.core.verification.content import incident_content
from ceasefire.core.verification.decisions import (
    DecisionKind,
    Override,
    apply_membership,
    overrides,
)
from ceasefire.core.verification.identity import assign_identities
from ceasefire.ingest.geography import control_areas_at
from ceasefire.ingest.places import gazetteer_entries
from ceasefire.store.database import Store
from ceasefire.store.incident_rows import existing_versions, save_incident
from ceasefire.store.incidents import verification_runs
from ceasefire.store.run_versions import Version, save_versions
from ceasefire.store.verification import (
    drop_superseded_members,
    membership_decisions,
    next_ids,
    observations_for_run,
    pending_decision_window,
    record_lineage,
    replace_memberships,
    retire,
    unassigned_window,
)
from ceasefire.workflows.observations import observation_record

MARGIN = timedelta(hours=6)
"""How far around new observations existing ones are clustered again."""


@dataclass
class VerifyOutcome:
    """What a verification run did."""

    run_id: int | None = None
    observations: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    retired: int = 0
    by_confidence: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        """The machine-readable summary."""
        return {
            "run_id": self.run_id,
            "observations": self.observations,
            "created": self.created,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "retired": self.retired,
            "by_confidence": self.by_confidence,
        }


def incident_ref(number: int) -> str:
    """The public ID of incident number ``number``: ``INC-000042``."""
    return f"INC-{number:06d}"


def resolve_places(records: list[dict[str, object]], index: PlaceIndex) -> None:
    """Give place-name-only records the point and radius of the one place the name can mean."""
    for record in records:
        if "lat" in record or record.get("location_kind") != "place":
            continue
        name = record.get("place_name")
        if not isinstance(name, str):
            continue
        admin1 = record.get("admin1")
        found = index.resolve(name, admin1 if isinstance(admin1, str) else None)
        if found is not None:
            record["lon"], record["lat"], record["radius_m"] = found
            record["place_resolved"] = True


def verify(
    store: Store, actor: Actor, *, full: bool = False, places: PlaceIndex | None = None
) -> VerifyOutcome:
    """Run verification on behalf of ``actor`` (everything when ``full``)."""
    authorize(actor, Permission.VERIFY)
    outcome = VerifyOutcome()
    with store.unit_of_work(actor) as uow:
        connection = uow.connection
        spans = [
            span
            for span in (unassigned_window(connection), pending_decision_window(connection))
            if span is not None
        ]
        if not spans and not full:
            uow.rollback()
            return outcome
        start = end = None
        if spans and not full:
            start = min(span[0] for span in spans) - MARGIN
            end = max(span[1] for span in spans) + MARGIN
        drop_superseded_members(connection)
        rows = observations_for_run(connection, start, end)
        outcome.observations = len(rows)
        if not rows:
            uow.rollback()
            return outcome
        records = []
        for obs_id, canonical, _ in rows:
            record = observation_record(canonical)
            record["id"] = obs_id
            record["content_hash"] = content_hash(canonical)
            records.append(record)
        resolve_places(records, places or PlaceIndex(gazetteer_entries()))
        batch = VerificationBatch.from_records(records)
        moment = middle_time(records)
        control = control_areas_at(moment) if moment else None
        labels = cluster(batch, control=control)
        decisions = membership_decisions(connection)
        labels = apply_membership(
            batch.obs_id,
            labels,
            [d for d in decisions if d.kind in (DecisionKind.MERGE, DecisionKind.SPLIT)],
        )
        labels = _compact(labels)
        previous = np.array([incident for _, _, incident in rows], dtype=object)
        identities = assign_identities(labels, previous)
        numbers = next_ids(connection, "incident", len(identities.minted))
        names = dict(identities.inherited)
        for label, number in zip(identities.minted, numbers, strict=True):
            names[label] = incident_ref(number)
        table = assess(batch, labels, control=control)
        run_id = connection.execute(
            insert(verification_runs)
            .values(
                started_at=uow.now,
                actor=actor.ref,
                window_start=start,
                window_end=end,
                observations=len(rows),
                created=len(numbers),
                changed=0,
                retired=len(identities.retired),
                params=json.dumps({"margin_h": 6}),
            )
            .returning(verification_runs.c.id)
        ).scalar_one()
        outcome.run_id = int(run_id)
        found = overrides(
            [d for d in decisions if d.kind not in (DecisionKind.MERGE, DecisionKind.SPLIT)]
        )
        hashes = [str(r["content_hash"]) for r in records]
        versions: list[Version] = []  # every version written, kept in run_versions
        written = _write_incidents(
            connection,
            int(run_id),
            table=table,
            names=names,
            labels=labels,
            hashes=hashes,
            found=found,
            outcome=outcome,
            versions=versions,
        )
        save_versions(connection, "incident", int(run_id), versions)
        replace_memberships(
            connection, batch.obs_id.tolist(), [names[int(label)] for label in labels.tolist()]
        )
        record_lineage(
            connection,
            int(run_id),
            [
                {
                    "parent": link.parent,
                    "child": names[link.child],
                    "kind": link.kind,
                    "observations": link.observations,
                }
                for link in identities.lineage
            ],
        )
        retire(connection, identities.retired)
        outcome.retired = len(identities.retired)
        connection.execute(
            update(verification_runs)
            .where(verification_runs.c.id == run_id)
            .values(changed=outcome.changed)
        )
        uow.record(
            "verification.ran",
            "verification_run",
            f"run:{run_id}",
            {
                "observations": len(rows),
                "created": outcome.created,
                "changed": outcome.changed,
                "unchanged": outcome.unchanged,
                "retired": outcome.retired,
                "window_start": utc_text(start) if start else None,
                "window_end": utc_text(end) if end else None,
                "incidents_merkle_root": merkle_root(written).hex(),
                **run_commitment((v.object_id, v.canonical) for v in versions),
                "lineage": [
                    [link.parent, names[link.child], link.kind] for link in identities.lineage
                ],
            },
        )
    return outcome


def middle_time(records: list[dict[str, object]]) -> datetime | None:
    """The median start time of the records (which geography snapshot to use)."""
    starts = [r["start"] for r in records if isinstance(r.get("start"), datetime)]
    if not starts:
        return None
    ordered = sorted(starts)  # type: ignore[type-var]
    middle = ordered[len(ordered) // 2]
    assert isinstance(middle, datetime)
    return middle


def _compact(labels: np.ndarray) -> np.ndarray:
    _, compact = np.unique(labels, return_inverse=True)
    return compact.astype(np.int64)


def _write_incidents(
    connection: Connection,
    run_id: int,
    *,
    table: IncidentTable,
    names: dict[int, str],
    labels: np.ndarray,
    hashes: list[str],
    found: dict[str, Override],
    outcome: VerifyOutcome,
    versions: list[Version],
) -> list[bytes]:
    members: dict[int, list[str]] = {}
    for label, digest in zip(labels.tolist(), hashes, strict=True):
        members.setdefault(int(label), []).append(digest)
    existing = existing_versions(connection, names.values())
    written: list[bytes] = []
    counts: dict[str, int] = {}
    for row in range(len(table)):
        label = int(table.label[row])
        incident_id = names[label]
        before = existing.get(incident_id)
        version = 1 if before is None else before[0]
        content = incident_content(
            table,
            row,
            incident_id=incident_id,
            version=version,
            members=members[label],
            override=found.get(incident_id),
        )
        data = canonical_bytes(content)
        if before is not None and content_hash(data) == before[1]:
            outcome.unchanged += 1
        else:
            if before is not None:
                version += 1
                content["version"] = version
                data = canonical_bytes(content)
            save_incident(connection, run_id, content, data, new=before is None)
            if before is None:
                outcome.created += 1
            else:
                outcome.changed += 1
            written.append(bytes.fromhex(content_hash(data)))
            versions.append(Version(incident_id, version, content_hash(data), data))
        level = str(content.get("confidence"))
        counts[level] = counts.get(level, 0) + 1
    outcome.by_confidence = dict(sorted(counts.items()))
    return written


__all__ = ["MARGIN", "VerifyOutcome", "incident_ref", "middle_time", "resolve_places", "verify"]
