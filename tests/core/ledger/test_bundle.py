"""A bundle checked with no database: every single edit, insertion, deletion, reordering and
truncation of its entries or rows is detected and the first bad item named (hypothesis)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.ledger.bundle import FORMAT, BundleCheck, proof_sides
from ceasefire.core.ledger.chain import GENESIS, chain
from ceasefire.core.ledger.checkpoint import generate_private_key, sign_head
from ceasefire.core.ledger.merkle import inclusion_proof, inclusion_proofs, merkle_root

KEY = generate_private_key()
ROWS = [json.dumps({"key": f"k{i}", "n": i}, separators=(",", ":")) for i in range(5)]


def _bundle() -> list[dict[str, Any]]:
    hashes = [hashlib.sha256(r.encode()).digest() for r in ROWS]
    events = [
        {
            "action": "observations.imported",
            "actor": "p:0123456789abcdef",
            "content": {"rows_merkle_root": merkle_root(hashes).hex(), "rows_stored": len(ROWS)},
            "object_ref": "import:1",
            "object_type": "import",
        },
        {"action": "a.b", "actor": "p:0123456789abcdef", "content": {}, "object_type": "x"},
        {"action": "a.c", "actor": "p:fedcba9876543210", "content": {"n": 1}, "object_type": "x"},
    ]
    texts = [json.dumps(e, sort_keys=True, separators=(",", ":")) for e in events]
    links = list(chain(0, GENESIS, [hashlib.sha256(t.encode()).digest() for t in texts]))
    lines: list[dict[str, Any]] = [
        {"format": FORMAT, "size": len(links), "head_hash": links[-1].entry_hash.hex()}
    ]
    for link, text in zip(links, texts, strict=True):
        lines.append(
            {
                "entry": link.seq,
                "previous_hash": link.previous_hash.hex(),
                "entry_hash": link.entry_hash.hex(),
                "content_hash": link.content_hash.hex(),
                "event": text,
            }
        )
        if link.seq == 1:
            for i, proof in enumerate(inclusion_proofs(hashes)):
                lines.append(
                    {
                        "entry": 1,
                        "row": i,
                        "committed": ROWS[i],
                        "proof": [[side, node.hex()] for side, node in proof],
                    }
                )
    return lines


def _check(lines: list[dict[str, Any]], **kwargs: Any) -> list[str]:
    check = BundleCheck()
    for number, line in enumerate(lines, start=1):
        check.feed(number, line)
    return [str(p) for p in check.finish(**kwargs)]


def test_an_honest_bundle_verifies() -> None:
    assert _check(_bundle()) == []


def test_all_proofs_at_once_equal_one_by_one_and_fix_the_sides() -> None:
    hashes = [bytes([i]) * 32 for i in range(7)]
    for index, proof in enumerate(inclusion_proofs(hashes)):
        assert proof == inclusion_proof(hashes, index)
        assert [side for side, _ in proof] == proof_sides(index, 7)


MUTABLE = ("event", "content_hash", "previous_hash", "entry_hash", "committed", "proof", "row")


@settings(max_examples=50)
@given(st.integers(0, 7), st.sampled_from(MUTABLE))
def test_any_single_edit_is_named(position: int, member: str) -> None:
    lines = _bundle()
    line = lines[1 + position]
    if member not in line:
        member = next(m for m in MUTABLE if m in line)
    value = line[member]
    if isinstance(value, str):
        line[member] = value[:-2] + ("00" if not value.endswith("00") else "11")
    elif isinstance(value, int):
        line[member] = value + 1
    else:
        line[member] = value[1:] if value else [["L", "00" * 32]]
    problems = _check(lines)
    assert problems
    seq = line["entry"]
    assert problems[0].startswith(f"entry {seq}")


@settings(max_examples=50)
@given(st.integers(1, 8))
def test_a_deleted_line_is_named(position: int) -> None:
    lines = _bundle()
    removed = lines.pop(position)
    problems = _check(lines)
    assert problems
    assert str(removed["entry"]) in problems[0] or "row" in problems[0]


@settings(max_examples=50)
@given(st.integers(1, 7))
def test_swapping_two_neighbours_is_named(position: int) -> None:
    lines = _bundle()
    lines[position], lines[position + 1] = lines[position + 1], lines[position]
    problems = _check(lines)
    assert problems


@settings(max_examples=30)
@given(st.integers(1, 8))
def test_a_duplicated_line_is_named(position: int) -> None:
    lines = _bundle()
    lines.insert(position, dict(lines[position]))
    assert _check(lines)


def test_truncation_with_a_consistent_header_is_caught_by_a_held_checkpoint() -> None:
    lines = _bundle()
    head = bytes.fromhex(lines[-1]["entry_hash"])
    held = sign_head(KEY, None, 3, head, datetime(2025, 4, 19, tzinfo=UTC))
    cut = lines[:-1]
    cut[0] = {**cut[0], "size": 2, "head_hash": cut[-1]["entry_hash"]}
    assert _check(cut) == []
    problems = _check(cut, held=[("held.json", held)])
    assert "truncated" in problems[0]


def test_two_heads_of_the_same_size_are_equivocation() -> None:
    lines = _bundle()
    head = bytes.fromhex(lines[-1]["entry_hash"])
    when = datetime(2025, 4, 19, tzinfo=UTC)
    good = sign_head(KEY, None, 3, head, when)
    other = sign_head(KEY, None, 3, b"\x01" * 32, when)
    problems = _check(lines, held=[("ua.json", good), ("ru.json", other)])
    assert "ua.json and ru.json: equivocation" in " | ".join(problems)


def test_an_actor_name_in_an_event_is_a_problem() -> None:
    lines = _bundle()
    event = json.loads(lines[-1]["event"])
    event["actor"] = "local:ana"
    text = json.dumps(event, sort_keys=True, separators=(",", ":"))
    lines[-1]["event"] = text
    problems = _check(lines)
    assert "entry 3: its actor is not a pseudonym" in problems


def test_a_withheld_row_verifies_as_its_hash_and_an_edit_of_the_hash_is_named() -> None:
    lines = _bundle()
    row = lines[3]  # entry 1 row 1
    digest = hashlib.sha256(row.pop("committed").encode()).hexdigest()
    row["withheld"] = digest
    check = BundleCheck()
    for number, line in enumerate(lines, start=1):
        check.feed(number, line)
    assert check.finish() == [] and check.rows_withheld == 1
    row["withheld"] = "00" + digest[2:]
    row["ref"] = "incident INC-000002 version 1"
    problems = _check(lines)
    assert problems[0].startswith("entry 1 row 1 (incident INC-000002 version 1): its withheld")


def test_a_row_committed_by_hash_is_checked_against_the_event() -> None:
    data = '{"actor":"user:olga","to_state":"disputed"}'
    digest = hashlib.sha256(data.encode()).hexdigest()
    event = {
        "action": "finding.reply",
        "actor": "p:0123456789abcdef",
        "content": {"adjudication_event_sha256": digest},
        "object_type": "finding",
    }
    text = json.dumps(event, sort_keys=True, separators=(",", ":"))
    (link,) = chain(0, GENESIS, [hashlib.sha256(text.encode()).digest()])
    lines: list[dict[str, Any]] = [
        {"format": FORMAT, "size": 1, "head_hash": link.entry_hash.hex()},
        {
            "entry": 1,
            "previous_hash": link.previous_hash.hex(),
            "entry_hash": link.entry_hash.hex(),
            "content_hash": link.content_hash.hex(),
            "event": text,
        },
        {"entry": 1, "row": 0, "ref": "adjudication_events row 1", "withheld": digest},
    ]
    assert _check(lines) == []
    lines[2] = {**lines[2], "withheld": None, "committed": data.replace("olga", "ivan")}
    del lines[2]["withheld"]
    assert _check(lines)[0].startswith("entry 1 row 0 (adjudication_events row 1): its committed")
    assert _check(lines[:2])[0].startswith("entry 1 row 0: missing")
