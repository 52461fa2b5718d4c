"""Scoring verification against a simulator's ground truth (issue [2/6], item 8).

B-cubed precision and recall compare, for every observation, the incident it was put in with the
true event it reports (a fabricated complaint or noise row is its own event): precision is the
share of its incident that reports its event, recall the share of its event's reports that are
in its incident.

>>> p, r, f = bcubed(np.array([0, 0, 1]), np.array([5, 5, 5]))
>>> round(p, 3), round(r, 3), round(f, 3)
(1.0, 0.556, 0.714)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ceasefire.core.verification.model import (
    ABOVE_POSSIBLE,
    Attribution,
    IncidentTable,
    IntArray,
    VerificationBatch,
)
from ceasefire.core.verification.temporal import day_of

NAIVE_CELL_DEG = 0.1


def bcubed(predicted: IntArray, truth: IntArray) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of ``predicted`` labels against ``truth`` labels."""
    if predicted.size == 0:
        return 0.0, 0.0, 0.0
    _, pred = np.unique(predicted, return_inverse=True)
    _, true = np.unique(truth, return_inverse=True)
    pair = pred.astype(np.int64) * (int(true.max()) + 1) + true
    _, pair_code, pair_count = np.unique(pair, return_inverse=True, return_counts=True)
    both = pair_count[pair_code]
    precision = float(np.mean(both / np.bincount(pred)[pred]))
    recall = float(np.mean(both / np.bincount(true)[true]))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def naive_labels(batch: VerificationBatch) -> IntArray:
    """The naive baseline: one incident per place name (else 0.1° grid cell) and UTC day."""
    cell_x = np.floor(batch.lon / NAIVE_CELL_DEG)
    cell_y = np.floor(batch.lat / NAIVE_CELL_DEG)
    keys = [
        f"{p}|{d}" if p is not None else f"{x}|{y}|{d}"
        for p, x, y, d in zip(
            batch.place_name.tolist(),
            cell_x.tolist(),
            cell_y.tolist(),
            day_of(batch.start_s).tolist(),
            strict=True,
        )
    ]
    return np.unique(np.array(keys, dtype=object), return_inverse=True)[1].astype(np.int64)


def score(
    truth_events: Sequence[Mapping[str, str]],
    truth_observations: Sequence[Mapping[str, str]],
    membership: Mapping[tuple[str, str], int],
    incidents: IncidentTable,
    *,
    batch: VerificationBatch | None = None,
) -> dict[str, float | int | None]:
    """Scores of incidents against the truth (see docs/verification-contract.md).

    ``membership`` maps (source_name, key) to an incident label; truth rows labelled
    ``invalid`` and rows with no membership (e.g. quarantined) are not scored. ``batch`` (the
    observations verified) is needed only for ``naive_bcubed_f1``, else it is None.
    """
    perpetrator = {e["event_id"]: e.get("perpetrator", "").strip().upper() for e in truth_events}
    attributable = {
        e["event_id"] for e in truth_events if e.get("attributable", "").lower() == "true"
    }
    keys: list[tuple[str, str]] = []
    labels: list[int] = []
    events: list[str] = []
    fabricated: list[bool] = []
    for row in truth_observations:
        key = (row["source_name"], row["key"])
        if row.get("label") == "invalid" or key not in membership:
            continue
        keys.append(key)
        labels.append(membership[key])
        events.append(row.get("event_id") or f"#{row['source_name']}|{row['key']}")
        fabricated.append(row.get("label") == "fabricated")
    label = np.array(labels, dtype=np.int64)
    event_names, event = np.unique(np.array(events, dtype=object), return_inverse=True)
    precision, recall, f1 = bcubed(label, event)
    # each incident maps to the true event most of its observations report
    pair = label * event_names.size + event
    pairs, pair_count = np.unique(pair, return_counts=True)
    order = np.lexsort((-pair_count, pairs // event_names.size))
    inc_of_pair = pairs[order] // event_names.size
    first = np.ones(order.size, dtype=bool)
    first[1:] = inc_of_pair[1:] != inc_of_pair[:-1]
    major = dict(
        zip(
            inc_of_pair[first].tolist(),
            event_names[pairs[order][first] % event_names.size],
            strict=True,
        )
    )
    attributed = incidents.attribution == Attribution.ATTRIBUTED.value
    wrong = 0
    attributed_count = 0
    covered: set[str] = set()
    for inc, name in major.items():
        if not attributed[inc]:
            continue
        attributed_count += 1
        party = str(incidents.party[inc] or "").strip().upper()
        if perpetrator.get(str(name)) != party:
            wrong += 1
        if str(name) in attributable:
            covered.add(str(name))
    observed_attributable = attributable & set(event_names.tolist())
    fab = np.array(fabricated, dtype=bool)
    above = np.isin(incidents.confidence[label[fab]], list(ABOVE_POSSIBLE))
    naive: float | None = None
    if batch is not None:
        index = {
            (str(s), str(k)): i
            for i, (s, k) in enumerate(
                zip(batch.source_name.tolist(), batch.key.tolist(), strict=True)
            )
        }
        rows = np.array([index[k] for k in keys], dtype=np.int64)
        naive = bcubed(naive_labels(batch)[rows], event)[2]
    return {
        "bcubed_precision": round(precision, 4),
        "bcubed_recall": round(recall, 4),
        "bcubed_f1": round(f1, 4),
        "attribution_coverage": round(len(covered) / max(len(observed_attributable), 1), 4),
        "wrong_party_rate": round(wrong / max(attributed_count, 1), 4),
        "fabricated_above_possible": round(float(above.mean()) if above.size else 0.0, 4),
        "naive_bcubed_f1": None if naive is None else round(naive, 4),
        "observations_scored": int(label.size),
        "incidents": int(np.unique(label).size),
        "true_events": int(sum(1 for n in event_names.tolist() if not str(n).startswith("#"))),
        "attributable_events": len(observed_attributable),
        "attributed_incidents": attributed_count,
        "wrong_party_incidents": wrong,
        "fabricated_complaints": int(fab.sum()),
    }
