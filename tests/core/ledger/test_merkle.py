from __future__ import annotations

import hashlib

import pytest

from ceasefire.core.ledger.merkle import (
    MerkleFold,
    inclusion_proof,
    merkle_root,
    verify_inclusion,
)


def _leaves(n: int) -> list[bytes]:
    return [hashlib.sha256(str(i).encode()).digest() for i in range(n)]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 13])
def test_every_row_has_a_valid_inclusion_proof(size: int) -> None:
    leaves = _leaves(size)
    root = merkle_root(leaves)
    for index, leaf in enumerate(leaves):
        assert verify_inclusion(leaf, inclusion_proof(leaves, index), root)


def test_a_changed_row_fails_its_proof() -> None:
    leaves = _leaves(6)
    root = merkle_root(leaves)
    proof = inclusion_proof(leaves, 2)
    assert not verify_inclusion(hashlib.sha256(b"edited").digest(), proof, root)


def test_order_matters() -> None:
    leaves = _leaves(4)
    assert merkle_root(leaves) != merkle_root(list(reversed(leaves)))


def _level_by_level(leaves: list[bytes]) -> bytes:
    level = [hashlib.sha256(b"\x00" + h).digest() for h in leaves]
    while len(level) > 1:
        paired = [
            hashlib.sha256(b"\x01" + level[i] + level[i + 1]).digest()
            for i in range(0, len(level) - 1, 2)
        ]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]


@pytest.mark.parametrize("size", [1, 2, 3, 6, 7, 8, 9, 31, 33, 100])
def test_the_running_fold_gives_the_level_by_level_root(size: int) -> None:
    leaves = _leaves(size)
    fold = MerkleFold()
    fold.extend(leaves[: size // 3])
    fold.extend(iter(leaves[size // 3 :]))
    assert fold.count == size
    assert fold.root() == _level_by_level(leaves) == merkle_root(leaves)
