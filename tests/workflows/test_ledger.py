"""The ledger in the store, on SQLite and PostgreSQL: sequencing, checkpoints, and tampering
by hand (real SQL UPDATE / DELETE / INSERT) that ``verify_ledger`` must catch and name."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from ceasefire.core.actor import Actor
from ceasefire.core.ledger.chain import entry_hash
from ceasefire.core.ledger.checkpoint import (
    Checkpoint,
    generate_private_key,
    key_id,
    public_key_pem,
    raw_public_key,
)
from ceasefire.core.verification.decisions import DecisionKind
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.store.ledger import ledger
from ceasefire.workflows.agreements import load_shipped_agreements
from ceasefire.workflows.decide import decide
from ceasefire.workflows.incidents import IncidentFilter, list_incidents
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.ledger import (
    ledger_status,
    make_checkpoint,
    sequence,
    verify_ledger,
)
from ceasefire.workflows.verify import verify

HEADER = "key,source_kind,source_name,start,act,lat,lon,text\n"
FIRST = (
    "a1,monitor_team,Team 1,2025-04-20T10:00:00Z,shelling,48.28,37.18,heard shelling\n"
    "a2,sensor,Camera 4,2025-04-20T10:01:00Z,shelling,48.281,37.181,flash seen\n"
    "a3,media,Wire,2025-04-20T10:02:00Z,shelling,48.279,37.182,reported\n"
)
SECOND = (
    "b1,monitor_team,Team 2,2025-04-20T16:00:00Z,drone_strike,48.60,37.80,drone\n"
    "b2,sensor,Camera 7,2025-04-20T16:02:00Z,drone_strike,48.601,37.801,drone seen\n"
)
KEY = generate_private_key(b"secret")


def _ingest(store: Store, actor: Actor, tmp_path: Path, name: str, body: str) -> None:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    ingest_file(store, actor, path, settings=Settings.from_env(env={}))


@pytest.fixture
def record(store: Store, actor: Actor, tmp_path: Path) -> Checkpoint:
    """Two imports, the shipped agreements, a verification run, a decision; sequenced and
    checkpointed. Returns the checkpoint (as a party would hold it)."""
    _ingest(store, actor, tmp_path, "one.csv", FIRST)
    _ingest(store, actor, tmp_path, "two.csv", SECOND)
    load_shipped_agreements(store, actor)
    verify(store, actor)
    incident = str(next(iter(list_incidents(store, IncidentFilter())))["incident_id"])
    decide(store, actor, DecisionKind.GRADE, incident, reason="seen twice", value="confirmed")
    sequence(store)
    return make_checkpoint(store, actor, KEY, b"secret")


def _sql(store: Store, statement: str, **params: object) -> None:
    with store.writer.begin() as connection:
        connection.execute(text(statement), params)


def _first(store: Store, **kwargs: object) -> str:
    report = verify_ledger(store, **kwargs)  # type: ignore[arg-type]
    assert not report.ok
    return str(report.problems[0])


def _entry_of(store: Store, object_ref: str) -> int:
    with store.reader.connect() as connection:
        return int(
            connection.execute(select(ledger.c.seq).where(ledger.c.object_ref == object_ref))
            .scalars()
            .one()
        )


def test_a_clean_record_verifies_and_sequencing_is_idempotent(
    store: Store, record: Checkpoint
) -> None:
    assert sequence(store) == 0
    status = ledger_status(store)
    assert (status.size, status.pending) == (record.size + 1, 0)
    report = verify_ledger(store, checkpoints=[("held", record)])
    assert report.ok, report.problems
    assert report.rows_checked >= 5 + 1 + 1  # observations, agreements, a decision, …
    assert report.not_covered == {}


def test_every_write_is_one_gap_free_entry_in_outbox_order(
    store: Store, record: Checkpoint
) -> None:
    with store.reader.connect() as connection:
        rows = connection.execute(text("SELECT seq, outbox_id FROM ledger ORDER BY seq")).all()
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert [r.outbox_id for r in rows] == sorted(r.outbox_id for r in rows)


def test_edited_observation_bytes_name_the_row(store: Store, record: Checkpoint) -> None:
    _sql(store, "UPDATE observations SET canonical = :b WHERE id = 2", b=b'{"text":"edited"}')
    assert _first(store).startswith("observations row 2:")


def test_edited_observation_with_matching_hash_breaks_its_import_root(
    store: Store, record: Checkpoint
) -> None:
    forged = b'{"text":"edited"}'
    _sql(
        store,
        "UPDATE observations SET canonical = :b, content_hash = :h WHERE id = 2",
        b=forged,
        h=hashlib.sha256(forged).hexdigest(),
    )
    assert _first(store) == (
        f"entry {_entry_of(store, 'import:1')} (import 1): the Merkle root over its 3 stored "
        "rows differs from the committed root: a row was edited, added, removed or reordered"
    )


def test_deleted_observation_is_detected(store: Store, record: Checkpoint) -> None:
    _sql(store, "DELETE FROM incident_members WHERE observation_id = 3")
    _sql(store, "DELETE FROM observations WHERE id = 3")
    assert _first(store).startswith(f"entry {_entry_of(store, 'import:1')} (import 1): 2 rows")


def test_inserted_observation_is_detected(store: Store, record: Checkpoint) -> None:
    _sql(
        store,
        "INSERT INTO observations (import_id, source_row, revision, content_hash, canonical, "
        "source_name, key) SELECT import_id, 99, revision, content_hash, canonical, source_name, "
        "'forged' FROM observations WHERE id = 1",
    )
    assert _first(store).startswith(f"entry {_entry_of(store, 'import:1')} (import 1): 4 rows")


def test_a_forged_import_is_not_in_the_ledger(store: Store, record: Checkpoint) -> None:
    _sql(
        store,
        "INSERT INTO imports (id, file_name, file_sha256, format, kind, actor, on_invalid, "
        "received_at, rows_read, accepted, revised, duplicates, quarantined) SELECT 77, "
        "file_name, file_sha256, format, kind, actor, on_invalid, received_at, rows_read, "
        "accepted, revised, duplicates, quarantined FROM imports WHERE id = 1",
    )
    assert _first(store) == "imports row 77: no ledger entry commits to it"


def test_edited_agreement_and_decision_name_their_rows(store: Store, record: Checkpoint) -> None:
    _sql(store, "UPDATE agreements SET canonical = :b WHERE id = 1", b=b"{}")
    assert _first(store).startswith("agreements row 1:")
    _sql(
        store,
        "UPDATE agreements SET canonical = :b, content_hash = :h WHERE id = 1",
        b=b"{}",
        h=hashlib.sha256(b"{}").hexdigest(),
    )
    assert _first(store) == (
        "agreements row 1: its canonical bytes differ from what the ledger committed"
    )


def test_edited_decision_and_incident_name_their_rows(store: Store, record: Checkpoint) -> None:
    _sql(store, "UPDATE decisions SET reason = 'x', canonical = :b WHERE id = 1", b=b"{}")
    assert _first(store).startswith("decisions row 1:")
    _sql(store, "DELETE FROM decisions")
    assert _first(store) == (
        f"entry {_entry_of(store, 'decision:1')}: the decisions row it commits to is missing"
    )


def test_edited_incident_is_detected(store: Store, record: Checkpoint) -> None:
    _sql(store, "UPDATE incidents SET canonical = :b WHERE id = 1", b=b"{}")
    assert _first(store).startswith("incidents row 1:")


def test_edited_entry_is_named_by_its_sequence_number(store: Store, record: Checkpoint) -> None:
    with store.writer.begin() as connection:
        data = connection.execute(select(ledger.c.canonical).where(ledger.c.seq == 2)).scalar_one()
        connection.execute(
            update(ledger).where(ledger.c.seq == 2).values(canonical=bytes(data) + b" ")
        )
    assert _first(store) == "entry 2: its event bytes do not hash to its content_hash"


def test_edited_entry_column_is_detected(store: Store, record: Checkpoint) -> None:
    _sql(store, "UPDATE ledger SET object_ref = 'import:9' WHERE seq = 1")
    assert _first(store) == "entry 1: column object_ref differs from the hashed event"


def test_deleted_entry_is_detected(store: Store, record: Checkpoint) -> None:
    _sql(store, "DELETE FROM ledger WHERE seq = 2")
    assert _first(store) == "entry 3: expected entry 2 next: an entry was deleted or reordered"


def test_swapped_entries_are_detected(store: Store, record: Checkpoint) -> None:
    _sql(store, "UPDATE ledger SET seq = -1 WHERE seq = 2")
    _sql(store, "UPDATE ledger SET seq = 2 WHERE seq = 3")
    _sql(store, "UPDATE ledger SET seq = 3 WHERE seq = -1")
    assert _first(store).startswith("entry 2:")


def test_truncation_below_a_held_checkpoint_is_detected(store: Store, record: Checkpoint) -> None:
    _sql(store, "DELETE FROM ledger WHERE seq > 2")
    _sql(store, "DELETE FROM ledger_checkpoints")
    _sql(store, "DELETE FROM decisions")
    report = verify_ledger(store, checkpoints=[("held.json", record)])
    assert (
        f"held.json: it signs {record.size} entries but the ledger holds 2: "
        "the ledger was truncated"
    ) in [str(p) for p in report.problems]


def test_a_consistently_rewritten_chain_fails_against_the_held_checkpoint(
    store: Store, record: Checkpoint
) -> None:
    """An attacker who recomputes every hash after an edit still cannot match a held head."""
    _sql(store, "DELETE FROM ledger_checkpoints")
    with store.writer.begin() as connection:
        rows = connection.execute(select(ledger).order_by(ledger.c.seq)).all()
        previous = bytes(32)
        for row in rows:
            data = bytes(row.canonical).replace(b'"one.csv"', b'"0ne.csv"')
            digest = hashlib.sha256(data).digest()
            current = entry_hash(row.seq, previous, digest)
            connection.execute(
                update(ledger)
                .where(ledger.c.seq == row.seq)
                .values(
                    canonical=data,
                    content_hash=digest.hex(),
                    previous_hash=previous.hex(),
                    entry_hash=current.hex(),
                )
            )
            previous = current
    report = verify_ledger(store, checkpoints=[("held.json", record)])
    problems = [str(p) for p in report.problems]
    assert problems == [
        f"entry {record.size + 1}: checkpoint 1 it records is missing",
        f"entry {record.size}: differs from the head signed in held.json: the ledger up to it "
        "was rewritten",
    ]


def test_a_forged_or_untrusted_checkpoint_is_detected(store: Store, record: Checkpoint) -> None:
    trusted = key_id(raw_public_key(public_key_pem(KEY, b"secret")))
    assert verify_ledger(store, trusted_keys={trusted}).ok
    other = generate_private_key()
    make_checkpoint(store, Actor.local_cli("mallory"), other)
    assert _first(store, trusted_keys={trusted}).startswith("checkpoint 2: signed by key")
    _sql(store, "UPDATE ledger_checkpoints SET signature = :s WHERE id = 1", s="00" * 64)
    problems = [str(p) for p in verify_ledger(store).problems]
    assert "checkpoint 1: the signature does not verify" in problems


def test_deleted_stored_checkpoint_is_detected(store: Store, record: Checkpoint) -> None:
    _sql(store, "DELETE FROM ledger_checkpoints")
    assert _first(store) == (f"entry {record.size + 1}: checkpoint 1 it records is missing")


def test_rows_of_events_still_in_the_outbox_are_pending_not_forged(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    _ingest(store, actor, tmp_path, "one.csv", FIRST)
    report = verify_ledger(store)
    assert report.ok and report.pending == 1 and report.entries == 0
    assert sequence(store) == 1
    assert verify_ledger(store).rows_checked == 3


def test_concurrent_sequencers_leave_no_gap_or_fork(store: Store, actor: Actor) -> None:
    def write_and_sequence(worker: int) -> None:
        for n in range(5):
            with store.unit_of_work(actor) as uow:
                uow.record("test.wrote", "test", f"test:{worker}:{n}", {"n": n})
            sequence(store)

    threads = [threading.Thread(target=write_and_sequence, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report = verify_ledger(store)
    assert report.ok, report.problems
    assert (report.entries, report.pending, report.not_covered) == (20, 0, {"test": 20})
