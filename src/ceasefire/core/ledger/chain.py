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
import hmac
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import rfc8785

from ceasefire.core.ledger.canonical import canonical_bytes

ENTRY_DOMAIN = b"ceasefire/ledger-entry/v1\x00"
"""Prefix of every entry hash input (domain separation from other SHA-256 uses)."""
GENESIS = bytes(32)
"""The ``previous_hash`` of entry 1."""
ACTOR_DOMAIN = b"ceasefire/actor/v1\x00"
KEYED_ACTOR_DOMAIN = b"ceasefire/actor/v2\x00"


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


def keyed_pseudonym(secret: bytes, actor_ref: str) -> str:
    """The actor's pseudonym in the ledger: ``p:`` + the first 16 hex digits of
    ``HMAC-SHA256(mission secret, "ceasefire/actor/v2" 0x00 || actor ref)``.

    Stable for one mission (the same actor has the same pseudonym in every entry), and without
    the mission secret nobody can test a guessed name against it.

    >>> keyed_pseudonym(bytes(32), "local:ana")
    'p:7cd980ada5a61b2b'
    """
    message = KEYED_ACTOR_DOMAIN + actor_ref.encode("utf-8")
    return "p:" + hmac.new(secret, message, hashlib.sha256).hexdigest()[:16]


def ledger_event(outbox_bytes: bytes, secret: bytes, actor_ref: str | None = None) -> bytes:
    """The event bytes the ledger commits to: the outbox event with its ``actor`` member replaced
    by the actor's :func:`keyed_pseudonym` (RFC 8785 again; no other member changes).

    With ``actor_ref`` (the outbox's actor column) the member is replaced in place: in RFC 8785
    bytes ``,"actor":"…"`` can only be that member, as a quote inside a string is escaped.

    >>> ledger_event(b'{"action":"a","actor":"local:ana"}', bytes(32), "local:ana")
    b'{"action":"a","actor":"p:7cd980ada5a61b2b"}'
    """
    if actor_ref is not None:
        member = b',"actor":' + rfc8785.dumps(actor_ref)
        if outbox_bytes.count(member) == 1:
            pseudonym_bytes = b',"actor":"' + keyed_pseudonym(secret, actor_ref).encode() + b'"'
            return outbox_bytes.replace(member, pseudonym_bytes)
    event = json.loads(outbox_bytes)
    event["actor"] = keyed_pseudonym(secret, str(event["actor"]))
    return canonical_bytes(event)
