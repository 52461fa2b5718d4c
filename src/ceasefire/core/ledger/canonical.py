"""Canonical bytes of a record: RFC 8785 (JSON Canonicalization Scheme) with no floats.

Every row the record commits to is stored with these bytes next to it; a verifier hashes the
stored bytes and never re-serialises. Floats are refused so that two implementations can never
disagree on a number: coordinates travel as integer micro-degrees, times as UTC ISO-8601 strings
ending in ``Z``, distances as integer metres.

>>> canonical_bytes({"b": 1, "a": "x"})
b'{"a":"x","b":1}'
>>> content_hash(b'{"a":"x","b":1}')[:16]
'cdab067e9f3beb32'
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, cast

import rfc8785

from ceasefire.core.errors import CeasefireError

JSONValue = str | int | bool | None | Mapping[str, "JSONValue"] | Sequence["JSONValue"]


class CanonicalFormError(CeasefireError):
    """A value cannot be put in canonical form (a float, a naive time, a non-string key)."""


def _check(value: object, path: str) -> None:
    if value is None or isinstance(value, str | bool | int):
        return
    if isinstance(value, float):
        raise CanonicalFormError(f"{path}: floats are not allowed in hashed content ({value!r})")
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalFormError(f"{path}: object keys must be strings ({key!r})")
            _check(item, f"{path}.{key}")
        return
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check(item, f"{path}[{index}]")
        return
    raise CanonicalFormError(f"{path}: {type(value).__name__} has no canonical form")


def canonical_bytes(value: Mapping[str, object]) -> bytes:
    """RFC 8785 bytes of ``value`` after checking it holds no float."""
    _check(value, "$")
    return rfc8785.dumps(cast(Any, value))


def content_hash(data: bytes) -> str:
    """Lower-case hex SHA-256 of stored canonical bytes."""
    return hashlib.sha256(data).hexdigest()


def micro_degrees(degrees: float) -> int:
    """Degrees as integer micro-degrees (rounded half away from zero), ~0.11 m at the equator.

    >>> micro_degrees(48.0159), micro_degrees(-37.5000005)
    (48015900, -37500001)
    """
    if not math.isfinite(degrees):
        raise CanonicalFormError(f"coordinate {degrees!r} is not a finite number")
    scaled = abs(degrees) * 1_000_000
    whole = math.floor(scaled + 0.5)
    return whole if degrees >= 0 else -whole


FIRST_YEAR = 1900
"""Times before this year have no canonical form (nothing the record holds is that old; and
``strftime`` would write years before 1000 with fewer than four digits)."""


def utc_text(moment: datetime) -> str:
    """A timezone-aware time as ``YYYY-MM-DDTHH:MM:SSZ`` (seconds; sub-second dropped).

    A time before :data:`FIRST_YEAR` is refused (:class:`CanonicalFormError`), never written
    in another width.

    >>> from datetime import timezone, timedelta
    >>> utc_text(datetime(2025, 4, 19, 18, 0, tzinfo=timezone(timedelta(hours=3))))
    '2025-04-19T15:00:00Z'
    """
    if moment.tzinfo is None:
        raise CanonicalFormError(f"time {moment.isoformat()} has no time zone")
    utc = moment.astimezone(UTC)
    if utc.year < FIRST_YEAR:
        raise CanonicalFormError(
            f"time {moment.isoformat()} is out of range: expected a year from "
            f"{FIRST_YEAR} (canonical times have four-digit years)"
        )
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


class CanonicalRecord:
    """Mixin for records that commit to their :meth:`content`: canonical bytes and their hash.

    Subclasses implement ``content()`` (a JSON-ready mapping with no floats).
    """

    __slots__ = ()

    def content(self) -> Mapping[str, object]:
        """The record as a JSON-ready mapping (no floats): what the record commits to."""
        raise NotImplementedError

    def canonical(self) -> bytes:
        """RFC 8785 bytes of :meth:`content`."""
        return canonical_bytes(self.content())

    def content_hash(self) -> str:
        """SHA-256 hex of the canonical bytes."""
        return content_hash(self.canonical())
