"""Checking an exported bundle with no database: chain, rows, proofs, checkpoints, keys.

A bundle (``ceasefire ledger export``; layout in ``docs/ledger.md``) is JSON lines: a header,
then each entry followed by the rows it commits to (``core.ledger.bundle_rows``: each row's
committed form, or only its hash when the row is withheld, with its Merkle inclusion proof
where the entry commits to a root), then the stored checkpoints. :class:`BundleCheck` takes
the parsed lines in order and names the first bad entry, row or checkpoint, exactly as
``ledger verify`` does on a database. Pure: values in, :class:`Problem` values out.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ceasefire.core.ledger.bundle_rows import EVENT_ONLY, RowCommitment, rows_committed
from ceasefire.core.ledger.chain import GENESIS, entry_hash
from ceasefire.core.ledger.checkpoint import Checkpoint, CheckpointFormatError
from ceasefire.core.ledger.heads import check_heads, trusted_closure
from ceasefire.core.ledger.merkle import verify_inclusion
from ceasefire.core.ledger.verify import Problem

FORMAT = "ceasefire-bundle/v1"
PSEUDONYM = re.compile(r"p:[0-9a-f]{16}")
"""An actor as a bundle may show it: a keyed pseudonym."""


def proof_sides(index: int, size: int) -> list[str]:
    """The sides ("L"/"R") of the inclusion proof of row ``index`` in a tree of ``size`` rows.

    >>> proof_sides(2, 3), proof_sides(1, 3)
    (['L'], ['L', 'R'])
    """
    sides = []
    while size > 1:
        sibling = index ^ 1
        if sibling < size:
            sides.append("L" if sibling < index else "R")
        index //= 2
        size = (size + 1) // 2
    return sides


@dataclass
class BundleCheck:
    """Feed the parsed lines of a bundle in order, then :meth:`finish`."""

    problems: list[Problem] = field(default_factory=list)
    header: dict[str, Any] | None = None
    size: int = 0
    rows_checked: int = 0
    rows_withheld: int = 0
    """Rows the bundle carries as their hash only (checked as hashes)."""
    withheld: list[int] = field(default_factory=list)
    """Entries whose event the bundle withholds (sequenced before keyed pseudonyms)."""
    not_in_bundle: dict[str, int] = field(default_factory=dict)
    hashes: list[bytes] = field(default_factory=lambda: [GENESIS])
    recorded: list[tuple[str, Checkpoint]] = field(default_factory=list)
    stored: list[tuple[str, Checkpoint]] = field(default_factory=list)
    rotations: list[tuple[bytes, bytes, datetime, bytes]] = field(default_factory=list)
    _rows: tuple[int, RowCommitment] | None = None
    _next_row: int = 0

    def feed(self, line: int, value: Mapping[str, Any]) -> None:
        """One parsed line (``line`` counts from 1, for messages)."""
        if self.header is None:
            if value.get("format") != FORMAT:
                self.problems.append(Problem(f"line {line}", f"not a {FORMAT} header"))
            self.header = dict(value)
            return
        if "row" in value:
            self._row(value)
        elif "entry" in value:
            self._close_rows()
            self._entry(value)
        elif "checkpoint" in value:
            self._stored_checkpoint(line, value)
        else:
            self.problems.append(
                Problem(f"line {line}", "neither an entry, a row nor a checkpoint")
            )

    def _entry(self, value: Mapping[str, Any]) -> None:
        seq = value.get("entry")
        where = f"entry {seq}"
        expected = self.size + 1
        if seq != expected:
            self.problems.append(
                Problem(
                    where,
                    f"expected entry {expected} next: an entry was deleted, inserted or reordered",
                )
            )
        event_text = value.get("event")
        event: dict[str, Any] | None = None
        if event_text is None:
            content = _hex(value.get("content_hash"))
            self.withheld.append(expected)
        else:
            data = str(event_text).encode("utf-8")
            content = hashlib.sha256(data).digest()
            if content.hex() != value.get("content_hash"):
                self.problems.append(Problem(where, "its event does not hash to its content_hash"))
            event = _json_object(data)
            if event is None:
                self.problems.append(Problem(where, "its event is not a JSON object"))
        previous = self.hashes[-1]
        if value.get("previous_hash") != previous.hex():
            self.problems.append(
                Problem(where, "previous_hash is not the hash of the entry before it")
            )
        recomputed = entry_hash(expected, previous, content if len(content) == 32 else bytes(32))
        if recomputed.hex() != value.get("entry_hash"):
            self.problems.append(
                Problem(where, "entry_hash does not match its seq, previous and content")
            )
        self.size = expected
        self.hashes.append(_hex(value.get("entry_hash")) or recomputed)
        if event is not None:
            self._event(where, event)

    def _event(self, where: str, event: Mapping[str, Any]) -> None:
        if not PSEUDONYM.fullmatch(str(event.get("actor"))):
            self.problems.append(Problem(where, "its actor is not a pseudonym"))
        committed = rows_committed(event)
        if committed is not None:
            self._rows = (self.size, committed)
            self._next_row = 0
        elif event.get("object_type") not in EVENT_ONLY:  # checkpoints and keys: checked below
            kind = str(event.get("object_type"))
            self.not_in_bundle[kind] = self.not_in_bundle.get(kind, 0) + 1
        content = event.get("content")
        if not isinstance(content, dict):
            return
        if event.get("action") == "ledger.checkpoint_signed":
            try:
                checkpoint = Checkpoint.from_json(content, source=where)
            except CheckpointFormatError as exc:
                self.problems.append(Problem(where, str(exc)))
            else:
                self.recorded.append((f"{where} (checkpoint)", checkpoint))
        elif event.get("action") == "keys.rotated":
            self._rotation(where, content)

    def _rotation(self, where: str, content: Mapping[str, Any]) -> None:
        try:
            rotated_at = datetime.strptime(str(content["rotated_at"]), "%Y-%m-%dT%H:%M:%SZ")
            self.rotations.append(
                (
                    bytes.fromhex(str(content["old_public_key"])),
                    bytes.fromhex(str(content["new_public_key"])),
                    rotated_at.replace(tzinfo=UTC),
                    bytes.fromhex(str(content["endorsement"])),
                )
            )
        except (KeyError, ValueError):
            self.problems.append(Problem(where, "its key rotation is malformed"))

    def _row(self, value: Mapping[str, Any]) -> None:
        seq, index = value.get("entry"), value.get("row")
        where = f"entry {seq} row {index}"
        if isinstance(value.get("ref"), str):
            where += f" ({value['ref']})"
        if self._rows is None or seq != self._rows[0] or index != self._next_row:
            expected = (
                f"row {self._next_row} of entry {self._rows[0]}" if self._rows else "an entry"
            )
            self.problems.append(
                Problem(
                    where,
                    f"out of place (expected {expected}): a row was inserted, deleted or reordered",
                )
            )
            return
        _, committed = self._rows
        self._next_row += 1
        self.rows_checked += 1
        if index >= committed.count:
            self.problems.append(
                Problem(where, f"the entry commits to {committed.count} rows only")
            )
            return
        if "withheld" in value:
            self.rows_withheld += 1
            digest = _hex(value.get("withheld"))
            shape = "its withheld hash"
        else:
            digest = hashlib.sha256(str(value.get("committed")).encode("utf-8")).digest()
            shape = "its committed form"
        if committed.kind == "hashes":
            if digest.hex() != committed.hashes[index]:
                self.problems.append(Problem(where, f"{shape} differs from what the entry commits"))
            return
        proof = _proof(value.get("proof"))
        if (
            len(digest) != 32
            or proof is None
            or [side for side, _ in proof] != proof_sides(index, committed.count)
            or not verify_inclusion(digest, proof, _hex(committed.root))
        ):
            self.problems.append(Problem(where, f"{shape} is not in the entry's Merkle root"))

    def _close_rows(self) -> None:
        if self._rows is not None and self._next_row < self._rows[1].count:
            seq, count = self._rows[0], self._rows[1].count
            self.problems.append(
                Problem(
                    f"entry {seq} row {self._next_row}",
                    f"missing: the entry commits to {count} rows, the bundle has {self._next_row}",
                )
            )
        self._rows = None

    def _stored_checkpoint(self, line: int, value: Mapping[str, Any]) -> None:
        self._close_rows()
        label = f"stored checkpoint {value.get('checkpoint')}"
        try:
            self.stored.append((label, Checkpoint.from_json(value, source=label)))
        except CheckpointFormatError as exc:
            self.problems.append(Problem(f"line {line}", str(exc)))

    def finish(
        self,
        held: Sequence[tuple[str, Checkpoint]] = (),
        trusted_keys: Collection[str] = (),
    ) -> list[Problem]:
        """Close the last entry; check the header's head, every checkpoint (the bundle's own,
        those recorded in the chain and those ``held`` by the verifying party) and keys."""
        self._close_rows()
        header = self.header or {}
        if header.get("size") != self.size or header.get("head_hash") != self.hashes[-1].hex():
            self.problems.append(
                Problem(
                    f"entry {self.size}",
                    f"the bundle ends here but its header says {header.get('size')} entries "
                    "ending in another head: entries were removed or added",
                )
            )
        trusted: Collection[str] = trusted_keys
        if trusted_keys:
            trusted, bad = trusted_closure(trusted_keys, self.rotations)
            self.problems += [
                Problem(f"key {new.hex()[:16]}…", "its rotation is not signed by the key before")
                for _, new in bad
            ]
        hash_at = dict(enumerate(self.hashes))
        every = [*self.recorded, *self.stored, *held]
        self.problems += check_heads(every, size=self.size, hash_at=hash_at, trusted_keys=trusted)
        return self.problems


def _hex(value: object) -> bytes:
    try:
        return bytes.fromhex(value) if isinstance(value, str) else b""
    except ValueError:
        return b""


def _json_object(data: bytes) -> dict[str, Any] | None:
    import json

    try:
        value = json.loads(data)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _proof(value: object) -> list[tuple[str, bytes]] | None:
    if not isinstance(value, list):
        return None
    proof = []
    for item in value:
        if not (isinstance(item, list) and len(item) == 2 and item[0] in ("L", "R")):
            return None
        node = _hex(item[1])
        if len(node) != 32:
            return None
        proof.append((str(item[0]), node))
    return proof
