"""Runs against their Merkle roots, rows against their stored versions, derived columns against
canonical bytes, adjudication events re-hashed, the batched chain check — on SQLite and
PostgreSQL, tampering by hand with real SQL."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from ceasefire.core.actor import Actor, Role
from ceasefire.core.compliance.adjudication import Action, Request
from ceasefire.core.ledger.run_roots import versions_root
from ceasefire.core.verification.decisions import DecisionKind
from ceasefire.store.database import Store
from ceasefire.store.findings import findings
from ceasefire.store.ledger import ledger
from ceasefire.store.run_versions import run_versions
from ceasefire.workflows import ledger_scan
from ceasefire.workflows.adjudicate import adjudicate
from ceasefire.workflows.agreements import load_shipped_agreements
from ceasefire.workflows.decide import decide
from ceasefire.workflows.evaluate import evaluate_store
from ceasefire.workflows.ledger import sequence, verify_ledger
from ceasefire.workflows.verify import verify
from tests.workflows.test_ledger import FIRST, SECOND, _ingest

CHIEF = Actor(user="chief", role=Role.CHIEF_MONITOR)


@pytest.fixture
def runs(store: Store, actor: Actor, tmp_path: Path) -> Store:
    """Two verification runs (the second regrades an incident), an evaluation run with findings,
    one adjudication step; all sequenced."""
    _ingest(store, actor, tmp_path, "one.csv", FIRST)
    load_shipped_agreements(store, actor)
    verify(store, actor)
    decide(store, actor, DecisionKind.GRADE, "INC-000001", reason="seen", value="confirmed")
    _ingest(store, actor, tmp_path, "two.csv", SECOND)
    verify(store, actor)
    evaluate_store(store, actor)
    with store.reader.connect() as connection:
        finding = connection.execute(
            select(findings.c.finding_id).order_by(findings.c.id).limit(1)
        ).scalar_one()
    adjudicate(store, CHIEF, finding, Request(Action.SIGN_OFF, text="checked"))
    sequence(store)
    return store


def _sql(store: Store, statement: str, **params: object) -> None:
    with store.writer.begin() as connection:
        connection.execute(text(statement), params)


def _problems(store: Store) -> list[str]:
    return [str(p) for p in verify_ledger(store).problems]


def _content(store: Store, object_type: str) -> list[dict[str, object]]:
    with store.reader.connect() as connection:
        rows = connection.execute(
            select(ledger.c.canonical).where(ledger.c.object_type == object_type)
        ).scalars()
        return [json.loads(row)["content"] for row in rows]


def test_each_run_commits_to_the_id_ordered_root_of_the_versions_it_wrote(runs: Store) -> None:
    report = verify_ledger(runs)
    assert report.ok, report.problems
    assert report.not_covered == {}
    with runs.reader.connect() as connection:
        stored = connection.execute(
            select(
                run_versions.c.kind,
                run_versions.c.run_id,
                run_versions.c.object_id,
                run_versions.c.canonical,
            )
        ).all()
    for object_type, kind, prefix in (
        ("verification_run", "incident", "run"),
        ("evaluation_run", "finding", "evaluation"),
    ):
        contents = _content(runs, object_type)
        assert contents and all("versions_merkle_root" in c for c in contents), prefix
        for number, content in enumerate(contents, start=1):
            mine = [
                (r.object_id, bytes(r.canonical))
                for r in stored
                if r.kind == kind and r.run_id == number
            ]
            assert content["versions"] == len(mine)
            assert content["versions_merkle_root"] == versions_root(mine).hex()


def test_a_superseded_version_is_kept(runs: Store) -> None:
    with runs.reader.connect() as connection:
        counts = connection.execute(
            text(
                "SELECT object_id, count(*) FROM run_versions GROUP BY object_id "
                "HAVING count(*) > 1"
            )
        ).all()
    assert counts, "the second verification run should have changed an incident"


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    table=st.sampled_from(["incidents", "findings", "run_versions"]),
    which=st.integers(min_value=0, max_value=50),
    rehash=st.booleans(),
    text_value=st.text(min_size=1, max_size=8),
)
def test_any_edit_of_an_incident_or_finding_or_its_version_is_detected(
    runs: Store, table: str, which: int, rehash: bool, text_value: str
) -> None:
    with runs.reader.connect() as connection:
        ids = connection.execute(text(f"SELECT id, canonical FROM {table} ORDER BY id")).all()
    row_id, original = ids[which % len(ids)]
    original = bytes(original)
    body = json.loads(original)
    body["edited"] = text_value
    edited = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    digest = hashlib.sha256(edited if rehash else original).hexdigest()
    before = hashlib.sha256(original).hexdigest()
    _sql(
        runs,
        f"UPDATE {table} SET canonical = :b, content_hash = :h WHERE id = :i",
        b=edited,
        h=digest,
        i=row_id,
    )
    try:
        problems = _problems(runs)
        assert problems, f"edit of {table} row {row_id} not detected"
    finally:
        _sql(
            runs,
            f"UPDATE {table} SET canonical = :b, content_hash = :h WHERE id = :i",
            b=original,
            h=before,
            i=row_id,
        )
    assert verify_ledger(runs).ok


def test_an_edited_version_is_named(runs: Store) -> None:
    _sql(runs, "UPDATE run_versions SET canonical = :b WHERE id = 1", b=b"{}")
    first = _problems(runs)
    assert any(p.startswith("incident INC-") and "run_versions row 1)" in p for p in first), first


def test_a_row_rolled_back_to_an_earlier_version_is_named(runs: Store) -> None:
    with runs.reader.connect() as connection:
        object_id, version = connection.execute(
            text(
                "SELECT object_id, max(version) FROM run_versions WHERE kind = 'incident' "
                "GROUP BY object_id HAVING count(*) > 1"
            )
        ).first() or pytest.fail("no incident with two versions")
        older = connection.execute(
            text(
                "SELECT canonical, content_hash, run_id FROM run_versions "
                "WHERE object_id = :o AND version = :v"
            ),
            {"o": object_id, "v": version - 1},
        ).one()
    _sql(
        runs,
        "UPDATE incidents SET canonical = :b, content_hash = :h, run_id = :r, "
        "version = :v WHERE incident_id = :o",
        b=bytes(older.canonical),
        h=older.content_hash,
        r=older.run_id,
        v=version - 1,
        o=object_id,
    )
    assert any("rolled back" in p and p.startswith("incidents row") for p in _problems(runs))


def test_a_deleted_version_is_detected(runs: Store) -> None:
    _sql(runs, "DELETE FROM run_versions WHERE id = (SELECT max(id) FROM run_versions)")
    problems = _problems(runs)
    assert any("no stored version" in p for p in problems), problems
    assert any("rows were added or removed" in p for p in problems), problems


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        (
            "UPDATE incidents SET confidence = 'discounted', party = 'XX' WHERE id = 1",
            "incidents row 1: column(s) confidence, party differ",
        ),
        (
            "UPDATE observations SET act = 'missile_strike' WHERE id = 2",
            "observations row 2: column(s) act differ",
        ),
        (
            "UPDATE findings SET verdict = 'no_violation' WHERE id = 1",
            "findings row 1: column(s) verdict differ",
        ),
    ],
)
def test_a_derived_column_that_disagrees_with_the_bytes_is_named(
    runs: Store, statement: str, named: str
) -> None:
    _sql(runs, statement)
    assert any(p.startswith(named) for p in _problems(runs)), _problems(runs)


def test_an_edited_adjudication_event_is_named(runs: Store) -> None:
    _sql(runs, "UPDATE adjudication_events SET canonical = :b WHERE id = 1", b=b"{}")
    assert "adjudication_events row 1: its canonical bytes do not hash to content_hash" in (
        _problems(runs)
    )


def test_an_adjudication_event_rehashed_after_an_edit_differs_from_the_ledger(
    runs: Store,
) -> None:
    data = b'{"to_state":"withdrawn"}'
    _sql(
        runs,
        "UPDATE adjudication_events SET canonical = :b, content_hash = :h WHERE id = 1",
        b=data,
        h=hashlib.sha256(data).hexdigest(),
    )
    assert any(
        p.startswith("adjudication_events row 1: its canonical bytes differ from what the ledger")
        for p in _problems(runs)
    )


def test_a_finding_status_out_of_step_with_its_events_is_named(runs: Store) -> None:
    _sql(runs, "UPDATE findings SET status = 'disputed' WHERE id = 1")
    assert any(
        p.startswith("findings row 1 (FND-") and "status 'disputed'" in p for p in _problems(runs)
    )


def test_a_forged_adjudication_event_is_not_in_the_ledger(runs: Store) -> None:
    _sql(
        runs,
        "INSERT INTO adjudication_events (finding_id, finding_version, action, to_state, "
        "actor, role, at, text, canonical, content_hash) SELECT finding_id, finding_version, "
        "action, to_state, actor, role, at, text, canonical, content_hash "
        "FROM adjudication_events WHERE id = 1",
    )
    assert any(
        p.endswith("no ledger entry commits to it") and "adjudication_events" in p
        for p in _problems(runs)
    )


def test_the_batched_chain_names_the_first_bad_entry_in_a_later_chunk(
    runs: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger_scan, "CHUNK", 3)
    assert verify_ledger(runs).ok
    _sql(runs, "UPDATE ledger SET content_hash = :h WHERE seq = 5", h="0" * 64)
    report = verify_ledger(runs)
    assert str(report.problems[0]) == "entry 5: its event bytes do not hash to its content_hash"
    assert report.entries > 5


def test_checkpoint_heads_are_taken_inside_a_chunk(runs: Store) -> None:
    from ceasefire.core.ledger.checkpoint import generate_private_key
    from ceasefire.workflows.ledger import make_checkpoint

    key = generate_private_key(None)
    made = make_checkpoint(runs, Actor.local_cli("tester"), key, None)
    _sql(runs, "UPDATE ledger SET entry_hash = :h WHERE seq = :s", h="1" * 64, s=made.size)
    problems = _problems(runs)
    assert problems[0].startswith(f"entry {made.size}:"), problems
