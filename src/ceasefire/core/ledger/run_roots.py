"""What a verification or evaluation run commits to: a Merkle root over the versions it wrote.

A run writes new versions of some incidents (or findings). Its ledger event carries
``versions`` (how many) and ``versions_merkle_root``: the root (``core.ledger.merkle``, RFC 6962
shape) over ``SHA-256(canonical bytes)`` of each version written, in the order of the public
IDs as UTF-8 bytes (``INC-000001`` < ``INC-000002`` …; one version per ID and run). The order
does not depend on how the store returns rows, so a verifier re-folds it from the stored
versions.

>>> import hashlib
>>> root = versions_root([("INC-000002", b"{}"), ("INC-000001", b"[]")])
>>> from ceasefire.core.ledger.merkle import merkle_root
>>> root == merkle_root([hashlib.sha256(b"[]").digest(), hashlib.sha256(b"{}").digest()])
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ceasefire.core.ledger.merkle import merkle_root


def id_order(object_id: str) -> bytes:
    """The sort key of a public ID in a run's root: its UTF-8 bytes."""
    return object_id.encode("utf-8")


def versions_root(versions: Iterable[tuple[str, bytes]]) -> bytes:
    """The root over ``(public ID, canonical bytes)`` pairs, folded in ID order."""
    ordered = sorted(versions, key=lambda pair: id_order(pair[0]))
    return merkle_root(hashlib.sha256(data).digest() for _, data in ordered)


def run_commitment(versions: Iterable[tuple[str, bytes]]) -> dict[str, object]:
    """The members a run's event adds: ``versions`` and ``versions_merkle_root`` (hex)."""
    pairs = list(versions)
    return {"versions": len(pairs), "versions_merkle_root": versions_root(pairs).hex()}
