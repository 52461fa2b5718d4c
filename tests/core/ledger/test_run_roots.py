"""A run's root folds its versions in public-ID order, whatever order they come in."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.ledger.merkle import EMPTY_ROOT, merkle_root
from ceasefire.core.ledger.run_roots import run_commitment, versions_root

IDS = st.lists(st.integers(min_value=1, max_value=10**7), unique=True, max_size=12)


@settings(max_examples=50)
@given(numbers=IDS, seed=st.randoms())
def test_the_root_does_not_depend_on_the_order_rows_come_in(numbers: list[int], seed) -> None:  # type: ignore[no-untyped-def]
    pairs = [(f"INC-{n:06d}", f'{{"n":{n}}}'.encode()) for n in numbers]
    shuffled = list(pairs)
    seed.shuffle(shuffled)
    assert versions_root(pairs) == versions_root(shuffled)
    ordered = sorted(pairs, key=lambda p: p[0].encode())
    assert versions_root(pairs) == merkle_root(hashlib.sha256(d).digest() for _, d in ordered)


def test_the_commitment_counts_and_an_empty_run_has_the_empty_root() -> None:
    assert run_commitment([]) == {"versions": 0, "versions_merkle_root": EMPTY_ROOT.hex()}
    one = run_commitment([("FND-000001", b"{}")])
    assert one["versions"] == 1
    assert one["versions_merkle_root"] != EMPTY_ROOT.hex()
