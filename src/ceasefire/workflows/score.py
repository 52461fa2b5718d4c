"""``ceasefire score --truth DIR``: the stored incidents against a simulator's ground truth."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sqlalchemy import select

from ceasefire.core.verification import IncidentTable, VerificationBatch, score
from ceasefire.ingest.simulation_files import read_truth
from ceasefire.store.database import Store
from ceasefire.store.incidents import incidents
from ceasefire.workflows.incidents import membership
from ceasefire.workflows.observations import ObservationFilter, list_observations


def incident_table(contents: list[dict[str, object]]) -> IncidentTable:
    """An :class:`IncidentTable` rebuilt from stored incidents' canonical content."""

    def column(name: str, default: object = None) -> np.ndarray:
        out = np.empty(len(contents), dtype=object)
        out[:] = [c.get(name, default) for c in contents]
        return out

    def seconds(name: str) -> np.ndarray:
        from datetime import datetime

        return np.array(
            [
                int(datetime.fromisoformat(str(c[name])).timestamp()) if name in c else -1
                for c in contents
            ],
            dtype=np.int64,
        )

    def degrees(name: str) -> np.ndarray:
        return np.array([int(str(c[name])) / 1e6 if name in c else np.nan for c in contents])

    count = len(contents)
    return IncidentTable(
        label=np.arange(count, dtype=np.int64),
        start_s=seconds("start"),
        end_s=seconds("end"),
        lon=degrees("lon"),
        lat=degrees("lat"),
        radius_m=np.array([float(str(c.get("radius_m", "nan"))) for c in contents]),
        act=column("act"),
        target_class=column("target_class"),
        weapon_type=column("weapon_type"),
        observations=np.array(
            [len(c.get("observations", [])) for c in contents],  # type: ignore[arg-type]
            dtype=np.int64,
        ),
        independent_sources=np.array(
            [int(str(c.get("independent_sources", 0))) for c in contents], dtype=np.int64
        ),
        confidence=column("confidence"),
        confidence_reason=column("confidence_reason"),
        party=column("party"),
        attribution=column("attribution"),
        attribution_confidence=column("attribution_confidence"),
        attribution_basis=column("attribution_basis"),
        locatable=np.array([bool(c.get("locatable", True)) for c in contents]),
        dated=np.array([bool(c.get("dated", True)) for c in contents]),
        is_summary=np.array([bool(c.get("is_summary", False)) for c in contents]),
    )


def score_store(store: Store, truth_dir: Path) -> dict[str, float | int | None]:
    """Scores of the active incidents in ``store`` against ``truth_dir`` (a simulator's truth)."""
    events, truth_observations = read_truth(truth_dir)
    with store.reader.connect() as connection:
        rows = connection.execute(
            select(incidents.c.incident_id, incidents.c.canonical)
            .where(incidents.c.active.is_(True))
            .order_by(incidents.c.incident_id)
        ).all()
    label_of = {row.incident_id: i for i, row in enumerate(rows)}
    table = incident_table([json.loads(row.canonical) for row in rows])
    members = {
        (source, key): label_of[incident] for _, source, key, incident, *_ in membership(store)
    }
    batch = VerificationBatch.from_records(
        list(list_observations(store, ObservationFilter(current_only=True)))
    )
    return score(events, truth_observations, members, table, batch=batch)
