"""The chain: each ledger entry commits to the previous one and to its event's canonical bytes.

Byte layout of an entry hash (documented in ``docs/ledger.md`` for third-party verifiers)::

    entry_hash = SHA-256( b"ceasefire/ledger-entry/v1" || 0x00
                          || seq            (8 bytes, unsigned big-endian, first entry is 1)
                          || previous_hash  (32 bytes; 32 zero bytes for entry 1)
                          || content_hash   (32 bytes: SHA-256 of the event's canonical bytes) )

The event's canonical bytes (RFC 8785, see :mod:`ceasefire.core.ledger.canonical`) already hold
the action, actor, object and time, so the entry hash commits to them through ``content_hash``.

>>> first = entry_hash(1, GENESIS, bytes(32))
>>> first.hex()[:16]
'ef6e792036e79b31'
>>> [e.seq for e in chain(0, GENESIS, [bytes(32), bytes(32)])]
[1, 2]
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

ENTRY_DOMAIN = b"ceasefire/ledger-entry/v1\x00"
"""Prefix of every entry hash input (domain separation from other SHA-256 uses)."""
GENESIS = bytes(32)
"""The ``previous_hash`` of entry 1."""
ACTOR_DOMAIN = b"ceasefire/actor/v1\x00"


@dataclass(frozen=True, slots=True)
class Link:
    """One chained entry: its sequence number, the hash before it and its own hash."""

    seq: int
    previous_hash: bytes
    content_hash: bytes
    entry_hash: bytes


def entry_hash(seq: int, previous_hash: bytes, content_hash: bytes) -> bytes:
    """The 32-byte hash of entry ``seq`` (see the module docstring for the layout)."""
    if seq < 1:
        raise ValueError(f"sequence numbers start at 1, not {seq}")
    if len(previous_hash) != 32 or len(content_hash) != 32:
        raise ValueError("previous_hash and content_hash must be 32 raw bytes each")
    return hashlib.sha256(
        ENTRY_DOMAIN + seq.to_bytes(8, "big") + previous_hash + content_hash
    ).digest()


def chain(head_seq: int, head_hash: bytes, content_hashes: Iterable[bytes]) -> Iterator[Link]:
    """Chain new content hashes after the head ``(head_seq, head_hash)``; ``(0, GENESIS)`` for an
    empty ledger."""
    seq, previous = head_seq, head_hash
    for content in content_hashes:
        seq += 1
        current = entry_hash(seq, previous, content)
        yield Link(seq, previous, content, current)
        previous = current


def pseudonym(actor_ref: str) -> str:
    """A stable, short pseudonym for an actor reference (``p:`` + 16 hex digits).

    It hides the name in listings of the ledger, but it is not secret: anyone who can guess a
    reference can recompute it. Export bundles (a later milestone) use salted commitments.

    >>> pseudonym("local:ana")
    'p:58af9bf9dd665604'
    """
    return "p:" + hashlib.sha256(ACTOR_DOMAIN + actor_ref.encode("utf-8")).hexdigest()[:16]
