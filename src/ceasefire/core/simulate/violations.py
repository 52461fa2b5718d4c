"""The true violations: each shipped agreement's terms applied to each true event, by the book.

The simulator knows what it generated (time, true point, act, target class, weapon, who did it),
so it can say which (event, term, party version) triples *are* violations without any of the
uncertainty the platform faces. This labeller is written apart from ``ceasefire.core.compliance``
(it never imports it) so that scoring the evaluator against it is not circular. It reads only the
agreement model and its geography (``Geography.reference_line``/``control_area``,
``WeaponClass.matches``, ``core.agreement.zones.distances_m``).

A true event violates party P's version of a term when all of these hold:

- the term prohibits the event's act (a listed act covers its refinements);
- the version protects the event's target class, when the version (or else the term) lists any;
- some part of the event ``[start, end)`` falls while the version is in force: its window (UTC
  edges exact to the second) cut by its lifecycle (from an ``in_force`` step's date, 00:00 in
  the window's zone, until a suspended/expired/withdrawn step: the end of that day when a window
  gives the exact edge, its start otherwise; ``duration_days`` from the start when no step ends
  it and there is no window); a version with no lifecycle is in force over its window (or
  always); one whose lifecycle never reaches ``in_force`` never is;
- the event's perpetrator is bound by the term: it committed to its own version (a lifecycle
  step ``committed`` or ``in_force``), or its version has no lifecycle;
- for a version with withdrawal distances: the weapon falls in some weapon class the version
  gives a distance ``D`` for, and the event's true point is within ``D`` of the owner's own
  reference line valid at the event's start (else the agreement's line), on ground the owner
  holds per the control areas valid then. No layer valid then: no violation.

One label per (event, term, version) where the term prohibits the act and the version protects
the target (when it lists classes) and the version is ever in force; ``violated`` is the verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ceasefire.core.agreement.model import Agreement
from ceasefire.core.agreement.terms import LifecycleState, Term, TermVersion
from ceasefire.core.agreement.times import zone_named
from ceasefire.core.agreement.zones import distances_m
from ceasefire.core.simulate.events import VOCAB
from ceasefire.core.simulate.front import PARTIES, Floats, Ints
from ceasefire.core.taxonomy import is_a
from ceasefire.core.weapons import Weapon, WeaponType

LayerSource = Callable[[str], BaseGeometry]
VIOLATION_COLUMNS = ("event_id", "agreement_id", "term_id", "version_party", "violated")
FOREVER = 2**62
_LEAVING = {LifecycleState.SUSPENDED, LifecycleState.EXPIRED, LifecycleState.WITHDRAWN}
_BINDING = {LifecycleState.COMMITTED, LifecycleState.IN_FORCE}


@dataclass(frozen=True)
class TrueEvents:
    """True events as columns: what the simulator generated, exactly.

    Times are UTC epoch seconds ``[start_s, end_s)``; texts are ``str`` ('' when none);
    ``calibre_mm`` is 0 when not applicable.
    """

    event_id: tuple[str, ...]
    start_s: Ints
    end_s: Ints
    lon: Floats
    lat: Floats
    act: tuple[str, ...]
    target_class: tuple[str, ...]
    weapon_type: tuple[str, ...]
    calibre_mm: Ints
    perpetrator: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.event_id)

    @classmethod
    def of(cls, events: Any, lon: Floats, lat: Floats) -> TrueEvents:
        """From the simulator's coded :class:`~ceasefire.core.simulate.events.Events`."""
        size = len(events)

        def coded(table: Sequence[str], codes: Ints) -> tuple[str, ...]:
            return tuple(table[c] if c >= 0 else "" for c in codes.tolist())

        return cls(
            event_id=tuple(f"E{i:07d}" for i in range(size)),
            start_s=np.asarray(events.t, dtype=np.int64),
            end_s=np.asarray(events.t + events.duration, dtype=np.int64),
            lon=np.asarray(lon, dtype=np.float64),
            lat=np.asarray(lat, dtype=np.float64),
            act=coded(VOCAB["act"], events.act),
            target_class=coded(VOCAB["target"], events.target),
            weapon_type=coded(VOCAB["weapon"], events.weapon),
            calibre_mm=np.asarray(events.calibre, dtype=np.int64),
            perpetrator=coded(PARTIES, events.perp),
        )

    @classmethod
    def from_rows(cls, rows: Sequence[Mapping[str, str]]) -> TrueEvents:
        """From ``truth/events.csv``-like rows (times ``YYYY-MM-DDTHH:MM:SSZ``).

        >>> e = TrueEvents.from_rows([{"event_id": "E1", "start": "2025-04-20T07:00:00Z",
        ...     "end": "2025-04-20T07:05:00Z", "lon": "37.9", "lat": "48.3", "act": "shelling"}])
        >>> int(e.end_s[0] - e.start_s[0])
        300
        """

        def seconds(text: str) -> int:
            return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())

        return cls(
            event_id=tuple(r["event_id"] for r in rows),
            start_s=np.array([seconds(r["start"]) for r in rows], dtype=np.int64),
            end_s=np.array([seconds(r["end"]) for r in rows], dtype=np.int64),
            lon=np.array([float(r["lon"]) for r in rows], dtype=np.float64),
            lat=np.array([float(r["lat"]) for r in rows], dtype=np.float64),
            act=tuple(r.get("act") or "" for r in rows),
            target_class=tuple(r.get("target_class") or "" for r in rows),
            weapon_type=tuple(r.get("weapon_type") or "" for r in rows),
            calibre_mm=np.array([int(r.get("calibre_mm") or 0) for r in rows], dtype=np.int64),
            perpetrator=tuple(r.get("perpetrator") or "" for r in rows),
        )


@dataclass(frozen=True)
class Labels:
    """One row per labelled (event, term, version): event index, key index, violated."""

    event: Ints
    key: Ints
    violated: np.ndarray
    keys: tuple[tuple[str, str, str], ...]
    """(agreement id, term id, version party) per key index."""

    def true_triples(self, events: TrueEvents) -> set[tuple[str, str, str, str]]:
        """``(event id, agreement id, term id, version party)`` of every true violation."""
        return {
            (events.event_id[e], *self.keys[k])
            for e, k in zip(
                self.event[self.violated].tolist(), self.key[self.violated].tolist(), strict=True
            )
        }

    def __len__(self) -> int:
        return int(self.event.shape[0])

    def counts(self) -> dict[str, int]:
        """True violations per ``agreement/term/version``."""
        found = np.bincount(self.key[self.violated], minlength=len(self.keys))
        return {"/".join(k): int(n) for k, n in zip(self.keys, found.tolist(), strict=True)}

    def columns(
        self, events: TrueEvents, lo: int = 0, hi: int | None = None
    ) -> dict[str, list[str | None]]:
        """The text columns of ``truth/violations.csv`` for label rows ``lo`` to ``hi``."""
        keys = [self.keys[k] for k in self.key[lo:hi].tolist()]
        return {
            "event_id": [events.event_id[e] for e in self.event[lo:hi].tolist()],
            "agreement_id": [k[0] for k in keys],
            "term_id": [k[1] for k in keys],
            "version_party": [k[2] for k in keys],
            "violated": ["true" if v else "false" for v in self.violated[lo:hi].tolist()],
        }


def _midnight(day: date, zone: str) -> int:
    moment = datetime.combine(day, time(0), tzinfo=zone_named(zone))
    return int(moment.astimezone(UTC).timestamp())


def in_force_spans(version: TermVersion) -> list[tuple[int, int]]:
    """``[start, end)`` UTC seconds over which ``version`` is in force (see module docstring)."""
    window = version.window
    zone = window.time_zone if window is not None else "UTC"
    if not version.lifecycle:
        spans = [(-FOREVER, FOREVER)]
    else:
        spans = []
        since: int | None = None
        for step in version.lifecycle:
            if step.state is LifecycleState.IN_FORCE and since is None:
                since = _midnight(step.date, zone)
            elif step.state in _LEAVING and since is not None:
                day = step.date + timedelta(days=1) if window is not None else step.date
                spans.append((since, _midnight(day, zone)))
                since = None
        if since is not None:
            days = version.duration_days
            open_end = window is not None or days is None
            spans.append((since, FOREVER if open_end else since + int(days or 0) * 86_400))
    if window is not None:
        low = int(window.start.timestamp())
        high = FOREVER if window.end is None else int(window.end.timestamp())
        spans = [(max(a, low), min(b, high)) for a, b in spans]
    return [(a, b) for a, b in spans if a < b]


def bound_by(term: Term) -> set[str]:
    """Parties the term binds: committed to their version, or stating it without a lifecycle."""
    return {
        party
        for party, version in term.versions.items()
        if not version.lifecycle or any(step.state in _BINDING for step in version.lifecycle)
    }


def _lookup(values: tuple[str, ...], test: Callable[[str], bool]) -> np.ndarray:
    """``test`` once per distinct value, spread over the rows."""
    distinct = {v: test(v) for v in dict.fromkeys(values)}
    return np.fromiter((distinct[v] for v in values), dtype=bool, count=len(values))


def _covering(listed: Sequence[str]) -> Callable[[str], bool]:
    """A test: is a value one of ``listed`` or a refinement of one? ('' never is.)"""
    kinds = tuple(listed)
    return lambda value: bool(value) and any(is_a(value, kind) for kind in kinds)


def label_violations(
    agreements: Sequence[Agreement], events: TrueEvents, layers: LayerSource
) -> Labels:
    """Label every relevant (event, term, party version) of ``agreements`` (module docstring).

    ``layers`` returns a layer reference's geometry (lon/lat), e.g. ``package:…geojson``.
    """
    parts: list[tuple[Ints, int, np.ndarray]] = []
    keys: list[tuple[str, str, str]] = []
    cache: dict[str, BaseGeometry] = {}

    def layer(ref: str) -> BaseGeometry:
        if ref not in cache:
            cache[ref] = layers(ref)
        return cache[ref]

    for agreement in sorted(agreements, key=lambda a: a.id):
        for term in sorted(agreement.terms, key=lambda t: t.id):
            if term.retired or not term.prohibited_acts:
                continue
            acts = _lookup(events.act, _covering(term.prohibited_acts))
            bound = bound_by(term)
            party_ok = _lookup(events.perpetrator, bound.__contains__)
            for party, version in sorted(term.versions.items()):
                spans = in_force_spans(version)
                if not spans:
                    continue
                listed = version.target_classes or term.target_classes
                relevant = acts.copy()
                if listed:
                    relevant &= _lookup(events.target_class, _covering(listed))
                rows = np.flatnonzero(relevant)
                start, end = events.start_s[rows], events.end_s[rows]
                when = np.zeros(len(rows), dtype=bool)
                for low, high in spans:
                    when |= (start < high) & (np.maximum(end, start + 1) > low)
                violated = when & party_ok[rows]
                if version.withdrawal_m:
                    violated &= _in_zone(agreement, version, events, rows, layer)
                parts.append((rows, len(keys), violated))
                keys.append((agreement.id, term.id, party))
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return Labels(empty, empty, np.zeros(0, dtype=bool), tuple(keys))
    event = np.concatenate([rows for rows, _, _ in parts])
    key = np.concatenate([np.full(len(rows), k, dtype=np.int64) for rows, k, _ in parts])
    violated = np.concatenate([v for _, _, v in parts])
    order = np.lexsort((key, event))
    return Labels(event[order], key[order], violated[order], tuple(keys))


def _weapon(kind: str, calibre: int) -> Weapon | None:
    try:
        return Weapon(type=WeaponType(kind), calibre_mm=calibre if calibre > 0 else None)
    except ValueError:
        return None


def _in_zone(
    agreement: Agreement,
    version: TermVersion,
    events: TrueEvents,
    rows: Ints,
    layer: LayerSource,
) -> np.ndarray:
    """For each row: inside its owner's zone for some weapon class of the version?"""
    geography = agreement.geography
    out = np.zeros(len(rows), dtype=bool)
    classes = [c for c in agreement.weapon_classes if c.id in version.withdrawal_m]
    groups: dict[tuple[str, str, str, int], list[int]] = {}
    for i, row in enumerate(rows.tolist()):  # weapon sightings: tens to thousands
        owner = events.perpetrator[row]
        weapon = _weapon(events.weapon_type[row], int(events.calibre_mm[row]))
        reach = [version.withdrawal_m[c.id] for c in classes if weapon and c.matches(weapon)]
        moment = datetime.fromtimestamp(int(events.start_s[row]), tz=UTC)
        line = geography.reference_line(owner, moment) if owner else None
        area = geography.control_area(moment)
        if not reach or line is None or area is None:
            continue
        groups.setdefault((line.file, area.ref_for(owner), owner, max(reach)), []).append(i)
    for (line_ref, area_ref, _, reach_m), members in sorted(groups.items()):
        at = rows[np.asarray(members, dtype=np.int64)]
        lon, lat = events.lon[at], events.lat[at]
        held = shapely.contains_xy(layer(area_ref), lon, lat)
        near = distances_m(layer(line_ref), lon.tolist(), lat.tolist()) <= reach_m
        out[np.asarray(members, dtype=np.int64)] = held & near
    return out


__all__ = [
    "VIOLATION_COLUMNS",
    "Labels",
    "TrueEvents",
    "bound_by",
    "in_force_spans",
    "label_violations",
]
