"""The one-pass check of the chain, the columns and the decisions rows (SQLite), and the
separate passes it falls back to — tampering by hand with real SQL, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import select, text

from ceasefire.core.ledger.chain import entry_hash
from ceasefire.store.database import Store
from ceasefire.store.ledger import ledger
from ceasefire.workflows import ledger_scan
from ceasefire.workflows.ledger import verify_ledger
from tests.workflows.test_ledger_runs import runs  # noqa: F401 - the fixture


def _sql(store: Store, statement: str, **params: object) -> None:
    with store.writer.begin() as connection:
        connection.execute(text(statement), params)


def _problems(store: Store) -> list[str]:
    return [str(p) for p in verify_ledger(store).problems]


def _decision_entry(store: Store) -> int:
    with store.reader.connect() as connection:
        return int(
            connection.execute(
                select(ledger.c.seq).where(ledger.c.object_type == "decision")
            ).scalar_one()
        )


def _rewrite_from(store: Store, seq: int, data: bytes) -> None:
    """Replace entry ``seq``'s bytes and re-chain every entry from it (no checkpoint held)."""
    with store.writer.begin() as connection:
        rows = connection.execute(
            select(ledger.c.seq, ledger.c.previous_hash, ledger.c.canonical)
            .where(ledger.c.seq >= seq)
            .order_by(ledger.c.seq)
        ).all()
        previous = bytes.fromhex(rows[0].previous_hash)
        for row in rows:
            canonical = data if row.seq == seq else bytes(row.canonical)
            content = hashlib.sha256(canonical).digest()
            head = entry_hash(int(row.seq), previous, content)
            connection.execute(
                ledger.update()
                .where(ledger.c.seq == row.seq)
                .values(
                    canonical=canonical,
                    content_hash=content.hex(),
                    previous_hash=previous.hex(),
                    entry_hash=head.hex(),
                )
            )
            previous = head


@pytest.mark.parametrize("chunk", [3, 20_000])
def test_a_clean_record_checks_every_decision_row_in_one_pass(
    runs: Store,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    chunk: int,
) -> None:
    monkeypatch.setattr(ledger_scan, "CHUNK", chunk)
    walked: list[tuple[int, int]] = []
    entries = ledger_scan._entries

    def spy(connection: object, first: int, last: int) -> object:
        walked.append((first, last))
        return entries(connection, first, last)  # type: ignore[arg-type]

    monkeypatch.setattr(ledger_scan, "_entries", spy)
    report = verify_ledger(runs)
    assert report.ok, report.problems
    assert report.not_covered == {}
    assert walked == []  # nothing needed the entry-by-entry walk


def test_a_decision_row_edited_with_its_hash_is_named(runs: Store) -> None:  # noqa: F811
    forged = b'{"kind":"grade","value":"denied"}'
    _sql(
        runs,
        "UPDATE decisions SET canonical = :b, content_hash = :h WHERE id = 1",
        b=forged,
        h=hashlib.sha256(forged).hexdigest(),
    )
    assert _problems(runs)[0] == (
        "decisions row 1: its canonical bytes differ from what the ledger committed"
    )


def test_a_decision_row_with_text_where_bytes_belong_is_named(runs: Store) -> None:  # noqa: F811
    _sql(runs, "UPDATE decisions SET canonical = 'x' WHERE id = 1")
    assert _problems(runs)[0].startswith("decisions row 1:")


def test_an_edited_actor_column_is_named_by_its_entry(runs: Store) -> None:  # noqa: F811
    seq = _decision_entry(runs)
    _sql(runs, "UPDATE ledger SET actor = 'p:0000000000000000' WHERE seq = :s", s=seq)
    assert _problems(runs) == [f"entry {seq}: column actor differs from the hashed event"]


def test_a_decision_entry_rewritten_without_its_commitment_is_named(
    runs: Store,  # noqa: F811
) -> None:
    seq = _decision_entry(runs)
    with runs.reader.connect() as connection:
        data = connection.execute(select(ledger.c.canonical).where(ledger.c.seq == seq)).scalar()
    event = json.loads(data)
    del event["content"]["decision_sha256"]
    _rewrite_from(runs, seq, json.dumps(event, sort_keys=True, separators=(",", ":")).encode())
    assert _problems(runs)[0] == (
        "decisions row 1: its canonical bytes differ from what the ledger committed"
    )


def test_event_bytes_that_are_not_json_are_named_by_the_separate_passes(
    runs: Store,  # noqa: F811
) -> None:
    seq = _decision_entry(runs)
    _rewrite_from(runs, seq, b"not json")
    problems = _problems(runs)
    assert problems[0] == f"entry {seq}: its event bytes are not a JSON object"
