"""Evaluation in the store, on SQLite and PostgreSQL: findings per party version with traces,
stable IDs across re-runs, retired when their incident goes."""

from __future__ import annotations

from pathlib import Path

from ceasefire.core.actor import Actor
from ceasefire.core.verification.decisions import DecisionKind
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.agreements import load_shipped_agreements
from ceasefire.workflows.decide import decide
from ceasefire.workflows.evaluate import evaluate_store
from ceasefire.workflows.findings import FindingFilter, list_findings, show_finding
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.verify import verify

HEADER = (
    "key,source_kind,source_name,reliability,credibility,start,act,lat,lon,radius_m,"
    "fire_from_bearing_deg,perception,text\n"
)
# An artillery strike on Ukrainian-held Kostiantynivka during the Easter truce (19 Apr 2025,
# 20:10 Kyiv time), seen by a camera and a monitor patrol, fire coming from the east.
EASTER = [
    "e1,sensor,Camera 3,A,1,2025-04-19T17:10:00Z,shelling.artillery,48.527,37.706,300,95,"
    "imagery,impact",
    "e2,monitor_team,Team 5,B,2,2025-04-19T17:11:00Z,shelling.artillery,48.528,37.705,1000,"
    "95,seen,four rounds from the east",
]


def _setup(store: Store, actor: Actor, tmp_path: Path) -> None:
    load_shipped_agreements(store, actor)
    path = tmp_path / "easter.csv"
    path.write_text(HEADER + "\n".join(EASTER) + "\n", encoding="utf-8")
    ingest_file(store, actor, path, settings=Settings.from_env(env={}))
    verify(store, actor)


def test_findings_carry_per_version_verdicts_and_traces(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    _setup(store, actor, tmp_path)
    outcome = evaluate_store(store, actor)
    assert outcome.created > 0
    easter = list(list_findings(store, FindingFilter(agreement="easter-truce-2025")))
    assert [f["version_party"] for f in easter] == ["RU"]
    (finding,) = easter
    assert (finding["verdict"], finding["responsible_party"]) == ("violation", "RU")
    assert "inside the term's window under Russia's version" in str(finding["trace"])
    assert "attributed to Russia" in str(finding["trace"])
    energy = list(list_findings(store, FindingFilter(agreement="energy-moratorium-2025")))
    assert {f["version_party"] for f in energy} == {"RU", "UA"}  # one finding per version
    assert "not in registry" in str(energy[0]["trace"])
    assert str(finding["finding_id"]).startswith("FND-")
    shown = show_finding(store, str(finding["finding_id"]))
    assert shown["trace"] == finding["trace"]


def test_rerun_is_stable_and_a_retired_incident_retires_its_findings(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    _setup(store, actor, tmp_path)
    evaluate_store(store, actor)
    before = {f["finding_id"] for f in list_findings(store, FindingFilter())}
    again = evaluate_store(store, actor)
    assert (again.created, again.changed, again.retired, again.run_id) == (0, 0, 0, None)
    assert {f["finding_id"] for f in list_findings(store, FindingFilter())} == before
    incident = str(next(iter(list_findings(store, FindingFilter())))["incident_id"])
    decide(store, actor, DecisionKind.SPLIT, incident, observations=[1], reason="two events")
    verify(store, actor)
    after = evaluate_store(store, actor)
    assert after.retired == len(before)
    retired = list(list_findings(store, FindingFilter(include_retired=True)))
    assert {f["finding_id"] for f in retired if not f["active"]} == before


def test_a_signed_off_finding_whose_verdict_changes_goes_back_to_proposed(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    from ceasefire.core.actor import Role
    from ceasefire.core.compliance.adjudication import Action, Request
    from ceasefire.workflows.adjudicate import adjudicate, history

    _setup(store, actor, tmp_path)
    evaluate_store(store, actor)
    (finding,) = list_findings(store, FindingFilter(agreement="easter-truce-2025"))
    chief = Actor(user="chief", role=Role.CHIEF_MONITOR)
    later = datetime.now(UTC) + timedelta(hours=49)  # after the 48 h reply window
    adjudicate(store, chief, str(finding["finding_id"]), Request(Action.SIGN_OFF), now=later)
    assert show_finding(store, str(finding["finding_id"]))["status"] == "signed_off"
    decide(
        store,
        actor,
        DecisionKind.ATTRIBUTE,
        str(finding["incident_id"]),
        value="contested",
        reason="the other side's imagery shows the launch",
    )
    verify(store, actor)
    evaluate_store(store, actor)
    reopened = show_finding(store, str(finding["finding_id"]))
    assert (reopened["verdict"], reopened["status"]) == ("indeterminate", "proposed")
    actions = [event.action for event in history(store, str(finding["finding_id"])).events]
    assert actions[-2:] == ["sign_off", "reopen"]
