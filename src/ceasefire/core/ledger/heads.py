"""Several parties' checkpoints against one chain: truncation, rewrites and equivocation.

Each party keeps the signed heads it has seen. Two heads are consistent when one is a prefix of
the other: on one chain, the entry hash at the smaller head's size is that head. The mission
*equivocates* when it signs two heads that cannot both be on one chain: the same size with
different hashes, or one head on the chain being verified and the other not.

>>> from datetime import datetime, UTC
>>> from ceasefire.core.ledger.checkpoint import generate_private_key, sign_head
>>> key, when = generate_private_key(), datetime(2025, 4, 19, tzinfo=UTC)
>>> a = sign_head(key, None, 1, b"a" * 32, when)
>>> b = sign_head(key, None, 1, b"b" * 32, when)
>>> [p.where for p in check_heads([("A", a), ("B", b)], size=1, hash_at={1: b"a" * 32})]
['entry 1', 'A and B']
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime

from ceasefire.core.ledger.chain import GENESIS
from ceasefire.core.ledger.checkpoint import (
    Checkpoint,
    countersignature_is_valid,
    endorsement_is_valid,
    key_id,
)
from ceasefire.core.ledger.verify import Problem, check_checkpoint


def check_heads(
    held: Sequence[tuple[str, Checkpoint]],
    *,
    size: int,
    hash_at: Mapping[int, bytes],
    trusted_keys: Collection[str] = (),
) -> list[Problem]:
    """Problems of each checkpoint against the chain (``hash_at[n]`` = entry hash of entry n),
    then of each pair that cannot both be on one chain (naming both checkpoints)."""
    problems: list[Problem] = []
    for label, checkpoint in held:
        problems += check_checkpoint(
            label,
            checkpoint,
            ledger_size=size,
            hash_at_size=hash_at.get(checkpoint.size),
            trusted_keys=trusted_keys,
        )
        for counter in checkpoint.countersignatures:
            if not countersignature_is_valid(checkpoint, counter):
                problems.append(
                    Problem(
                        label, f"the countersignature of key {counter.key_id[:16]}… does not verify"
                    )
                )
    for i, (first_label, first) in enumerate(held):
        for second_label, second in held[i + 1 :]:
            reason = _equivocation(first, second, size=size, hash_at=hash_at)
            if reason:
                problems.append(Problem(f"{first_label} and {second_label}", reason))
    return problems


def _on_chain(checkpoint: Checkpoint, size: int, hash_at: Mapping[int, bytes]) -> bool | None:
    if checkpoint.size > size:
        return None  # beyond the chain: cannot tell (truncation is reported on its own)
    return hash_at.get(checkpoint.size, GENESIS if checkpoint.size == 0 else b"") == (
        checkpoint.head_hash
    )


def _equivocation(
    first: Checkpoint, second: Checkpoint, *, size: int, hash_at: Mapping[int, bytes]
) -> str:
    if first.size == second.size:
        if first.head_hash != second.head_hash:
            return (
                f"equivocation: both sign {first.size} entries with different heads "
                f"({first.head_hash.hex()[:16]}… and {second.head_hash.hex()[:16]}…)"
            )
        return ""
    on_first = _on_chain(first, size, hash_at)
    on_second = _on_chain(second, size, hash_at)
    if on_first is None or on_second is None or on_first == on_second:
        return ""
    small, large = (first, second) if first.size < second.size else (second, first)
    return (
        f"equivocation: neither head is a prefix of the other (heads of {small.size} and "
        f"{large.size} entries; only one of them is on this chain)"
    )


def trusted_closure(
    trusted: Iterable[str], rotations: Iterable[tuple[bytes, bytes, datetime, bytes]]
) -> tuple[set[str], list[tuple[bytes, bytes]]]:
    """Trusted key ids extended by valid rotations ``(old public, new public, rotated_at,
    signature)`` in ledger order; also returns the rotations whose endorsement does not verify.
    """
    keys = set(trusted)
    bad: list[tuple[bytes, bytes]] = []
    for old, new, rotated_at, signature in rotations:
        if not endorsement_is_valid(old, new, rotated_at, signature):
            bad.append((old, new))
        elif key_id(old) in keys:
            keys.add(key_id(new))
    return keys, bad
