"""``ceasefire score --truth DIR``: the stored incidents and findings against a simulator's truth.

Verification scores (B-cubed, attribution, fabricated complaints) come from
``ceasefire.core.verification.score``. Compliance scores compare findings with the simulator's
own labels (``truth/violations.csv``, written by ``ceasefire.core.simulate.violations``), counted
over (true event, agreement term, party version) triples; see docs/simulator.md, "Scoring
compliance":

- an incident stands for the true event most of its observations report (each fabricated
  observation counts as an event of its own, so an incident made mostly of them stands for none);
- ``violation_precision``: share of 'violation' findings whose incident's event has that
  (term, version) labelled violated;
- ``violation_recall``: share of labelled violations of *observed* events (some scored
  observation reports the event) for which some incident standing for the event has a
  'violation' finding for that term and version (indeterminate is a miss);
  ``violation_recall_all_events`` counts every labelled violation, unobserved events included;
- ``indeterminate_rate``: share of findings that are indeterminate;
- ``…_on_truth``: the evaluator alone, run on the true events as exact, attributed incidents.

>>> truth = {("E1", "a", "T-1", "RU"), ("E2", "a", "T-1", "RU")}
>>> found = [("E1", "a", "T-1", "RU", "violation"), ("E1", "a", "T-1", "RU", "violation"),
...          ("E2", "a", "T-1", "RU", "indeterminate"), (None, "a", "T-1", "RU", "violation")]
>>> s = violation_scores(truth, found, observed={"E1", "E2"})
>>> s["violation_precision"], s["violation_recall"], s["indeterminate_rate"]
(0.6667, 0.5, 0.25)
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from pathlib import Path

from sqlalchemy import select

from ceasefire.core.access import Permission, acting, authorize
from ceasefire.core.actor import Actor
from ceasefire.core.agreement import Agreement
from ceasefire.core.compliance import Incidents, evaluate
from ceasefire.core.verification import VerificationBatch, score
from ceasefire.core.verification.content import incident_table
from ceasefire.ingest.agreement_files import load_layer, read_agreement, shipped_agreement_paths
from ceasefire.ingest.simulation_files import read_truth, read_violations
from ceasefire.store.database import Store
from ceasefire.store.findings import findings
from ceasefire.store.incidents import incidents
from ceasefire.workflows.incidents import membership
from ceasefire.workflows.observations import ObservationFilter, list_observations

Key = tuple[str, str, str, str]
"""(event id, agreement id, term id, version party)."""
Finding = tuple[str | None, str, str, str, str]
"""(true event the incident stands for or None, agreement id, term id, version party, verdict)."""
COMPLIANCE_SCORES = (
    "violation_precision",
    "violation_recall",
    "violation_recall_all_events",
    "indeterminate_rate",
    "violation_precision_on_truth",
    "violation_recall_on_truth",
    "true_violations",
    "true_violations_observed",
)


def _ratio(top: int, bottom: int) -> float | None:
    return round(top / bottom, 4) if bottom else None


def violation_scores(
    truth: set[Key], found: Iterable[Finding], observed: set[str] | None = None
) -> dict[str, float | None]:
    """Precision per violation finding, recall per true triple, indeterminate share of findings.

    ``observed``: the true events some scored observation reports (recall counts only their
    triples; ``violation_recall_all_events`` counts all). None: every event was observed.
    """
    said = correct = undecided = total = 0
    recalled: set[Key] = set()
    for event, agreement, term, version, verdict in found:
        total += 1
        if verdict == "indeterminate":
            undecided += 1
        if verdict != "violation":
            continue
        said += 1
        key = (event or "", agreement, term, version)
        if key in truth:
            correct += 1
            recalled.add(key)
    seen = truth if observed is None else {key for key in truth if key[0] in observed}
    return {
        "violation_precision": _ratio(correct, said),
        "violation_recall": _ratio(len(recalled & seen), len(seen)),
        "violation_recall_all_events": _ratio(len(recalled), len(truth)),
        "indeterminate_rate": _ratio(undecided, total),
    }


def scored_events(
    truth_observations: Sequence[Mapping[str, str]], members: Mapping[tuple[str, str], Hashable]
) -> set[str]:
    """True events reported by at least one scored observation (valid, in some incident)."""
    return {
        row["event_id"]
        for row in truth_observations
        if row.get("event_id")
        and row.get("label") != "invalid"
        and (row["source_name"], row["key"]) in members
    }


def majority_events(
    truth_observations: Sequence[Mapping[str, str]], members: Mapping[tuple[str, str], Hashable]
) -> dict[Hashable, str | None]:
    """The true event each incident stands for: the one most of its observations report.

    Invalid rows and rows in no incident are skipped; a fabricated (or unlabelled) observation
    counts as an event of its own; ties go to the id that sorts first, such an observation
    (``#…``) before a true event (``E…``). None: the incident stands for no true event.
    """
    counts: dict[Hashable, Counter[str]] = {}
    for row in truth_observations:
        key = (row["source_name"], row["key"])
        if row.get("label") == "invalid" or key not in members:
            continue
        event = row.get("event_id") or f"#{row['source_name']}|{row['key']}"
        counts.setdefault(members[key], Counter())[event] += 1
    out: dict[Hashable, str | None] = {}
    for incident, events in counts.items():
        best = min(events.items(), key=lambda item: (-item[1], item[0]))[0]
        out[incident] = None if best.startswith("#") else best
    return out


def labelled_violations(rows: Sequence[Mapping[str, str]]) -> tuple[set[Key], set[str]]:
    """The true triples of ``truth/violations.csv`` rows, and the agreements labelled."""
    truth = {
        (r["event_id"], r["agreement_id"], r["term_id"], r["version_party"])
        for r in rows
        if r["violated"] == "true"
    }
    return truth, {r["agreement_id"] for r in rows}


def shipped_agreements(ids: Iterable[str]) -> list[Agreement]:
    """The shipped agreements with these ids (the ones the simulator labels against)."""
    wanted = set(ids)
    found = [read_agreement(path) for path in shipped_agreement_paths()]
    return sorted((a for a in found if a.id in wanted), key=lambda a: a.id)


def findings_on_truth(
    agreements: Sequence[Agreement], events: Sequence[Mapping[str, str]]
) -> list[Finding]:
    """The evaluator run on the true events as exact, attributed incidents (the upper bound)."""
    batch = Incidents.from_events(events)
    out: list[Finding] = []
    for agreement in agreements:
        table = evaluate(agreement, batch, layers=load_layer)
        for (event, term, version), verdict in sorted(table.keyed(batch).items()):
            out.append((event, agreement.id, term, version, verdict))
    return out


def compliance_scores(
    violation_rows: Sequence[Mapping[str, str]] | None,
    events: Sequence[Mapping[str, str]],
    found: Iterable[Finding],
    observed: set[str] | None = None,
) -> dict[str, float | int | None]:
    """End-to-end and on-truth compliance scores (None without ``truth/violations.csv``).

    ``found`` are the findings with each incident replaced by the true event it stands for
    (:func:`majority_events`); findings of agreements the truth does not label are ignored;
    ``observed`` as :func:`scored_events`.
    """
    if violation_rows is None:
        return dict.fromkeys(COMPLIANCE_SCORES)
    truth, labelled = labelled_violations(violation_rows)
    end_to_end = violation_scores(truth, (f for f in found if f[1] in labelled), observed)
    upper = violation_scores(truth, findings_on_truth(shipped_agreements(labelled), events))
    return {
        **end_to_end,
        "violation_precision_on_truth": upper["violation_precision"],
        "violation_recall_on_truth": upper["violation_recall"],
        "true_violations": len(truth),
        "true_violations_observed": len(truth)
        if observed is None
        else sum(1 for key in truth if key[0] in observed),
    }


def _stored_findings(store: Store) -> list[tuple[str, str, str, str, str]]:
    """(incident id, agreement id, term id, version party, verdict) of the active findings."""
    query = (
        select(
            findings.c.incident_id,
            findings.c.agreement_id,
            findings.c.term_id,
            findings.c.version_party,
            findings.c.verdict,
        )
        .where(findings.c.active.is_(True))
        .order_by(findings.c.id)
    )
    with store.reader.connect() as connection:
        return [(r[0], r[1], r[2], r[3], r[4]) for r in connection.execute(query)]


def score_store(
    store: Store, truth_dir: Path, *, actor: Actor | None = None
) -> dict[str, float | int | None]:
    """Scores of the active incidents and findings in ``store`` against ``truth_dir``."""
    authorize(acting(actor), Permission.SCORE)
    events, truth_observations = read_truth(truth_dir)
    violation_rows = read_violations(truth_dir)
    with store.reader.connect() as connection:
        rows = connection.execute(
            select(incidents.c.incident_id, incidents.c.canonical)
            .where(incidents.c.active.is_(True))
            .order_by(incidents.c.incident_id)
        ).all()
    label_of = {row.incident_id: i for i, row in enumerate(rows)}
    table = incident_table([json.loads(row.canonical) for row in rows])
    stored = [(source, key, incident) for _, source, key, incident, *_ in membership(store)]
    members = {(source, key): label_of[incident] for source, key, incident in stored}
    batch = VerificationBatch.from_records(
        list(list_observations(store, ObservationFilter(current_only=True)))
    )
    figures = score(events, truth_observations, members, table, batch=batch)
    by_id = {(s, k): i for s, k, i in stored}
    major = majority_events(truth_observations, by_id)
    found: list[Finding] = [
        (major.get(incident), agreement, term, version, verdict)
        for incident, agreement, term, version, verdict in _stored_findings(store)
    ]
    observed = scored_events(truth_observations, by_id)
    return {**figures, **compliance_scores(violation_rows, events, found, observed)}
