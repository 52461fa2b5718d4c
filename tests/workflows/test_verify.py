"""Verification in the store, on SQLite and PostgreSQL: incremental runs, stable IDs,
decisions replayed, lineage, unlocatable observations kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire.core.actor import Actor
from ceasefire.core.verification.decisions import DecisionKind
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.decide import DecisionError, decide
from ceasefire.workflows.incidents import IncidentFilter, list_incidents, show_incident
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.verify import verify

HEADER = (
    "key,source_kind,source_name,reliability,credibility,start,act,lat,lon,radius_m,"
    "place_name,alleged_perpetrator,text\n"
)
# Two events 40 km and 6 hours apart, each seen by a monitor and a camera.
EVENT_A = [
    "a1,monitor_team,Team 1,B,2,2025-04-20T10:00:00Z,shelling.artillery,48.28,37.18,1500,,,",
    "a2,sensor,Camera 4,A,1,2025-04-20T10:01:00Z,shelling,48.281,37.181,300,,,",
]
EVENT_B = [
    "b1,monitor_team,Team 2,B,2,2025-04-20T16:00:00Z,drone_strike.fpv,48.60,37.80,1500,,,",
    "b2,sensor,Camera 7,A,1,2025-04-20T16:02:00Z,drone_strike,48.601,37.801,300,,,",
]
LATE_A = ["a3,monitor_team,Team 3,B,2,2025-04-20T10:02:00Z,shelling,48.279,37.182,2000,,,"]
NOWHERE = ["n1,media,Wire,C,3,2025-04-20T12:00:00Z,shelling,,,,Atlantis,,nowhere to be found"]


def _ingest(store: Store, actor: Actor, tmp_path: Path, name: str, rows: list[str]) -> None:
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    ingest_file(store, actor, path, settings=Settings.from_env(env={}))


def _incidents(store: Store) -> dict[str, dict[str, object]]:
    return {str(r["incident_id"]): r for r in list_incidents(store, IncidentFilter())}


def test_first_run_builds_one_incident_per_event(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    _ingest(store, actor, tmp_path, "one.csv", EVENT_A + EVENT_B)
    outcome = verify(store, actor)
    assert (outcome.observations, outcome.created) == (4, 2)
    found = _incidents(store)
    assert sorted(len(r["observations"]) for r in found.values()) == [2, 2]  # type: ignore[arg-type]
    assert all(r["confidence"] in ("confirmed", "probable") for r in found.values())
    assert verify(store, actor).run_id is None  # nothing new: nothing to do


def test_a_late_report_joins_its_incident_which_keeps_its_id(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    _ingest(store, actor, tmp_path, "one.csv", EVENT_A + EVENT_B)
    verify(store, actor)
    before = _incidents(store)
    _ingest(store, actor, tmp_path, "late.csv", LATE_A)
    outcome = verify(store, actor)
    assert (outcome.created, outcome.changed, outcome.retired) == (0, 1, 0)
    after = _incidents(store)
    assert set(after) == set(before)
    grown = [i for i in after if len(after[i]["observations"]) == 3]  # type: ignore[arg-type]
    assert len(grown) == 1 and after[grown[0]]["version"] == 2


def test_unlocatable_observation_is_kept_as_its_own_incident(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    _ingest(store, actor, tmp_path, "one.csv", EVENT_A + NOWHERE)
    verify(store, actor)
    found = _incidents(store)
    lonely = [r for r in found.values() if r.get("locatable") is False]
    assert len(lonely) == 1 and len(lonely[0]["observations"]) == 1  # type: ignore[arg-type]


def test_decisions_are_replayed_and_survive_a_full_rerun(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    _ingest(store, actor, tmp_path, "one.csv", EVENT_A + EVENT_B)
    verify(store, actor)
    first, second = sorted(_incidents(store))
    decide(store, actor, DecisionKind.MERGE, first, others=[second], reason="same barrage")
    outcome = verify(store, actor, full=True)
    assert (outcome.created, outcome.retired) == (1, 2)
    merged = list(_incidents(store).values())
    assert len(merged) == 1 and len(merged[0]["observations"]) == 4  # type: ignore[arg-type]
    merged_id = str(merged[0]["incident_id"])
    detail = show_incident(store, merged_id)
    assert {parent for parent, kind, _ in detail.parents} == {first, second}
    assert all(kind == "merge" for _, kind, _ in detail.parents)
    decide(store, actor, DecisionKind.GRADE, merged_id, value="possible", reason="doubtful")
    decide(store, actor, DecisionKind.ATTRIBUTE, merged_id, value="contested", reason="both")
    verify(store, actor, full=True)
    verify(store, actor, full=True)
    record = _incidents(store)[merged_id]
    assert (record["confidence"], record["attribution"]) == ("possible", "contested")
    assert len(show_incident(store, merged_id).decisions) == 2
    retired = show_incident(store, first)
    assert retired.active is False and retired.children[0][0] == merged_id


def test_bad_decisions_are_refused(store: Store, actor: Actor, tmp_path: Path) -> None:
    _ingest(store, actor, tmp_path, "one.csv", EVENT_A)
    verify(store, actor)
    (only,) = _incidents(store)
    with pytest.raises(DecisionError, match="expected one of"):
        decide(store, actor, DecisionKind.GRADE, only, value="certain", reason="x")
    with pytest.raises(DecisionError, match="reason"):
        decide(store, actor, DecisionKind.DISCOUNT, only, reason=" ")
    with pytest.raises(DecisionError, match="not members"):
        decide(store, actor, DecisionKind.SPLIT, only, observations=[999], reason="x")


def test_a_decision_alone_triggers_the_next_run(store: Store, actor: Actor, tmp_path: Path) -> None:
    _ingest(store, actor, tmp_path, "one.csv", EVENT_A)
    verify(store, actor)
    (only,) = _incidents(store)
    decide(store, actor, DecisionKind.DISCOUNT, only, reason="staged footage")
    outcome = verify(store, actor)
    assert outcome.run_id is not None and outcome.changed == 1
    assert _incidents(store)[only]["confidence"] == "discounted"


def test_a_revised_observation_replaces_its_old_revision(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    _ingest(store, actor, tmp_path, "one.csv", EVENT_A)
    verify(store, actor)
    revised = [EVENT_A[0].replace("shelling.artillery", "shelling.mortar")]
    _ingest(store, actor, tmp_path, "two.csv", revised)
    verify(store, actor)
    (incident,) = _incidents(store).values()
    detail = show_incident(store, str(incident["incident_id"]))
    assert sorted(o["act"] for o in detail.observations) == ["shelling", "shelling.mortar"]
