"""Compliance scores against the simulator's labels: present, in [0, 1], 1.0 when perfect."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from ceasefire.core.actor import Actor
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.agreements import load_shipped_agreements
from ceasefire.workflows.evaluate import evaluate_store
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.score import (
    COMPLIANCE_SCORES,
    compliance_scores,
    majority_events,
    score_store,
    violation_scores,
)
from ceasefire.workflows.simulate import run_simulation
from ceasefire.workflows.verify import verify


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sim")
    run_simulation("quiet", 11, out, days=3)
    return out


def test_store_scores_have_every_compliance_figure(
    simulated: Path, store: Store, actor: Actor
) -> None:
    load_shipped_agreements(store, actor)
    ingest_file(store, actor, simulated / "observations.csv", settings=Settings.from_env(env={}))
    verify(store, actor)
    evaluate_store(store, actor)
    scores = score_store(store, simulated)
    for name in COMPLIANCE_SCORES[:-2]:
        value = scores[name]
        assert value is not None and 0.0 <= value <= 1.0, name
    assert int(scores["true_violations"] or 0) >= int(scores["true_violations_observed"] or 0) > 0
    assert float(scores["violation_recall_on_truth"] or 0) >= 0.9
    assert float(scores["violation_precision_on_truth"] or 0) >= 0.95


def test_a_perfect_evaluation_scores_one(simulated: Path) -> None:
    labels = _rows(simulated / "truth" / "violations.csv")
    events = _rows(simulated / "truth" / "events.csv")
    found = [
        (r["event_id"], r["agreement_id"], r["term_id"], r["version_party"], "violation")
        for r in labels
        if r["violated"] == "true"
    ]
    found += [
        (r["event_id"], r["agreement_id"], r["term_id"], r["version_party"], "no_violation")
        for r in labels
        if r["violated"] == "false"
    ]
    scores = compliance_scores(labels, events, found)
    assert scores["violation_precision"] == scores["violation_recall"] == 1.0
    assert scores["indeterminate_rate"] == 0.0


def test_indeterminate_is_a_miss_and_a_finding_of_no_event_is_wrong() -> None:
    truth = {("E1", "a", "T", "RU"), ("E2", "a", "T", "RU")}
    found = [
        ("E1", "a", "T", "RU", "violation"),
        ("E2", "a", "T", "RU", "indeterminate"),
        (None, "a", "T", "RU", "violation"),
    ]
    scores = violation_scores(truth, found, observed={"E1"})
    assert scores["violation_precision"] == 0.5
    assert scores["violation_recall"] == 1.0  # E2 was never observed
    assert scores["violation_recall_all_events"] == 0.5
    assert scores["indeterminate_rate"] == round(1 / 3, 4)


def test_an_incident_stands_for_the_event_most_of_its_observations_report() -> None:
    truth = [
        {"source_name": "s", "key": "1", "event_id": "E1", "label": "true"},
        {"source_name": "s", "key": "2", "event_id": "E1", "label": "true"},
        {"source_name": "s", "key": "3", "event_id": "E2", "label": "true"},
        {"source_name": "s", "key": "4", "event_id": "", "label": "fabricated"},
        {"source_name": "s", "key": "5", "event_id": "", "label": "fabricated"},
    ]
    members = {("s", "1"): 0, ("s", "2"): 0, ("s", "3"): 0, ("s", "4"): 1, ("s", "5"): 1}
    assert majority_events(truth, members) == {0: "E1", 1: None}


def test_without_violation_labels_the_figures_are_none(
    simulated: Path, tmp_path: Path, store: Store
) -> None:
    shutil.copytree(simulated / "truth", tmp_path / "truth")
    (tmp_path / "truth" / "violations.csv").unlink()
    scores = score_store(store, tmp_path)
    assert all(scores[name] is None for name in COMPLIANCE_SCORES)
