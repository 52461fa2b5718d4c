"""The entry hash layout, chaining, and that the walk catches any single-entry tampering."""

from __future__ import annotations

import hashlib
import itertools
import json

from hypothesis import given
from hypothesis import strategies as st

from ceasefire.core.ledger.chain import ENTRY_DOMAIN, GENESIS, chain, entry_hash, pseudonym
from ceasefire.core.ledger.verify import ChainWalk, StoredEntry


def test_entry_hash_is_the_documented_byte_layout() -> None:
    previous, content = bytes(range(32)), bytes(range(32, 64))
    expected = hashlib.sha256(
        b"ceasefire/ledger-entry/v1\x00" + (7).to_bytes(8, "big") + previous + content
    ).digest()
    assert ENTRY_DOMAIN == b"ceasefire/ledger-entry/v1\x00"
    assert entry_hash(7, previous, content) == expected


def test_chain_continues_from_a_head() -> None:
    contents = [bytes([i]) * 32 for i in range(4)]
    whole = list(chain(0, GENESIS, contents))
    tail = list(chain(2, whole[1].entry_hash, contents[2:]))
    assert [link.seq for link in whole] == [1, 2, 3, 4]
    assert tail == whole[2:]
    assert whole[0].previous_hash == GENESIS
    assert all(b.previous_hash == a.entry_hash for a, b in itertools.pairwise(whole))


def test_pseudonym_is_stable_and_hides_the_name() -> None:
    assert pseudonym("local:ana") == pseudonym("local:ana") != pseudonym("local:bo")
    assert "ana" not in pseudonym("local:ana")


def _entries(count: int) -> list[StoredEntry]:
    blobs = [
        json.dumps(
            {
                "action": "a",
                "actor": "local:x",
                "content": {"n": n},
                "object_ref": f"r:{n}",
                "object_type": "t",
                "recorded_at": "2025-01-01T00:00:00Z",
            },
            sort_keys=True,
        ).encode()
        for n in range(count)
    ]
    links = chain(0, GENESIS, [hashlib.sha256(b).digest() for b in blobs])
    return [
        StoredEntry(
            link.seq,
            link.previous_hash.hex(),
            link.entry_hash.hex(),
            link.content_hash.hex(),
            blob,
            pseudonym("local:x"),
            "a",
            "t",
            f"r:{n}",
            "2025-01-01T00:00:00Z",
        )
        for n, (link, blob) in enumerate(zip(links, blobs, strict=True))
    ]


def _first_bad(entries: list[StoredEntry]) -> int | None:
    walk = ChainWalk()
    for entry in entries:
        problems, _ = walk.check(entry)
        if problems:
            return entry.seq
    return None


def test_an_untouched_chain_walks_clean() -> None:
    assert _first_bad(_entries(6)) is None


@given(st.integers(0, 5), st.sampled_from(["edit", "delete", "swap", "column"]))
def test_any_single_entry_tampering_is_caught_at_or_after_it(index: int, how: str) -> None:
    entries = _entries(6)
    if how == "edit":
        e = entries[index]
        entries[index] = StoredEntry(
            e.seq, e.previous_hash, e.entry_hash, e.content_hash, e.canonical + b" ",
            e.actor, e.action, e.object_type, e.object_ref, e.recorded_at,
        )  # fmt: skip
    elif how == "column":
        e = entries[index]
        entries[index] = StoredEntry(
            e.seq, e.previous_hash, e.entry_hash, e.content_hash, e.canonical,
            e.actor, e.action, e.object_type, "r:forged", e.recorded_at,
        )  # fmt: skip
    elif how == "delete":
        if index == 5:
            return  # dropping the last entry is truncation: only a checkpoint shows it
        del entries[index]
    else:
        other = (index + 1) % 6
        a, b = entries[index], entries[other]
        entries[index] = StoredEntry(a.seq, *_tail(b))  # contents swapped, seqs kept
        entries[other] = StoredEntry(b.seq, *_tail(a))
    bad = _first_bad(entries)
    assert bad is not None
    assert bad <= index + 2  # named at the tampered entry or the one right after it


def _tail(e: StoredEntry) -> tuple[str, str, str, bytes, str, str, str, str, str]:
    return (
        e.previous_hash, e.entry_hash, e.content_hash, e.canonical,
        e.actor, e.action, e.object_type, e.object_ref, e.recorded_at,
    )  # fmt: skip
