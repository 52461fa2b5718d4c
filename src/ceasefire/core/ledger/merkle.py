"""Merkle trees over row hashes, so one ledger entry can commit to a whole batch of rows.

The tree follows RFC 6962 (Certificate Transparency): a leaf is ``SHA-256(0x00 || row hash)``,
an inner node ``SHA-256(0x01 || left || right)``, and a level of odd length carries its last
node up unpaired. Row hashes are the SHA-256 of each row's stored canonical bytes, in row order.

>>> leaves = [bytes([i]) * 32 for i in range(3)]
>>> len(merkle_root(leaves))
32
>>> merkle_root([]) == EMPTY_ROOT
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

EMPTY_ROOT = hashlib.sha256(b"").digest()


def merkle_root(row_hashes: Sequence[bytes]) -> bytes:
    """The root over raw 32-byte row hashes (the SHA-256 of ``b""`` for none)."""
    if not row_hashes:
        return EMPTY_ROOT
    sha = hashlib.sha256
    level = [sha(b"\x00" + h).digest() for h in row_hashes]
    while len(level) > 1:
        paired = [
            sha(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)
        ]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]


def inclusion_proof(row_hashes: Sequence[bytes], index: int) -> list[tuple[str, bytes]]:
    """The sibling path for row ``index``: ("L"|"R", hash) from the leaf up."""
    if not 0 <= index < len(row_hashes):
        raise IndexError(f"row {index} is not in a batch of {len(row_hashes)}")
    sha = hashlib.sha256
    level = [sha(b"\x00" + h).digest() for h in row_hashes]
    path: list[tuple[str, bytes]] = []
    while len(level) > 1:
        sibling = index ^ 1
        if sibling < len(level):
            path.append(("L" if sibling < index else "R", level[sibling]))
        paired = [
            sha(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)
        ]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
        index //= 2
    return path


def verify_inclusion(row_hash: bytes, proof: Sequence[tuple[str, bytes]], root: bytes) -> bool:
    """True when ``proof`` leads from ``row_hash`` to ``root``."""
    node = hashlib.sha256(b"\x00" + row_hash).digest()
    for side, sibling in proof:
        pair = sibling + node if side == "L" else node + sibling
        node = hashlib.sha256(b"\x01" + pair).digest()
    return node == root
