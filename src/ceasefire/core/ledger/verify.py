"""Checking the record: the chain, the rows an entry commits to, and signed checkpoints.

Pure: the caller streams stored values in (entries in ``seq`` order, rows in ``id`` order) and
gets :class:`Problem` values back, each naming the first bad entry, row or checkpoint. Nothing is
re-serialised: hashes are taken over the stored bytes.

>>> from ceasefire.core.ledger.chain import chain, GENESIS, pseudonym
>>> import hashlib, json
>>> event = json.dumps({"action": "a", "actor": "local:x", "object_ref": "r",
...     "object_type": "t", "recorded_at": "2025-01-01T00:00:00Z", "content": {}}).encode()
>>> link = next(chain(0, GENESIS, [hashlib.sha256(event).digest()]))
>>> walk = ChainWalk()
>>> entry = StoredEntry(1, GENESIS.hex(), link.entry_hash.hex(), link.content_hash.hex(),
...     event, pseudonym("local:x"), "a", "t", "r", "2025-01-01T00:00:00Z")
>>> walk.check(entry)[0]
[]
>>> walk.size
1
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ceasefire.core.ledger.chain import GENESIS, entry_hash, pseudonym
from ceasefire.core.ledger.checkpoint import Checkpoint, signature_is_valid
from ceasefire.core.ledger.merkle import MerkleFold


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing that does not verify; ``where`` names the entry, row or checkpoint."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """A ledger entry as stored (hashes as hex text, the event's canonical bytes)."""

    seq: int
    previous_hash: str
    entry_hash: str
    content_hash: str
    canonical: bytes
    actor: str
    action: str
    object_type: str
    object_ref: str
    recorded_at: str


class ChainWalk:
    """Checks entries one by one in stored ``seq`` order; remembers the head so far."""

    __slots__ = ("head", "size")

    def __init__(self) -> None:
        self.size = 0
        """Entries checked so far (the expected next seq is ``size + 1``)."""
        self.head = GENESIS
        """Entry hash of entry ``size`` as recomputed (or as stored, after a break)."""

    def check(self, entry: StoredEntry) -> tuple[list[Problem], dict[str, Any] | None]:
        """Problems of this entry, and its parsed event (``None`` when it is not JSON)."""
        where = f"entry {entry.seq}"
        problems: list[Problem] = []
        expected = self.size + 1
        if entry.seq != expected:
            problems.append(
                Problem(where, f"expected entry {expected} next: an entry was deleted or reordered")
            )
        content = hashlib.sha256(entry.canonical).digest()
        if content.hex() != entry.content_hash:
            problems.append(Problem(where, "its event bytes do not hash to its content_hash"))
        if entry.previous_hash != self.head.hex():
            problems.append(Problem(where, "previous_hash is not the hash of the entry before it"))
        recomputed = entry_hash(entry.seq, self.head, content) if entry.seq >= 1 else b""
        if recomputed.hex() != entry.entry_hash:
            problems.append(
                Problem(where, "entry_hash does not match its seq, previous and content")
            )
        event = _event(entry.canonical)
        if event is None:
            problems.append(Problem(where, "its event bytes are not a JSON object"))
        else:
            problems += _columns_match(where, entry, event)
        self.size = max(expected, entry.seq)
        try:
            self.head = bytes.fromhex(entry.entry_hash)
        except ValueError:
            self.head = recomputed
        if len(self.head) != 32:
            self.head = recomputed
        return problems, event


def _event(canonical: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(canonical)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _columns_match(where: str, entry: StoredEntry, event: Mapping[str, Any]) -> list[Problem]:
    """The convenience columns of an entry must say what its hashed event says."""
    shown = {
        "action": entry.action,
        "object_type": entry.object_type,
        "object_ref": entry.object_ref,
        "recorded_at": entry.recorded_at,
    }
    wrong = [name for name, value in shown.items() if event.get(name) != value]
    actor = str(event.get("actor"))
    if entry.actor != actor and entry.actor != pseudonym(actor):  # keyed, or before keys
        wrong.append("actor")
    return [Problem(where, f"column {name} differs from the hashed event") for name in wrong]


def check_rows(
    rows: Iterable[tuple[str, str, bytes] | tuple[str, str, bytes, bytes | None]],
    *,
    committed_root: str,
    committed_count: int | None,
    committed_by: str,
) -> tuple[list[Problem], int]:
    """Re-hash rows ``(name, content_hash, canonical)`` in order against a committed Merkle root.

    Returns the problems and the number of rows read. Each row's stored ``content_hash`` must be
    the SHA-256 of its stored canonical bytes; the root is folded over the SHA-256 of the stored
    bytes (not over the ``content_hash`` column), so editing both still changes the root. A row
    given with a fourth item, its committed form (``core.ledger.commit``), folds that instead.
    """
    problems: list[Problem] = []
    fold = MerkleFold()
    sha = hashlib.sha256
    for name, stored_hash, canonical, *committed in rows:
        digest = sha(canonical).digest()
        if digest.hex() != stored_hash:
            problems.append(Problem(name, "its canonical bytes do not hash to content_hash"))
        form = committed[0] if committed else None
        fold.extend((digest if form is None else sha(form).digest(),))
    if committed_count is not None and fold.count != committed_count:
        problems.append(
            Problem(
                committed_by,
                f"{fold.count} rows are stored but {committed_count} were committed: "
                "rows were added or removed",
            )
        )
    elif fold.root().hex() != committed_root:
        problems.append(
            Problem(
                committed_by,
                f"the Merkle root over its {fold.count} stored rows differs from the committed "
                "root: a row was edited, added, removed or reordered",
            )
        )
    return problems, fold.count


def check_row(
    name: str, stored_hash: str, canonical: bytes, committed: str | None = None
) -> list[Problem]:
    """One row: its bytes must hash to its ``content_hash`` column and, when the ledger commits
    to it by hash, to the ``committed`` hash."""
    digest = hashlib.sha256(canonical).hexdigest()
    problems = []
    if digest != stored_hash:
        problems.append(Problem(name, "its canonical bytes do not hash to content_hash"))
    if committed is not None and digest != committed:
        problems.append(Problem(name, "its canonical bytes differ from what the ledger committed"))
    return problems


def check_checkpoint(
    label: str,
    checkpoint: Checkpoint,
    *,
    ledger_size: int,
    hash_at_size: bytes | None,
    trusted_keys: Collection[str] = (),
) -> list[Problem]:
    """A checkpoint must be signed, by a trusted key when any are given, and its head must be in
    the ledger: ``hash_at_size`` is the recomputed entry hash at ``checkpoint.size``."""
    problems: list[Problem] = []
    if not signature_is_valid(checkpoint):
        problems.append(Problem(label, "the signature does not verify"))
    if trusted_keys and checkpoint.key_id not in trusted_keys:
        problems.append(
            Problem(label, f"signed by key {checkpoint.key_id[:16]}…, not a trusted key")
        )
    if checkpoint.size > ledger_size:
        problems.append(
            Problem(
                label,
                f"it signs {checkpoint.size} entries but the ledger holds {ledger_size}: "
                "the ledger was truncated",
            )
        )
    elif checkpoint.size == 0:
        if checkpoint.head_hash != GENESIS:
            problems.append(Problem(label, "an empty head must be 32 zero bytes"))
    elif hash_at_size != checkpoint.head_hash:
        problems.append(
            Problem(
                f"entry {checkpoint.size}",
                f"differs from the head signed in {label}: the ledger up to it was rewritten",
            )
        )
    return problems
