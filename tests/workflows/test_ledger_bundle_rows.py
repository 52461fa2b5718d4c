"""Bundles carry every kind of ledgered row, on both databases: incidents and findings (run
versions with inclusion proofs), adjudication events, published reports, stances, evidence and
effort; each verifies with no database, an edit of any of them is named, and a party's bundle
holds no monitor's name or position and no one's user name."""

from __future__ import annotations

import io
import json
import os
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire.core.actor import Actor, Role
from ceasefire.core.compliance.adjudication import Action, ReplyKind, Request
from ceasefire.core.custody import EvidenceMetadata
from ceasefire.core.ledger.bundle import BundleCheck
from ceasefire.core.reports.policy import PublicationPolicy
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.adjudicate import adjudicate
from ceasefire.workflows.agreements import load_shipped_agreements
from ceasefire.workflows.evaluate import evaluate_store
from ceasefire.workflows.evidence import add_evidence
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.ledger import make_checkpoint, sequence, verify_ledger
from ceasefire.workflows.ledger_bundle import export_bundle, verify_bundle
from ceasefire.workflows.publish import ReportSpec, publish_report
from ceasefire.workflows.verify import verify

HEADER = (
    "key,source_kind,source_name,reliability,credibility,start,act,lat,lon,radius_m,observer_lat,"
    "observer_lon,bearing_min_deg,bearing_max_deg,distance_min_m,distance_max_m,"
    "alleged_perpetrator,evidence_collector,text\n"
)
ROWS = (
    "m1,monitor_team,Patrol Kestrel-7,A,1,2025-04-19T17:10:00Z,shelling.artillery,48.527,37.706,"
    "300,48.501234,37.654321,40,60,1000,3000,RU,Ivanna Hrytsenko,impact seen\n"
    "w1,media,Wire,B,2,2025-04-19T17:11:00Z,shelling.artillery,48.528,37.705,1000,,,,,,,RU,,rounds\n"
    "w2,media,Wire,B,2,2025-04-19T20:11:00Z,shelling.artillery,47.928,36.905,1000,,,,,,,UA,,east\n"
)
EFFORT = (
    "source_name,kind,team,start,end,place_name\n"
    "mission,patrol,Patrol Kestrel-7,2025-04-19T06:00:00Z,2025-04-19T12:00:00Z,Toretsk sector\n"
)
SECRETS = [
    b"Patrol Kestrel-7",
    b"Ivanna Hrytsenko",
    b"48501234",
    b"37654321",
    b"local:tester",
    b"user:olga",
    b"user:chief",
    b"Drone Unit Falcon",
]
RU = Actor(user="olga", role=Role.PARTY_LIAISON, party="RU")
CHIEF = Actor(user="chief", role=Role.CHIEF_MONITOR)
NOW = datetime(2025, 4, 21, 8, 0, tzinfo=UTC)
KINDS = (
    "verification_run",
    "evaluation_run",
    "finding",
    "published_report",
    "stance_record",
    "evidence",
    "agreement",
    "import",
)


@pytest.fixture
def full(store: Store, actor: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A store with every kind of ledgered row, sequenced and checkpointed."""
    monkeypatch.setitem(os.environ, "MPLCONFIGDIR", str(tmp_path / "mpl"))
    monkeypatch.setenv("CEASEFIRE_EVIDENCE_DIR", str(tmp_path / "evidence"))
    config = Settings.from_env(env={}, evidence_dir=str(tmp_path / "evidence"))
    load_shipped_agreements(store, actor)  # agreements with stances, conditions, lifecycle
    for name, text in (("obs.csv", HEADER + ROWS), ("effort.csv", EFFORT)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        ingest_file(store, actor, tmp_path / name, settings=config)
    verify(store, actor)
    evaluate_store(store, actor)
    reply = Request(Action.REPLY, "not our unit", reply=ReplyKind.CONTEST)
    adjudicate(store, RU, "FND-000001", reply, now=datetime.now(UTC) + timedelta(hours=1))
    publish_report(store, actor, ReportSpec(date(2025, 4, 20)), now=NOW)
    policy = PublicationPolicy(delay_hours=0)
    publish_report(store, actor, ReportSpec(date(2025, 4, 20), public=True), policy=policy, now=NOW)
    for data, meta in (
        (b"open photo", EvidenceMetadata(url="https://example.org/a", collector="Wire")),
        (b"drone clip", EvidenceMetadata(collector="Drone Unit Falcon", restricted=True)),
    ):
        add_evidence(store, actor, io.BytesIO(data), metadata=meta, settings=config)
    sequence(store)
    return store


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _rows_by_kind(lines: list[dict[str, Any]]) -> dict[str, Counter[str]]:
    """Object type of the entry → how many of its rows are shown / withheld."""
    kinds: dict[int, str] = {}
    found: dict[str, Counter[str]] = {}
    for line in lines[1:]:
        if line.get("event"):
            kinds[line["entry"]] = json.loads(line["event"])["object_type"]
        elif "row" in line:
            shape = "withheld" if "withheld" in line else "shown"
            found.setdefault(kinds[line["entry"]], Counter())[shape] += 1
    return found


def test_a_bundle_of_every_kind_verifies_alone_like_the_database(
    full: Store, actor: Actor, tmp_path: Path
) -> None:
    checkpoint = make_checkpoint(full, actor, _key())
    assert verify_ledger(full).ok
    out = tmp_path / "bundle.jsonl"
    summary = export_bundle(full, out)
    report = verify_bundle(out, checkpoints=[("held", checkpoint)])
    assert report.ok, report.problems
    assert report.rows_checked == summary.rows
    assert set(report.not_covered) <= {"row withheld (checked as a hash)"}, report.not_covered
    found = _rows_by_kind(_lines(out))
    assert set(KINDS) <= set(found), found
    assert found["finding"] == Counter(shown=1)  # the adjudication event names a pseudonym
    assert found["evaluation_run"]["shown"] >= 1 and found["verification_run"]["shown"] >= 1
    assert found["verification_run"]["withheld"] >= 1  # INC-000001 quotes Patrol Kestrel-7
    assert found["published_report"]["shown"] == 1  # the public edition's JSON
    assert found["evidence"] == Counter(shown=1, withheld=1)
    assert found["stance_record"]["shown"] >= 1


def test_a_party_bundle_holds_no_monitor_name_position_or_user(full: Store, tmp_path: Path) -> None:
    out = tmp_path / "ru.jsonl"
    summary = export_bundle(full, out, for_party="RU")
    data = out.read_bytes()
    for secret in SECRETS:
        assert secret not in data, secret
    assert verify_bundle(out).ok
    shown = [
        json.loads(line["committed"])
        for line in _lines(out)
        if "committed" in line and line["ref"].startswith(("incident ", "finding "))
    ]
    assert shown and all(row.get("party", row.get("responsible_party")) == "RU" for row in shown), (
        shown
    )
    assert summary.rows_withheld > export_bundle(full, tmp_path / "all.jsonl").rows_withheld


@pytest.fixture
def bundle_lines(full: Store, tmp_path: Path) -> list[dict[str, Any]]:
    out = tmp_path / "bundle.jsonl"
    export_bundle(full, out)
    return _lines(out)


def _problems(lines: list[dict[str, Any]]) -> list[str]:
    check = BundleCheck()
    for number, line in enumerate(lines, start=1):
        check.feed(number, line)
    return [str(problem) for problem in check.finish()]


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_an_edit_of_any_row_of_any_kind_is_named(
    bundle_lines: list[dict[str, Any]], data: st.DataObject
) -> None:
    candidates = [
        i
        for i, line in enumerate(bundle_lines)
        if "row" in line and not line["ref"].startswith(("observations", "claims", "effort"))
    ]
    index = data.draw(st.sampled_from(candidates))
    lines = [dict(line) for line in bundle_lines]
    line = lines[index]
    member = "withheld" if "withheld" in line else "committed"
    text = str(line[member])
    at = data.draw(st.integers(0, len(text) - 1))
    line[member] = text[:at] + ("0" if text[at] != "0" else "1") + text[at + 1 :]
    problems = _problems(lines)
    assert problems
    assert problems[0].startswith(f"entry {line['entry']} row {line['row']} ({line['ref']})")


def test_an_honest_bundle_passes_and_two_swapped_versions_are_out_of_place(
    bundle_lines: list[dict[str, Any]], full: Store
) -> None:
    assert _problems(bundle_lines) == []
    rows = [i for i, line in enumerate(bundle_lines) if line.get("ref", "").startswith("incident")]
    first, second = rows[0], rows[1]
    lines = [dict(line) for line in bundle_lines]
    lines[first], lines[second] = lines[second], lines[first]
    problems = _problems(lines)
    assert problems and "out of place" in problems[0]


def _key() -> bytes:
    from ceasefire.core.ledger.checkpoint import generate_private_key

    return generate_private_key()
