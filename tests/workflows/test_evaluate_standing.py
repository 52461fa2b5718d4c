"""Findings in their own right, in the store on SQLite and PostgreSQL: storage shortfalls,
inspections refused, restrictions and interference come out of ``evaluate`` from ingested
files, keep their IDs on re-evaluation, filter by kind and go through adjudication."""

# ruff: noqa: E501 - the CSV rows are data, kept whole so they read as the files do

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from ceasefire.core.actor import Actor, Role
from ceasefire.core.compliance.adjudication import Action, Request, State
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.adjudicate import adjudicate, due
from ceasefire.workflows.agreements import load_shipped_agreements
from ceasefire.workflows.evaluate import evaluate_store
from ceasefire.workflows.findings import FindingFilter, list_findings, show_finding
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.verify import verify

SITES = """\
site_id,party,site_name,lat,lon,declared_at,source_tz,weapon_type,calibre_mm,model,declared_count,inspected_at,inspected_by,counted
UA-T1,Ukraine,Test site (generated),48.62,37.02,2025-04-15T12:00,Europe/Kyiv,mlrs.light,122,BM-21 Grad,10,2025-04-20T11:00,Team A,7
UA-T1,Ukraine,Test site (generated),48.62,37.02,2025-04-15T12:00,Europe/Kyiv,tank,125,T-72,6,2025-04-20T11:00,Team A,6
RU-T1,Russia,Depot (generated),48.15,38.20,2025-04-15T12:00,Europe/Kyiv,mortar,120,,12,,,
"""
EFFORT = """\
key,source_name,kind,team,start,end,source_tz,lat,lon,radius_m,place_name,restricted_by,reason,text
r1,Test mission (generated),restriction,T1,2025-04-20T09:15,,Europe/Kyiv,48.4,37.85,1000,Toretsk,Ukraine (brigade escort),denied_at_checkpoint,generated
r2,Test mission (generated),restriction,T2,2025-04-20T13:00,,Europe/Kyiv,48.33,37.21,1000,Rodynske,unknown,mines,generated
r3,Test mission (generated),restriction,T3,2025-04-21T10:00,,Europe/Kyiv,48.15,38.2,500,RU-T1 depot gate,armed men,denied_at_checkpoint,generated
r4,Test mission (generated),restriction,T3,2025-04-21T12:00,,Europe/Kyiv,48.6,37.5,1000,Druzhkivka,unknown,weather,generated
"""
OBSERVATIONS = """\
key,source_kind,source_name,reliability,credibility,start,act,lat,lon,radius_m,alleged_perpetrator,text
j1,monitor_team,Team 5,A,1,2025-04-20T07:00:00Z,uav_jamming,48.55,37.70,2000,RU,UAV lost its link
"""
CHIEF = Actor(user="chief", role=Role.CHIEF_MONITOR)


def _setup(store: Store, actor: Actor, tmp_path: Path) -> None:
    load_shipped_agreements(store, actor)
    for name, text in (
        ("storage_sites.csv", SITES),
        ("effort.csv", EFFORT),
        ("observations.csv", OBSERVATIONS),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        ingest_file(store, actor, path, settings=Settings.from_env(env={}))
    verify(store, actor)


def _by_kind(store: Store, kind: str) -> list[dict[str, object]]:
    return list(list_findings(store, FindingFilter(kind=kind)))


def test_evaluate_produces_findings_in_their_own_right(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    _setup(store, actor, tmp_path)
    evaluate_store(store, actor)
    (shortfall,) = _by_kind(store, "storage_shortfall")
    assert (shortfall["responsible_party"], shortfall["verdict"]) == ("UA", "violation")
    assert str(shortfall["trace"]).startswith(
        "3 of 10 declared BM-21 Grad (122 mm) missing from Test site (generated) at inspection "
        "20 Apr 2025 11:00 Kyiv time"
    )
    assert shortfall["incident_id"] is None and shortfall["agreement_id"] is None
    (refused,) = _by_kind(store, "inspection_refused")
    assert refused["responsible_party"] == "RU"  # the party holding the depot
    restrictions = {str(f["subject"]): f for f in _by_kind(store, "restriction")}
    assert set(restrictions) == {"Test mission (generated)/r1", "Test mission (generated)/r2"}
    assert restrictions["Test mission (generated)/r1"]["responsible_party"] == "UA"
    assert restrictions["Test mission (generated)/r2"]["verdict"] == "indeterminate"
    (jamming,) = _by_kind(store, "interference")
    assert jamming["incident_id"] is not None
    assert "UAV jamming" in str(jamming["trace"])
    incident_kind = _by_kind(store, "incident")
    assert all(f["incident_id"] for f in incident_kind)


def test_re_evaluation_keeps_ids_and_adjudication_accepts_them(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    _setup(store, actor, tmp_path)
    evaluate_store(store, actor)
    before = {f["subject"]: f["finding_id"] for f in list_findings(store, FindingFilter())}
    again = evaluate_store(store, actor)
    assert (again.created, again.changed, again.retired, again.run_id) == (0, 0, 0, None)
    after = {f["subject"]: f["finding_id"] for f in list_findings(store, FindingFilter())}
    assert after == before
    (shortfall,) = _by_kind(store, "storage_shortfall")
    finding_id = str(shortfall["finding_id"])
    liaison = Actor(user="taras", role=Role.PARTY_LIAISON, party="UA")
    assert [d.finding_id for d in due(store, within=timedelta(days=30), party="UA")]
    adjudicate(store, liaison, finding_id, Request(Action.DISPUTE, "the rockets were moved"))
    assert show_finding(store, finding_id)["status"] == State.DISPUTED.value
