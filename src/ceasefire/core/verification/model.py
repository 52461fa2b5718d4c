"""The values verification works on: a columnar batch of observations in, incidents out.

A :class:`VerificationBatch` holds one numpy array per field, all the same length, so clustering
a million observations never builds a million Python objects. :meth:`VerificationBatch.from_records`
builds one from the flat records the store hands back (for tests and small runs).

>>> from datetime import UTC, datetime
>>> batch = VerificationBatch.from_records([
...     {"id": 7, "key": "a", "source_kind": "monitor_team", "source_name": "T1",
...      "start": datetime(2025, 4, 20, 10, tzinfo=UTC), "time_precision": "hour",
...      "lat": 48.0, "lon": 37.8, "radius_m": 500, "act": "shelling.mortar"}])
>>> len(batch), int(batch.end_s[0] - batch.start_s[0]), batch.act[0]
(1, 3600, 'shelling.mortar')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
ObjectArray = npt.NDArray[np.object_]

PRECISION_SECONDS: dict[str, int] = {
    "minute": 60,
    "hour": 3_600,
    "part_of_day": 6 * 3_600,
    "day": 86_400,
    "week": 7 * 86_400,
    "month": 30 * 86_400,
    "longer": 365 * 86_400,
}
"""Width of the time window a precision implies when a record gives no end."""

_FLOATS = (
    "lon",
    "lat",
    "radius_m",
    "observer_lon",
    "observer_lat",
    "bearing_min_deg",
    "bearing_max_deg",
    "distance_min_m",
    "distance_max_m",
    "fire_from_bearing_deg",
)
_TEXTS = (
    "place_name",
    "admin1",
    "act",
    "target_class",
    "weapon_type",
    "source_kind",
    "source_name",
    "reliability",
    "credibility",
    "derived_from",
    "alleged_perpetrator",
    "perception",
    "claimant",
    "key",
)


class Confidence(StrEnum):
    """How sure we are that the incident happened as described (best first)."""

    CONFIRMED = "confirmed"
    PROBABLE = "probable"
    POSSIBLE = "possible"
    UNVERIFIED = "unverified"
    DISCOUNTED = "discounted"


ABOVE_POSSIBLE = frozenset({Confidence.CONFIRMED.value, Confidence.PROBABLE.value})


class Attribution(StrEnum):
    """Whether the incident can be laid at one party's door."""

    ATTRIBUTED = "attributed"
    CONTESTED = "contested"
    NOT_ATTRIBUTABLE = "not_attributable"


@dataclass(frozen=True)
class ClusterParams:
    """Knobs of :func:`~ceasefire.core.verification.cluster.cluster`; defaults are tuned on the
    scenarios in ``tests/core/verification`` and documented in docs/verification.md."""

    link_sigma: float = 1.5
    """Two places agree when they are within this many combined radii of each other..."""
    link_floor_km: float = 0.5
    """... plus this much (reports of one explosion from 200 m apart still agree)."""
    max_link_km: float = 8.0
    """Never link two precise observations further apart than this."""
    time_base_s: int = 600
    """Fixed time tolerance each side of a window."""
    time_share: float = 0.1
    """Extra tolerance: this share of the window's own width."""
    sibling_factor: float = 0.5
    """Sibling acts (mortar vs artillery) link only within this share of the usual distance and
    time: they merge when time and place agree strongly."""
    precise_radius_km: float = 4.0
    """Observations at most this vague in place ...  """
    precise_window_s: int = 3 * 3_600
    """... and in time are linked to each other; vaguer ones attach to what those formed."""
    attach_sigma: float = 2.0
    """A vague observation attaches to an incident within this many combined radii."""
    attach_share: float = 0.5
    """... and only when that incident is the likely one: more than this share of the weight of
    all candidates (and of "none of them")."""
    attach_none: float = 0.7
    """Weight of "none of them" in that share: a report may be of an event nobody else saw, or
    invented (0.7: a fit at 0.85 radii; measured on the simulator, docs/verification.md)."""
    attach_rivals: bool = True
    """Incidents within the report's own window but beyond the time tolerance also weigh against
    the best fit (as rivals, at their place fit plus one): a complaint timed to the hour (or to a
    quarter of the day) near several incidents of that hour is ambiguous."""
    vague_max_radius_km: float = 50.0
    """Observations vaguer than this in place ..."""
    vague_max_window_s: int = 2 * 86_400
    """... or in time stay on their own: too vague to merge with anything."""
    split_rounds: int = 1
    """Rounds of splitting clusters whose members disagree with their best-located member."""


@dataclass(frozen=True)
class VerificationBatch:
    """Observations to verify, one numpy array per field (see docs/verification-contract.md).

    Times are UTC epoch seconds (``-1`` and ``has_time=False`` when undated); degrees and metres
    are floats (NaN when absent); text fields are object arrays of ``str`` or ``None``.
    """

    obs_id: IntArray
    start_s: IntArray
    end_s: IntArray
    has_time: BoolArray
    lon: FloatArray
    lat: FloatArray
    radius_m: FloatArray
    observer_lon: FloatArray
    observer_lat: FloatArray
    bearing_min_deg: FloatArray
    bearing_max_deg: FloatArray
    distance_min_m: FloatArray
    distance_max_m: FloatArray
    place_name: ObjectArray
    admin1: ObjectArray
    act: ObjectArray
    target_class: ObjectArray
    weapon_type: ObjectArray
    source_kind: ObjectArray
    source_name: ObjectArray
    reliability: ObjectArray
    credibility: ObjectArray
    derived_from: ObjectArray
    alleged_perpetrator: ObjectArray
    perception: ObjectArray
    claimant: ObjectArray
    fire_from_bearing_deg: FloatArray
    is_summary: BoolArray
    key: ObjectArray

    def __post_init__(self) -> None:
        sizes = {f.name: len(getattr(self, f.name)) for f in fields(self)}
        if len(set(sizes.values())) > 1:
            raise ValueError(f"VerificationBatch columns differ in length: {sizes}")

    def __len__(self) -> int:
        return int(self.obs_id.shape[0])

    def take(self, rows: IntArray | BoolArray) -> VerificationBatch:
        """The rows selected by an index or mask, as a new batch."""
        return VerificationBatch(**{f.name: getattr(self, f.name)[rows] for f in fields(self)})

    @classmethod
    def from_columns(cls, size: int, **columns: Any) -> VerificationBatch:
        """A batch of ``size`` rows from the given columns; absent columns are empty.

        >>> VerificationBatch.from_columns(2, act=["shelling", None]).lat.tolist()
        [nan, nan]
        """
        values: dict[str, Any] = {}
        for f in fields(cls):
            given = columns.pop(f.name, None)
            if f.name in _FLOATS:
                values[f.name] = _floats(given, size)
            elif f.name in _TEXTS:
                values[f.name] = _texts(given, size)
            elif f.name in ("has_time", "is_summary"):
                default = f.name == "has_time"
                values[f.name] = (
                    np.full(size, default) if given is None else np.asarray(given, dtype=bool)
                )
            elif f.name == "obs_id":
                values[f.name] = (
                    np.arange(size, dtype=np.int64)
                    if given is None
                    else np.asarray(given, dtype=np.int64)
                )
            else:
                values[f.name] = (
                    np.full(size, -1, dtype=np.int64)
                    if given is None
                    else np.asarray(given, dtype=np.int64)
                )
        if columns:
            raise ValueError(f"unknown VerificationBatch columns: {sorted(columns)}")
        return cls(**values)

    @classmethod
    def from_records(cls, records: Sequence[Mapping[str, object]]) -> VerificationBatch:
        """A batch from flat observation records (degrees as floats, aware datetimes).

        ``id`` becomes ``obs_id`` (the row number when absent); a record without ``end`` ends
        ``start`` + its ``time_precision``; one without ``start`` is undated.
        """
        size = len(records)
        start = np.full(size, -1, dtype=np.int64)
        end = np.full(size, -1, dtype=np.int64)
        has_time = np.zeros(size, dtype=bool)
        for i, record in enumerate(records):
            begin = record.get("start")
            if not isinstance(begin, datetime):
                continue
            stop = record.get("end")
            start[i] = int(begin.timestamp())
            if isinstance(stop, datetime):
                end[i] = int(stop.timestamp())
            else:
                end[i] = start[i] + PRECISION_SECONDS.get(str(record.get("time_precision")), 0)
            has_time[i] = True
        columns: dict[str, Any] = {
            name: [r.get(name) for r in records] for name in (*_FLOATS, *_TEXTS)
        }
        return cls.from_columns(
            size,
            obs_id=[int(str(r.get("id", i))) for i, r in enumerate(records)],
            start_s=start,
            end_s=end,
            has_time=has_time,
            is_summary=[bool(r.get("is_summary")) for r in records],
            **columns,
        )


def _floats(given: object, size: int) -> FloatArray:
    if given is None:
        return np.full(size, np.nan)
    values = [np.nan if v is None else v for v in given] if isinstance(given, list) else given
    return np.asarray(values, dtype=np.float64)


def _texts(given: object, size: int) -> ObjectArray:
    out = np.empty(size, dtype=object)
    if given is not None:
        seq = given.tolist() if isinstance(given, np.ndarray) else list(given)  # type: ignore[call-overload]
        out[:] = [None if v is None or v == "" else str(v) for v in seq]
    return out


@dataclass(frozen=True)
class IncidentTable:
    """One row per cluster label: best time, place and act, confidence and attribution.

    ``confidence_reason`` and ``attribution_basis`` say in plain words why, so a reader can
    check the grade against the observations behind it.
    """

    label: IntArray
    start_s: IntArray
    end_s: IntArray
    lon: FloatArray
    lat: FloatArray
    radius_m: FloatArray
    act: ObjectArray
    target_class: ObjectArray
    weapon_type: ObjectArray
    observations: IntArray
    independent_sources: IntArray
    confidence: ObjectArray
    confidence_reason: ObjectArray
    party: ObjectArray
    attribution: ObjectArray
    attribution_confidence: ObjectArray
    attribution_basis: ObjectArray
    locatable: BoolArray
    dated: BoolArray
    is_summary: BoolArray

    def __len__(self) -> int:
        return int(self.label.shape[0])

    def row(self, label: int) -> dict[str, object]:
        """One incident as a dict of Python values (for display and tests)."""
        return {f.name: _plain(getattr(self, f.name)[label]) for f in fields(self)}


def _plain(value: object) -> object:
    return value.item() if isinstance(value, np.generic) else value
