"""Merkle trees over row hashes, so one ledger entry can commit to a whole batch of rows.

The tree follows RFC 6962 (Certificate Transparency): a leaf is ``SHA-256(0x00 || row hash)``,
an inner node ``SHA-256(0x01 || left || right)``, and a level of odd length carries its last
node up unpaired. Row hashes are the SHA-256 of each row's stored canonical bytes, in row order.

>>> leaves = [bytes([i]) * 32 for i in range(3)]
>>> len(merkle_root(leaves))
32
>>> merkle_root([]) == EMPTY_ROOT
True
>>> fold = MerkleFold()
>>> fold.extend(leaves)
>>> fold.root() == merkle_root(leaves), fold.count
(True, 3)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

EMPTY_ROOT = hashlib.sha256(b"").digest()


def merkle_root(row_hashes: Iterable[bytes]) -> bytes:
    """The root over raw 32-byte row hashes (the SHA-256 of ``b""`` for none)."""
    fold = MerkleFold()
    fold.extend(row_hashes)
    return fold.root()


class MerkleFold:
    """The same root as :func:`merkle_root`, folded as row hashes arrive: it keeps one node per
    level (at most ~log2(n) hashes), not the n leaves.

    Pairing two complete subtrees of equal height as soon as both exist builds exactly the
    level-by-level tree: at the end the complete subtrees left, of falling heights, are the
    nodes a level carries up unpaired, joined right to left.
    """

    __slots__ = ("_stack", "count")

    def __init__(self) -> None:
        self._stack: list[tuple[int, bytes]] = []
        self.count = 0
        """How many row hashes were added."""

    def extend(self, row_hashes: Iterable[bytes]) -> None:
        """Add row hashes, in row order."""
        sha = hashlib.sha256
        stack = self._stack
        added = 0
        for row_hash in row_hashes:
            node = sha(b"\x00" + row_hash).digest()
            height = 0
            while stack and stack[-1][0] == height:
                node = sha(b"\x01" + stack.pop()[1] + node).digest()
                height += 1
            stack.append((height, node))
            added += 1
        self.count += added

    def root(self) -> bytes:
        """The root over everything added so far (the SHA-256 of ``b""`` for none)."""
        if not self._stack:
            return EMPTY_ROOT
        node = self._stack[-1][1]
        for _, left in reversed(self._stack[:-1]):
            node = hashlib.sha256(b"\x01" + left + node).digest()
        return node


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


def inclusion_proofs(row_hashes: Sequence[bytes]) -> list[list[tuple[str, bytes]]]:
    """The sibling path of every row at once (the tree is built once: O(n log n) in all).

    >>> hashes = [bytes([i]) * 32 for i in range(5)]
    >>> inclusion_proofs(hashes)[3] == inclusion_proof(hashes, 3)
    True
    """
    sha = hashlib.sha256
    level = [sha(b"\x00" + h).digest() for h in row_hashes]
    paths: list[list[tuple[str, bytes]]] = [[] for _ in level]
    members = [[i] for i in range(len(level))]
    while len(level) > 1:
        paired: list[bytes] = []
        grouped: list[list[int]] = []
        for i in range(0, len(level) - 1, 2):
            left, right = level[i], level[i + 1]
            for row in members[i]:
                paths[row].append(("R", right))
            for row in members[i + 1]:
                paths[row].append(("L", left))
            paired.append(sha(b"\x01" + left + right).digest())
            grouped.append(members[i] + members[i + 1])
        if len(level) % 2:
            paired.append(level[-1])
            grouped.append(members[-1])
        level, members = paired, grouped
    return paths
