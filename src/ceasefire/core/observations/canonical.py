"""Canonical bytes, content hashes and natural keys of observation rows.

The canonical form of an observation is the RFC 8785 serialisation of an object holding
``"layout": "observation/1"`` and every present column of the flat layout (``columns.py``), with
coordinates in integer micro-degrees and times as UTC text. Absent columns are omitted. Because
every value is a string or an integer and every key is ASCII, Python's ``json.dumps`` with sorted
keys, no whitespace and ``ensure_ascii=False`` yields exactly the RFC 8785 bytes; a test holds
this against the ``rfc8785`` reference implementation.

The natural key of an observation is ``(source_name, key)``. Rows without a ``key`` get
``sha256:<first 32 hex digits of the content hash without key>``, so re-importing the same
file is idempotent.
"""

from __future__ import annotations

import hashlib
import json

import numpy as np

from ceasefire.core.observations.parse import ObjectArray, ObservationBatch

LAYOUT = "observation/1"
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode
INT_LIMIT = 2**53
"""Integers must be exactly representable as IEEE doubles (RFC 8785 numbers)."""


def row_bytes(row: dict[str, object]) -> bytes:
    """Canonical bytes of one flat row (``None`` values omitted)."""
    present = {k: v for k, v in row.items() if v is not None}
    present["layout"] = LAYOUT
    return _dumps(present).encode("utf-8")


def canonicalise(batch: ObservationBatch) -> tuple[ObjectArray, list[bytes], list[str]]:
    """Fill missing keys; return (keys, canonical bytes, SHA-256 hex) per row, in row order."""
    names = sorted(batch.columns)
    columns = [batch.columns[n] for n in names]
    keys = batch.columns.get("key")
    if keys is None:
        keys = batch.columns["key"] = np.full(batch.size, None, dtype=object)
        names = sorted(batch.columns)
        columns = [batch.columns[n] for n in names]
    key_at = names.index("key")
    blobs: list[bytes] = []
    hashes: list[str] = []
    sha256 = hashlib.sha256
    for i, values in enumerate(zip(*columns, strict=True)):
        row = {n: v for n, v in zip(names, values, strict=True) if v is not None}
        row["layout"] = LAYOUT
        if values[key_at] is None:
            derived = "sha256:" + sha256(_dumps(row).encode("utf-8")).hexdigest()[:32]
            keys[i] = derived
            row["key"] = derived
        blob = _dumps(row).encode("utf-8")
        blobs.append(blob)
        hashes.append(sha256(blob).hexdigest())
    return keys, blobs, hashes
