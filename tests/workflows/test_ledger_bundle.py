"""Bundles on both databases: salted commitments, export, verification with no database,
nothing restricted in the bytes, held checkpoints, equivocation."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select, text

from ceasefire.core.actor import Actor
from ceasefire.core.ledger.checkpoint import (
    Checkpoint,
    generate_private_key,
    key_id,
    public_key_pem,
    raw_public_key,
    sign_head,
)
from ceasefire.settings import Settings
from ceasefire.store.commitments import row_salts
from ceasefire.store.database import Store
from ceasefire.workflows.agreements import load_shipped_agreements
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.ledger import make_checkpoint, verify_ledger
from ceasefire.workflows.ledger_bundle import export_bundle, verify_bundle

HEADER = (
    "key,source_kind,source_name,start,act,lat,lon,observer_lat,observer_lon,"
    "bearing_min_deg,bearing_max_deg,distance_min_m,distance_max_m,evidence_collector,text\n"
)
ROWS = (
    "m1,monitor_team,Patrol Kestrel-7,2025-04-20T10:00:00Z,shelling,,,48.123457,37.654321,"
    "40,60,1000,3000,Ivanna Hrytsenko,heard shelling\n"
    "s1,sensor,Camera 4,2025-04-20T10:01:00Z,shelling,48.281,37.181,,,,,,,,flash seen\n"
    "w1,media,Wire,2025-04-20T10:02:00Z,shelling,48.279,37.182,,,,,,,,reported\n"
)
SECRET_VALUES = [
    b"Patrol Kestrel-7",
    b"Ivanna Hrytsenko",
    b"48123457",
    b"37654321",
    b"tester",
    b"Camera 4",
]
KEY = generate_private_key()


@pytest.fixture
def filled(store: Store, actor: Actor, tmp_path: Path) -> Checkpoint:
    path = tmp_path / "obs.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    ingest_file(store, actor, path, settings=Settings.from_env(env={}))
    load_shipped_agreements(store, actor)
    return make_checkpoint(store, actor, KEY)


def test_only_the_monitor_row_is_salted_and_the_database_verifies(
    store: Store, filled: Checkpoint
) -> None:
    with store.reader.connect() as connection:
        query = select(row_salts.c.fields).order_by(row_salts.c.row_id)
        salted = connection.execute(query).scalars().all()
    assert salted == [
        "bearing_max_deg,bearing_min_deg,distance_max_m,distance_min_m,evidence_collector,"
        "key,observer_lat,observer_lon,source_name",
        "key,source_name",  # a sensor's name is restricted too; a media row is not salted
    ]
    report = verify_ledger(store, checkpoints=[("held", filled)])
    assert report.ok, report.problems


def test_deleting_a_salt_breaks_the_import_root(store: Store, filled: Checkpoint) -> None:
    with store.writer.begin() as connection:
        connection.execute(text("DELETE FROM row_salts"))
    problems = [str(p) for p in verify_ledger(store).problems]
    assert any("Merkle root" in p and "import 1" in p for p in problems), problems


def test_a_liaison_bundle_verifies_alone_and_holds_no_monitor_identity_or_position(
    store: Store, filled: Checkpoint, tmp_path: Path
) -> None:
    out = tmp_path / "bundle.jsonl"
    summary = export_bundle(store, out, for_party="UA")
    data = out.read_bytes()
    for secret in SECRET_VALUES:
        assert secret not in data, secret
    assert b"Wire" in data  # unrestricted values travel as they are
    assert summary.rows >= 3
    public = raw_public_key(public_key_pem(KEY))
    report = verify_bundle(out, checkpoints=[("held", filled)], trusted_keys={key_id(public)})
    assert report.ok, report.problems
    assert report.rows_checked == summary.rows


def test_a_held_checkpoint_from_another_history_is_equivocation(
    store: Store, filled: Checkpoint, tmp_path: Path
) -> None:
    out = tmp_path / "bundle.jsonl"
    export_bundle(store, out)
    forged = sign_head(KEY, None, filled.size, b"\x07" * 32, filled.signed_at)
    report = verify_bundle(out, checkpoints=[("ua.json", filled), ("ru.json", forged)])
    problems = [str(p) for p in report.problems]
    assert any(p.startswith("ua.json and ru.json: equivocation") for p in problems), problems


def test_a_bundle_cut_below_a_held_checkpoint_is_truncation(
    store: Store, filled: Checkpoint, tmp_path: Path
) -> None:
    out = tmp_path / "bundle.jsonl"
    export_bundle(store, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    kept = [line for line in lines[1:] if json.loads(line).get("entry", 0) < filled.size]
    kept = [line for line in kept if "checkpoint" not in json.loads(line)]
    last = json.loads([line for line in kept if "previous_hash" in line][-1])
    header.update(size=last["entry"], head_hash=last["entry_hash"])
    cut = tmp_path / "cut.jsonl"
    cut.write_text("\n".join([json.dumps(header), *kept]) + "\n", encoding="utf-8")
    report = verify_bundle(cut, checkpoints=[("held.json", filled)])
    assert "the ledger was truncated" in str(report.problems[0])


def test_a_countersigned_checkpoint_verifies_and_a_bad_countersignature_is_named(
    store: Store, filled: Checkpoint, tmp_path: Path
) -> None:
    from ceasefire.core.ledger.checkpoint import countersign

    out = tmp_path / "bundle.jsonl"
    export_bundle(store, out)
    party = generate_private_key()
    signed = countersign(filled, party, None)
    assert verify_bundle(out, checkpoints=[("ua.json", signed)]).ok
    broken = replace(
        signed, countersignatures=(replace(signed.countersignatures[0], signature=bytes(64)),)
    )
    problems = [str(p) for p in verify_bundle(out, checkpoints=[("ua.json", broken)]).problems]
    assert problems and problems[0].startswith("ua.json: the countersignature")


def test_the_demo_record_signs_and_exports_a_bundle_that_verifies_alone(
    store: Store, actor: Actor, filled: Checkpoint, tmp_path: Path
) -> None:
    from ceasefire.workflows.ledger_bundle import MISSION_KEY, sign_and_export

    checkpoint, out = sign_and_export(store, actor, tmp_path)
    assert (tmp_path / MISSION_KEY).stat().st_mode & 0o077 == 0
    assert checkpoint.size >= filled.size  # nothing new since `filled`: its checkpoint serves
    assert verify_bundle(out, checkpoints=[("demo", checkpoint)]).ok
    again, _out = sign_and_export(store, actor, tmp_path)
    assert again == checkpoint  # a re-run that added nothing signs nothing new


def test_the_demo_bundle_verifies_alone_with_its_runs_and_names_no_team(tmp_path: Path) -> None:
    from ceasefire.workflows.demo import run_demo

    run_demo(tmp_path / "demo", Actor.local_cli("tester"), Settings.from_env(env={}), days=1)
    out = tmp_path / "demo" / "ledger-bundle.jsonl"
    report = verify_bundle(out)
    assert report.ok, report.problems
    assert set(report.not_covered) <= {"row withheld (checked as a hash)"}, report.not_covered
    data = out.read_bytes()
    assert b"mission team" not in data and b"local:tester" not in data
    refs = [json.loads(line).get("ref", "") for line in data.decode("utf-8").splitlines()]
    assert any(ref.startswith("incident INC-") for ref in refs)
    assert any(ref.startswith("finding FND-") for ref in refs)
