"""The values compliance works on: incidents in (columns), findings out (columns).

Every test is three-valued (:class:`Tri`): ``FALSE < UNKNOWN < TRUE``, stored as ``int8`` so
Kleene's AND is ``np.minimum`` and OR is ``np.maximum`` over whole columns. A finding is an
incident held against one term under one party's version of it; its verdict is the AND of its
tests (violation when all are true, no violation when one is false, indeterminate otherwise).

>>> import numpy as np
>>> both = np.minimum(np.array([TRUE, TRUE, FALSE]), np.array([UNKNOWN, TRUE, UNKNOWN]))
>>> [verdict_of(int(v)).value for v in both]
['indeterminate', 'violation', 'no_violation']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from ceasefire.core.verification.model import IncidentTable

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
TriArray = npt.NDArray[np.int8]
ObjectArray = npt.NDArray[np.object_]


class Tri(IntEnum):
    """A three-valued test outcome, ordered so that AND is min and OR is max."""

    FALSE = 0
    UNKNOWN = 1
    TRUE = 2


FALSE, UNKNOWN, TRUE = Tri.FALSE, Tri.UNKNOWN, Tri.TRUE


class Verdict(StrEnum):
    """What a finding says about an incident under one party's version of a term."""

    VIOLATION = "violation"
    NO_VIOLATION = "no_violation"
    INDETERMINATE = "indeterminate"


def verdict_of(outcome: int) -> Verdict:
    """The verdict of a combined test outcome (a :class:`Tri` value)."""
    return (Verdict.NO_VIOLATION, Verdict.INDETERMINATE, Verdict.VIOLATION)[outcome]


def tri(values: npt.ArrayLike) -> TriArray:
    """A column of :class:`Tri` values (``int8``)."""
    return np.asarray(values, dtype=np.int8)


def from_bools(sure_true: BoolArray, sure_false: BoolArray) -> TriArray:
    """TRUE where ``sure_true``, FALSE where ``sure_false`` (and not sure_true), else UNKNOWN."""
    out = np.full(sure_true.shape, UNKNOWN, dtype=np.int8)
    out[sure_false] = FALSE
    out[sure_true] = TRUE
    return out


def _texts(values: object, size: int) -> ObjectArray:
    out = np.full(size, None, dtype=object)
    if values is not None:
        seq = values.tolist() if isinstance(values, np.ndarray) else list(values)  # type: ignore[call-overload]
        out[:] = [None if v is None or v == "" else str(v) for v in seq]
    return out


def _floats(values: object, size: int, default: float = np.nan) -> FloatArray:
    if values is None:
        return np.full(size, default)
    if isinstance(values, np.ndarray):
        return np.asarray(values, dtype=np.float64)
    seq: list[Any] = list(values)  # type: ignore[call-overload]
    return np.asarray([default if v is None else v for v in seq], dtype=np.float64)


@dataclass(frozen=True)
class Incidents:
    """Incidents to evaluate, one numpy array per field, all the same length.

    Times are UTC epoch seconds, the window ``[start_s, end_s)`` (an instant when equal);
    ``dated`` False when the time is unknown. ``radius_m`` is the place's uncertainty (0 for an
    exact point). Texts are object arrays of ``str`` or ``None``: ``act``, ``target_class`` and
    ``weapon_type`` use the dotted taxonomy; ``party`` with ``attribution`` (attributed /
    contested / not_attributable, ``None`` when unknown) says who is held responsible.
    """

    incident_id: ObjectArray
    start_s: IntArray
    end_s: IntArray
    dated: BoolArray
    lon: FloatArray
    lat: FloatArray
    radius_m: FloatArray
    act: ObjectArray
    target_class: ObjectArray
    weapon_type: ObjectArray
    calibre_mm: FloatArray
    party: ObjectArray
    attribution: ObjectArray
    attribution_confidence: ObjectArray
    confidence: ObjectArray
    place: ObjectArray

    def __post_init__(self) -> None:
        sizes = {f.name: len(getattr(self, f.name)) for f in fields(self)}
        if len(set(sizes.values())) > 1:
            raise ValueError(f"Incidents columns differ in length: {sizes}")

    def __len__(self) -> int:
        return int(self.start_s.shape[0])

    @classmethod
    def from_columns(cls, size: int, **columns: Any) -> Incidents:
        """Incidents from the given columns; absent columns are empty (``None``, NaN, 0).

        >>> Incidents.from_columns(1, act=["shelling"], start_s=[0]).dated.tolist()
        [True]
        """
        unknown = set(columns) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown Incidents columns: {sorted(unknown)}")
        start = np.asarray(columns.get("start_s", np.full(size, -1)), dtype=np.int64)
        end = columns.get("end_s")
        dated = columns.get("dated")
        ids = columns.get("incident_id")
        return cls(
            incident_id=_texts(range(size) if ids is None else ids, size),
            start_s=start,
            end_s=start.copy() if end is None else np.asarray(end, dtype=np.int64),
            dated=(start >= 0) if dated is None else np.asarray(dated, dtype=bool),
            lon=_floats(columns.get("lon"), size),
            lat=_floats(columns.get("lat"), size),
            radius_m=_floats(columns.get("radius_m"), size, 0.0),
            calibre_mm=_floats(columns.get("calibre_mm"), size),
            **{
                name: _texts(columns.get(name), size)
                for name in (
                    "act",
                    "target_class",
                    "weapon_type",
                    "party",
                    "attribution",
                    "attribution_confidence",
                    "confidence",
                    "place",
                )
            },
        )

    @classmethod
    def from_table(
        cls, table: IncidentTable, place: Sequence[str | None] | None = None
    ) -> Incidents:
        """Incidents from verification's :class:`IncidentTable` (ids are its labels)."""
        return cls.from_columns(
            len(table),
            incident_id=[str(x) for x in table.label.tolist()],
            start_s=table.start_s,
            end_s=table.end_s,
            dated=table.dated,
            lon=table.lon,
            lat=table.lat,
            radius_m=np.nan_to_num(table.radius_m, nan=0.0),
            act=table.act,
            target_class=table.target_class,
            weapon_type=table.weapon_type,
            party=table.party,
            attribution=table.attribution,
            attribution_confidence=table.attribution_confidence,
            confidence=table.confidence,
            place=place,
        )

    @classmethod
    def from_events(cls, rows: Sequence[Mapping[str, str]]) -> Incidents:
        """The simulator's true events (``truth/events.csv`` rows) as exact, attributed incidents.

        Evaluating these gives the "on truth" upper bound: no clustering, location or
        attribution error. ``perpetrator`` is the party; an optional ``calibre_mm`` is read.
        """

        def seconds(text: str) -> int:
            return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())

        def text(row: Mapping[str, str], key: str) -> str | None:
            return row.get(key) or None

        return cls.from_columns(
            len(rows),
            incident_id=[r["event_id"] for r in rows],
            start_s=[seconds(r["start"]) for r in rows],
            end_s=[seconds(r["end"]) for r in rows],
            lon=[float(r["lon"]) for r in rows],
            lat=[float(r["lat"]) for r in rows],
            radius_m=np.zeros(len(rows)),
            act=[text(r, "act") for r in rows],
            target_class=[text(r, "target_class") for r in rows],
            weapon_type=[text(r, "weapon_type") for r in rows],
            calibre_mm=[float(r["calibre_mm"]) if r.get("calibre_mm") else None for r in rows],
            party=[text(r, "perpetrator") for r in rows],
            attribution=["attributed" if r.get("perpetrator") else None for r in rows],
            attribution_confidence=["confirmed" if r.get("perpetrator") else None for r in rows],
            confidence=["confirmed"] * len(rows),
            place=[text(r, "sector") for r in rows],
        )


@dataclass(frozen=True)
class ProtectedObjects:
    """Objects from the agreement's registries (power plants): they help locate and corroborate,
    they never define what is protected."""

    registry: ObjectArray
    name: ObjectArray
    lon: FloatArray
    lat: FloatArray

    def __len__(self) -> int:
        return int(self.lon.shape[0])

    @classmethod
    def empty(cls) -> ProtectedObjects:
        """No registry objects."""
        return cls(_texts([], 0), _texts([], 0), np.zeros(0), np.zeros(0))

    @classmethod
    def of(
        cls,
        registry: Sequence[str],
        name: Sequence[str],
        lon: Sequence[float],
        lat: Sequence[float],
    ) -> ProtectedObjects:
        """Objects from plain sequences."""
        size = len(name)
        return cls(
            _texts(registry, size), _texts(name, size), _floats(lon, size), _floats(lat, size)
        )


@dataclass(frozen=True)
class FindingTable:
    """Findings as columns: one row per (incident, term, party version) that is relevant.

    The test columns *are* the structured rule trace; :mod:`ceasefire.core.compliance.trace`
    renders a row to plain language only when asked. ``incident`` indexes the evaluated
    :class:`Incidents`; ``registry_object`` indexes :class:`ProtectedObjects` (-1: none within
    the incident's radius); ``weapon_class``/``distance_m``/``side``/``line``/``control`` say
    which withdrawal zone decided a withdrawal finding.
    """

    incident: IntArray
    term: ObjectArray
    version: ObjectArray
    outcome: TriArray
    responsible: ObjectArray
    temporal: TriArray
    act: TriArray
    target: TriArray
    spatial: TriArray
    attribution: TriArray
    weapon_class: ObjectArray
    distance_m: IntArray
    side: ObjectArray
    line: ObjectArray
    control: ObjectArray
    registry_object: IntArray

    def __len__(self) -> int:
        return int(self.incident.shape[0])

    @classmethod
    def concat(cls, parts: Sequence[FindingTable]) -> FindingTable:
        """One table from several (in order); an empty table when there are none."""
        if not parts:
            return cls(**{f.name: np.zeros(0, dtype=_DTYPES[f.name]) for f in fields(cls)})
        return cls(
            **{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(cls)}
        )

    def take(self, rows: IntArray | BoolArray) -> FindingTable:
        """The rows selected by an index or a mask."""
        return FindingTable(**{f.name: getattr(self, f.name)[rows] for f in fields(self)})

    def verdict(self, row: int) -> Verdict:
        """The verdict of finding ``row``."""
        return verdict_of(int(self.outcome[row]))

    def counts(self) -> dict[str, int]:
        """Findings per verdict."""
        values = np.bincount(self.outcome.astype(np.int64), minlength=3)
        return {verdict_of(i).value: int(values[i]) for i in range(3)}

    def keyed(self, incidents: Incidents) -> dict[tuple[str, str, str], str]:
        """``(incident id, term, version party) -> verdict`` for scoring."""
        ids = incidents.incident_id[self.incident]
        names = np.array([v.value for v in Verdict], dtype=object)[[1, 2, 0]]
        return {
            (str(i), str(t), str(v)): str(names[o])
            for i, t, v, o in zip(
                ids.tolist(),
                self.term.tolist(),
                self.version.tolist(),
                self.outcome.tolist(),
                strict=True,
            )
        }


_DTYPES: dict[str, Any] = {
    "incident": np.int64,
    "distance_m": np.int64,
    "registry_object": np.int64,
    **dict.fromkeys(("outcome", "temporal", "act", "target", "spatial", "attribution"), np.int8),
    **dict.fromkeys(("term", "version", "responsible", "weapon_class", "side", "line"), object),
    "control": object,
}
