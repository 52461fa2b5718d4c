"""Salted commitments: the *committed form* of a row, which hides its restricted fields.

A ledger leaf commits to a row's committed form: its canonical bytes (RFC 8785) where the value
of each restricted field is replaced by ``{"commitment": hex(SHA-256(salt || canonical(value)))}``
with a 32-byte random salt per row and field. The salts stay in the mission's database; an
exported bundle carries committed forms only, so a party verifies every row without learning a
monitor's identity or position. A row with no restricted field has committed form == canonical
bytes, so its hash is unchanged.

Restricted fields of an observation are those of ``ceasefire.core.access``: the observer's
position, bearings and distances (which reveal it) on every row; the source name, evidence
collector and URL when the source is a monitor team or a sensor; and ``key`` whenever any other
field of the row is restricted (a monitor's own key names the team, and a derived ``sha256:``
key is a hash of the whole row, which would let a guess of the hidden values be checked).

>>> blob = b'{"act":"shelling","layout":"observation/1","observer_lat":48015900}'
>>> committed = committed_form(blob, {"observer_lat": bytes(32)})
>>> committed.startswith(b'{"act":"shelling","layout":"observation/1","observer_lat":{"commitment')
True
>>> commitment(bytes(32), 48015900) == json.loads(committed)["observer_lat"]["commitment"]
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

import numpy as np

from ceasefire.core.access.redaction import (
    IDENTITY_FIELDS,
    POSITION_FIELDS,
    RESTRICTED_EVIDENCE_FIELDS,
    RESTRICTED_SOURCE_KINDS,
)
from ceasefire.core.access.redaction import RESTRICTED_FIELDS as _RESTRICTED
from ceasefire.core.errors import CeasefireError

RESTRICTED_FIELDS = tuple(sorted(_RESTRICTED))
"""Observation fields a committed form can hide (``ceasefire.core.access.RESTRICTED_FIELDS``)."""
ALWAYS = frozenset(POSITION_FIELDS)
"""Hidden on every row: where the observer stood."""
BY_SOURCE = frozenset(IDENTITY_FIELDS + RESTRICTED_EVIDENCE_FIELDS)
"""Hidden when the source kind is restricted (monitor teams and sensors)."""
COMMIT_COLUMNS = (*RESTRICTED_FIELDS, "key", "source_kind", "source_name")
"""The columns that decide and make a row's committed form."""
SALT_BYTES = 32
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


class CommitmentError(CeasefireError):
    """Salts do not fit a row (a salted field is absent, or the salts have the wrong length)."""


def value_bytes(value: object) -> bytes:
    """RFC 8785 bytes of one JSON value (a string, integer or boolean).

    >>> value_bytes("Team 3"), value_bytes(48015900)
    (b'"Team 3"', b'48015900')
    """
    if isinstance(value, float):
        raise CommitmentError("floats are not allowed in committed values")
    return _dumps(value).encode("utf-8")


def commitment(salt: bytes, value: object) -> str:
    """``hex(SHA-256(salt || canonical(value)))``."""
    return hashlib.sha256(salt + value_bytes(value)).hexdigest()


def fields_to_commit(row: Mapping[str, object]) -> tuple[str, ...]:
    """The fields of a flat observation row that its committed form hides, sorted.

    >>> fields_to_commit({"source_kind": "monitor_team", "source_name": "T1", "key": "k"})
    ('key', 'source_name')
    >>> fields_to_commit({"source_kind": "media", "source_name": "BBC", "key": "k"})
    ()
    """
    restricted_source = row.get("source_kind") in RESTRICTED_SOURCE_KINDS
    found = [
        name
        for name in RESTRICTED_FIELDS
        if row.get(name) is not None and (name in ALWAYS or restricted_source)
    ]
    if found and row.get("key") is not None:
        found.append("key")
    return tuple(sorted(found))


def committed_form(canonical: bytes, salts: Mapping[str, bytes]) -> bytes:
    """The committed form of a row from its canonical bytes and its salts (field -> salt).

    The result is RFC 8785 again (every value is a string, an integer, a boolean or an object
    of those), so a verifier holding the salts recomputes exactly these bytes.
    """
    if not salts:
        return canonical
    try:
        row = json.loads(canonical)
    except ValueError:
        raise CommitmentError("the canonical bytes are not JSON") from None
    if not isinstance(row, dict):
        raise CommitmentError("the canonical bytes are not a JSON object")
    for name, salt in salts.items():
        if name not in row:
            raise CommitmentError(f"field {name} has a salt but no value")
        if len(salt) != SALT_BYTES:
            raise CommitmentError(f"field {name}: a salt must be {SALT_BYTES} bytes")
        row[name] = {"commitment": commitment(salt, row[name])}
    return _dumps(row).encode("utf-8")


def split_salts(fields: str, salts: bytes) -> dict[str, bytes]:
    """Stored salts (comma-separated field names, their salts concatenated) as a mapping."""
    names = [name for name in fields.split(",") if name]
    if len(salts) != SALT_BYTES * len(names):
        raise CommitmentError(f"{len(names)} salted fields need {SALT_BYTES * len(names)} bytes")
    return {name: salts[i * SALT_BYTES : (i + 1) * SALT_BYTES] for i, name in enumerate(names)}


@dataclass(frozen=True, slots=True)
class CommittedRow:
    """A row whose committed form differs from its canonical bytes."""

    position: int
    """Index in the batch given to :func:`commit_batch`."""
    fields: tuple[str, ...]
    salts: bytes
    """The salts of ``fields``, 32 bytes each, concatenated in the same order."""
    leaf_hash: bytes
    """SHA-256 of the committed form (the Merkle leaf's row hash)."""


def rows_to_commit(columns: Mapping[str, Sequence[Any] | np.ndarray], size: int) -> list[int]:
    """Positions of a columnar batch with at least one value its committed form hides."""
    kinds = columns.get("source_kind")
    restricted_source = (
        np.isin(np.asarray(kinds, dtype=object), list(RESTRICTED_SOURCE_KINDS))
        if kinds is not None
        else np.zeros(size, dtype=bool)
    )
    mask = np.zeros(size, dtype=bool)
    for name in RESTRICTED_FIELDS:
        values = columns.get(name)
        if values is not None:
            present = np.fromiter((v is not None for v in values), bool, size)
            mask |= present if name in ALWAYS else present & restricted_source
    return [int(i) for i in np.flatnonzero(mask)]


def _text(value: object) -> str:
    return encode_basestring(value) if type(value) is str else _dumps(value)


def commit_batch(
    blobs: Sequence[bytes],
    columns: Mapping[str, Sequence[Any] | np.ndarray],
    positions: Sequence[int],
    entropy: Callable[[int], bytes],
) -> list[CommittedRow]:
    """Committed forms of the rows at ``positions`` of a canonicalised batch, column by column.

    ``entropy(n)`` returns ``n`` random bytes (``os.urandom`` at the edge; fixed bytes in
    tests): each field of each row gets its own 32-byte salt. Each restricted ``"name":value``
    member is replaced in the canonical text: in a flat RFC 8785 object, ``,"name":`` can only
    be a member (a quote inside a string is always escaped), so the replacement is exact; a
    test holds it equal to :func:`committed_form`.
    """
    count = len(positions)
    if count == 0:
        return []
    at = np.asarray(positions, dtype=np.int64)

    def picked(name: str) -> list[Any] | None:
        values = columns.get(name)
        return None if values is None else np.asarray(values, dtype=object)[at].tolist()

    kinds = picked("source_kind") or [None] * count
    restricted_source = np.fromiter((k in RESTRICTED_SOURCE_KINDS for k in kinds), bool, count)
    masks: dict[str, tuple[np.ndarray, list[Any]]] = {}
    for name in RESTRICTED_FIELDS:
        values = picked(name)
        if values is None:
            continue
        present = np.fromiter((v is not None for v in values), bool, count)
        masks[name] = (present if name in ALWAYS else present & restricted_source, values)
    keys = picked("key")
    if keys is not None:
        anything = np.zeros(count, dtype=bool)
        for mask, _ in masks.values():
            anything |= mask
        present = np.fromiter((v is not None for v in keys), bool, count)
        masks["key"] = (anything & present, keys)
    texts = [blobs[p].decode("utf-8") for p in positions]
    fields: list[list[str]] = [[] for _ in range(count)]
    salts: list[list[bytes]] = [[] for _ in range(count)]
    sha256 = hashlib.sha256
    for name in sorted(masks):
        mask, values = masks[name]
        rows = np.flatnonzero(mask).tolist()
        if not rows:
            continue
        fresh = entropy(SALT_BYTES * len(rows))
        if len(fresh) != SALT_BYTES * len(rows):
            raise CommitmentError("not enough entropy for the salts")
        member = encode_basestring(name) + ":"
        for n, i in enumerate(rows):
            value_text = _text(values[i])
            salt = fresh[n * SALT_BYTES : (n + 1) * SALT_BYTES]
            digest = sha256(salt + value_text.encode("utf-8")).hexdigest()
            old = "," + member + value_text
            new = "," + member + '{"commitment":"' + digest + '"}'
            text = texts[i]
            texts[i] = (
                text.replace(old, new, 1)
                if old in text
                else text.replace("{" + member + value_text, "{" + new[1:], 1)
            )
            fields[i].append(name)
            salts[i].append(salt)
    return [
        CommittedRow(
            positions[i],
            tuple(fields[i]),
            b"".join(salts[i]),
            sha256(texts[i].encode("utf-8")).digest(),
        )
        for i in range(count)
        if fields[i]
    ]
