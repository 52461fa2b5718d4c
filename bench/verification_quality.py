"""Verification quality on the real simulator: simulate → parse → verify → score, in memory.

For each scenario and seed: ``run_scenario`` (no files), the same text columns ``observations.csv``
holds → :func:`~ceasefire.core.observations.parse_columns` (with the default area of interest,
as ``ceasefire ingest``) → canonical bytes → records as the store returns them
(``observation_record``) → place names resolved through :class:`PlaceIndex` exactly as
``ceasefire verify`` does → ``VerificationBatch.from_records`` → ``cluster`` → ``assess`` (control
areas at the data's middle time) → ``score``; then compliance: the incidents evaluated against
the shipped agreements as ``ceasefire evaluate`` does, scored against the simulator's labels
(``truth/violations.csv``) with :func:`ceasefire.workflows.score.compliance_scores`. The
verification numbers equal the CLI path's (``simulate``/``ingest``/``verify``/``score``) on the
same scenario and seed; the compliance ones come within a few findings of it (the CLI evaluates
incidents as stored: default seed 2025 gives the same precision and recall, indeterminate rate
0.550 against 0.549 here).

``python -m bench.verification_quality [--seeds 2025,1] [--scenarios default,quiet] [--pairs]``
prints the Markdown section; ``--pairs`` adds where recall is lost: pairs of observations of
one true event that ended up in different incidents, by the two reports' forms.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ceasefire.core.compliance import Incidents
from ceasefire.core.compliance import evaluate as evaluate_terms
from ceasefire.core.observations import canonicalise, parse_columns
from ceasefire.core.places import PlaceIndex
from ceasefire.core.simulate import (
    Simulation,
    observation_columns,
    scenario_named,
    truth_event_columns,
    truth_observation_columns,
)
from ceasefire.core.verification import (
    ClusterParams,
    IncidentTable,
    VerificationBatch,
    assess,
    cluster,
    score,
)
from ceasefire.ingest.agreement_files import load_layer
from ceasefire.ingest.geography import control_areas_at
from ceasefire.ingest.places import gazetteer_entries
from ceasefire.settings import Settings
from ceasefire.workflows.observations import observation_record
from ceasefire.workflows.score import (
    Finding,
    compliance_scores,
    majority_events,
    scored_events,
    shipped_agreements,
)
from ceasefire.workflows.simulate import run_scenario, true_violations
from ceasefire.workflows.verify import middle_time, resolve_places

SCENARIOS = ("default", "quiet", "dense")
SEEDS = (2025, 1, 2)


@dataclass
class Outcome:
    """One scenario × seed run: the scores, the observations and their incidents."""

    scenario: str
    seed: int
    scores: dict[str, float | int | None]
    seconds: float
    batch: VerificationBatch
    labels: np.ndarray
    table: IncidentTable
    truth: list[dict[str, str | None]]
    records: list[dict[str, object]]


def _columns(rows: dict[str, list[str | None]], size: int) -> list[dict[str, str | None]]:
    return [{name: rows[name][i] for name in rows} for i in range(size)]


_INDEX: list[PlaceIndex] = []


def place_index() -> PlaceIndex:
    """The shipped gazetteer's index (built once)."""
    if not _INDEX:
        _INDEX.append(PlaceIndex(gazetteer_entries()))
    return _INDEX[0]


def evaluate(scenario: str, seed: int, params: ClusterParams | None = None) -> Outcome:
    """Simulate ``scenario`` with ``seed`` and verify and score it in memory (``params``: the
    clustering knobs, default as ``ceasefire verify``)."""
    sim = run_scenario(scenario_named(scenario), seed)
    size = len(sim.rows["event"])
    text = observation_columns(sim, 0, size)
    parsed, _ = parse_columns(
        text, row_numbers=list(range(2, size + 2)), area=Settings().area_of_interest
    )
    _, blobs, _ = canonicalise(parsed)
    records = []
    for number, blob in enumerate(blobs, start=1):
        record = observation_record(blob)
        record["id"] = number
        records.append(record)
    plain = VerificationBatch.from_records([dict(r) for r in records])
    resolve_places(records, place_index())
    started = time.perf_counter()
    batch = VerificationBatch.from_records(records)
    moment = middle_time(records)
    control = control_areas_at(moment) if moment else None
    labels = cluster(batch, params, control)
    table = assess(batch, labels, control=control, params=params)
    seconds = time.perf_counter() - started
    events = _columns(truth_event_columns(sim, 0, len(sim.events)), len(sim.events))
    truth = _columns(truth_observation_columns(sim, 0, size), size)
    membership = {
        (str(s), str(k)): int(label)
        for s, k, label in zip(batch.source_name.tolist(), batch.key.tolist(), labels.tolist(),
                               strict=True)
    }  # fmt: skip
    scores = score(events, truth, membership, table, batch=plain)  # type: ignore[arg-type]
    scores.update(_compliance(sim, events, truth, membership, table))
    return Outcome(scenario, seed, scores, seconds, batch, labels, table, truth, records)


def _compliance(
    sim: Simulation,
    events: list[dict[str, str | None]],
    truth: list[dict[str, str | None]],
    membership: dict[tuple[str, str], int],
    table: IncidentTable,
) -> dict[str, float | int | None]:
    """Findings of the incidents (as ``ceasefire evaluate``) scored against the true labels."""
    true_events, labels = true_violations(sim)
    rows = labels.columns(true_events)
    violation_rows = [
        dict(zip(rows, values, strict=True)) for values in zip(*rows.values(), strict=True)
    ]
    text = [{k: v or "" for k, v in row.items()} for row in truth]
    major = majority_events(text, membership)
    incidents = Incidents.from_table(table)
    found: list[Finding] = []
    for agreement in shipped_agreements({row["agreement_id"] for row in violation_rows}):
        findings = evaluate_terms(agreement, incidents, layers=load_layer)
        for (label, term, version), verdict in findings.keyed(incidents).items():
            found.append((major.get(int(label)), agreement.id, term, version, verdict))
    event_rows = [{k: v or "" for k, v in row.items()} for row in events]
    return compliance_scores(
        violation_rows,
        event_rows,
        found,
        scored_events(text, membership),
    )


def form(record: dict[str, object], channel: str) -> str:
    """A report's channel and location form, e.g. ``monitor_patrol/sector``, ``media/place``."""
    if record.get("place_resolved"):
        where = "place"
    elif "lat" in record:
        where = "point"
    elif "observer_lat" in record:
        where = "sector"
    else:
        where = "none"
    return f"{channel}/{where}"


def split_pairs(outcome: Outcome) -> Counter[tuple[str, str]]:
    """Pairs of one true event's observations put in different incidents, by their forms."""
    channel = {(t["source_name"], t["key"]): (t["channel"], t["event_id"]) for t in outcome.truth}
    by_event: dict[str, list[tuple[str, int]]] = {}
    for record, label in zip(outcome.records, outcome.labels.tolist(), strict=True):
        chan, event = channel[(str(record["source_name"]), str(record["key"]))]
        if event:
            by_event.setdefault(str(event), []).append((form(record, str(chan)), int(label)))
    pairs: Counter[tuple[str, str]] = Counter()
    for members in by_event.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                if members[a][1] != members[b][1]:
                    first, second = sorted((members[a][0], members[b][0]))
                    pairs[(first, second)] += 1
    return pairs


COLUMNS = (
    ("bcubed_precision", "P"), ("bcubed_recall", "R"), ("bcubed_f1", "F1"),
    ("naive_bcubed_f1", "naive F1"), ("attribution_coverage", "coverage"),
    ("wrong_party_rate", "wrong party"), ("fabricated_above_possible", "fabricated > possible"),
)  # fmt: skip


COMPLIANCE_COLUMNS = (
    ("violation_precision", "P"), ("violation_recall", "R (observed events)"),
    ("violation_recall_all_events", "R (all events)"), ("indeterminate_rate", "indeterminate"),
    ("violation_precision_on_truth", "P on truth"), ("violation_recall_on_truth", "R on truth"),
    ("attribution_coverage", "attribution coverage"),
    ("true_violations_observed", "true violations observed / all"),
)  # fmt: skip
COMPLIANCE_NOTE = (
    "\nCounted over (true event, agreement term, party version); an indeterminate finding is a "
    "miss; an incident stands for the true event most of its observations report "
    '(docs/simulator.md, "Scoring compliance"). "On truth": the evaluator alone on the true '
    "events as exact, attributed incidents. Targets (default): on truth P >= 0.95, R >= 0.95; "
    "end to end P >= 0.90, R >= 0.85.\n"
)


def run(seeds: Sequence[int] = SEEDS, scenarios: Sequence[str] = SCENARIOS,
        *, pairs: bool = False) -> str:  # fmt: skip
    """The Markdown section: a row per scenario × seed (and, with ``pairs``, the split pairs)."""
    lines = [
        "\n## Verification quality on the simulator (in memory, as `ceasefire verify`)\n",
        "| scenario | seed | "
        + " | ".join(title for _, title in COLUMNS)
        + " | incidents / true events | verify s |",
        "|---|---:|" + "---:|" * (len(COLUMNS) + 2),
    ]
    notes: list[str] = []
    compliance = [
        "\n### Compliance on the simulator (findings against `truth/violations.csv`)\n",
        "| scenario | seed | " + " | ".join(title for _, title in COMPLIANCE_COLUMNS) + " |",
        "|---|---:|" + "---:|" * len(COMPLIANCE_COLUMNS),
    ]
    for name in scenarios:
        for seed in seeds:
            outcome = evaluate(name, seed)
            s = outcome.scores
            compliance.append(
                "| "
                + " | ".join(
                    [name, str(seed)]
                    + [
                        "n/a" if s[key] is None else f"{s[key]:.3f}"
                        for key, _ in COMPLIANCE_COLUMNS[:7]
                    ]
                    + [
                        f"{s[key]:,} / {s[k2]:,}"
                        for key, k2 in (("true_violations_observed", "true_violations"),)
                    ]
                )
                + " |"
            )
            cells = [name, str(seed)] + [f"{s[key]:.3f}" for key, _ in COLUMNS]
            cells += [f"{s['incidents']:,} / {s['true_events']:,}", f"{outcome.seconds:.1f}"]
            lines.append("| " + " | ".join(cells) + " |")
            if pairs:
                found = split_pairs(outcome)
                total = sum(found.values())
                top = ", ".join(f"{a} + {b}: {n}" for (a, b), n in found.most_common(12))
                notes.append(f"- {name} seed {seed}: {total:,} split pairs; {top}")
    targets = (
        "\nTargets (default): F1 >= 0.95; wrong party <= 0.02 at coverage >= 0.6; "
        "fabricated > possible < 0.02.\n"
    )
    return (
        "\n".join(lines)
        + targets
        + "\n".join(compliance)
        + COMPLIANCE_NOTE
        + ("\n".join(["", "Split pairs:", *notes]) if notes else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.verification_quality")
    parser.add_argument("--seeds", default=",".join(map(str, SEEDS)))
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--pairs", action="store_true", help="show the split pairs")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    print(run(seeds, args.scenarios.split(","), pairs=args.pairs))


if __name__ == "__main__":
    main()

__all__ = ["evaluate", "run", "split_pairs"]
