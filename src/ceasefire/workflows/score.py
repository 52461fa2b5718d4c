"""``ceasefire score --truth DIR``: the stored incidents against a simulator's ground truth."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from ceasefire.core.verification import VerificationBatch, score
from ceasefire.core.verification.content import incident_table
from ceasefire.ingest.simulation_files import read_truth
from ceasefire.store.database import Store
from ceasefire.store.incidents import incidents
from ceasefire.workflows.incidents import membership
from ceasefire.workflows.observations import ObservationFilter, list_observations


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
