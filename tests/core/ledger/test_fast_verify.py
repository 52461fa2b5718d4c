"""The batched chain check agrees with the entry-by-entry walk; batched row digests."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.ledger.chain import GENESIS, chain, pseudonym
from ceasefire.core.ledger.fast_verify import ChainScan, column_problems, digests_match


def _rows(events: list[bytes]) -> list[tuple[str, bytes]]:
    links = chain(0, GENESIS, [hashlib.sha256(e).digest() for e in events])
    return [
        ((link.previous_hash + link.entry_hash + link.content_hash).hex(), e)
        for link, e in zip(links, events, strict=True)
    ]


EVENTS = [f'{{"n":{n}}}'.encode() for n in range(7)]


def test_a_clean_chain_checks_in_chunks_and_keeps_heads_asked_for() -> None:
    rows = _rows(EVENTS)
    scan = ChainScan()
    assert scan.check(rows[:3], wanted={2, 5}) and scan.check(rows[3:], wanted={2, 5})
    assert scan.size == 7
    assert scan.heads_at == {
        2: bytes.fromhex(rows[1][0][64:128]),
        5: bytes.fromhex(rows[4][0][64:128]),
    }
    assert scan.head == bytes.fromhex(rows[6][0][64:128])


@settings(max_examples=50)
@given(
    index=st.integers(min_value=0, max_value=6),
    part=st.sampled_from(["previous", "entry", "content", "bytes"]),
)
def test_any_single_edit_fails_its_chunk_and_leaves_the_head(index: int, part: str) -> None:
    rows = _rows(EVENTS)
    hashes, data = rows[index]
    if part == "bytes":
        rows[index] = (hashes, data + b" ")
    else:
        at = {"previous": 0, "entry": 64, "content": 128}[part]
        flipped = "0" if hashes[at] != "0" else "1"
        rows[index] = (hashes[:at] + flipped + hashes[at + 1 :], data)
    scan = ChainScan()
    assert not scan.check(rows)
    assert (scan.size, scan.head) == (0, GENESIS)


def test_text_where_bytes_belong_fails_the_chunk() -> None:
    rows: list[tuple[str, bytes]] = _rows(EVENTS[:2])
    rows[1] = (rows[1][0], "text")  # type: ignore[assignment]
    assert not ChainScan().check(rows)


def test_columns_are_checked_against_the_event_and_old_pseudonyms_pass() -> None:
    event = {"action": "a", "actor": "local:ana", "object_ref": "r"}
    old = {"action": "a", "actor": pseudonym("local:ana"), "object_ref": "r"}
    assert column_problems(1, old, event) == []
    wrong = column_problems(2, {"action": "b", "actor": "p:x", "object_ref": "r"}, event)
    assert [p.reason for p in wrong] == [
        "column action differs from the hashed event",
        "column actor differs from the hashed event",
    ]
    assert column_problems(3, old, None)[0].reason == "its event bytes are not a JSON object"


def test_digests_match_one_comparison_per_batch() -> None:
    good = [hashlib.sha256(b).hexdigest() for b in (b"a", b"b")]
    assert digests_match([b"a", b"b"], good)
    assert not digests_match([b"a", b"b"], [good[0], good[0]])
    assert digests_match([], [])


def _joined(
    events: list[bytes], rows: list[bytes | None]
) -> list[tuple[str | None, bytes, bytes | None]]:
    return [
        (stored + ("" if row is None else hashlib.sha256(row).hexdigest()), event, row)
        for (stored, event), row in zip(_rows(events), rows, strict=True)
    ]


ROWS: list[bytes | None] = [b'{"r":1}', None, b'{"r":3}', b'{"r":4}', None, None, b'{"r":7}']


def test_joined_rows_check_with_the_chain_and_keep_heads_asked_for() -> None:
    joined = _joined(EVENTS, ROWS)
    scan = ChainScan()
    assert scan.check_joined(joined[:4], wanted={2, 6})
    assert scan.check_joined(joined[4:], wanted={2, 6})
    assert scan.size == 7
    plain = _rows(EVENTS)
    assert scan.heads_at == {
        2: bytes.fromhex(plain[1][0][64:128]),
        6: bytes.fromhex(plain[5][0][64:128]),
    }
    assert scan.head == bytes.fromhex(plain[6][0][64:128])


@settings(max_examples=50)
@given(
    index=st.integers(min_value=0, max_value=6),
    change=st.sampled_from(["row", "flagged", "row missing", "row added", "event"]),
)
def test_any_change_to_an_entry_or_its_row_fails_the_chunk_and_moves_nothing(
    index: int, change: str
) -> None:
    joined = _joined(EVENTS, ROWS)
    stored, event, row = joined[index]
    if change == "row":
        joined[index] = (stored, event, (row or b"") + b" ")
    elif change == "flagged":  # the database found the columns or the committed hash wrong
        joined[index] = (None, event, row)
    elif change == "row missing":
        joined[index] = (stored, event, None if row is not None else b"{}")
    elif change == "row added":
        joined[index] = (stored, event, b"{}" if row is None else None)
    else:
        joined[index] = (stored, event + b" ", row)
    scan = ChainScan()
    assert not scan.check_joined(joined)
    assert (scan.size, scan.head, scan.heads_at) == (0, GENESIS, {})
