from __future__ import annotations

import hashlib

import pytest

from ceasefire.core.ledger.merkle import inclusion_proof, merkle_root, verify_inclusion


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
