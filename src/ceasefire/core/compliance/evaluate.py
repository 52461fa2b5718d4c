"""Hold incidents against every term in force, under each party's version: findings as columns.

For each term and each party's version that is ever in force, every test runs over all
incidents at once (numpy and shapely arrays); Python loops only over terms, versions, weapon
classes and geography layers (tens of items). An incident is *relevant* to a term when it may
be a violation under at least one version (act, target class, time and place not ruled out);
every version in force then gets a finding for it, so a strike before Ukraine's start date
reads "violation under Russia's version, no violation under Ukraine's".

A term binds the parties committed to it (a unilateral declaration binds its declarer only);
each party's version says what the term is as that party reads it (its window, its object list,
its distances). Discounted incidents are not evaluated. See docs/compliance.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ceasefire.core.agreement.model import Agreement
from ceasefire.core.agreement.terms import Term, TermKind
from ceasefire.core.compliance.acts import (
    Categories,
    act_covered,
    attributed_to_bound,
    in_weapon_class,
    target_covered,
)
from ceasefire.core.compliance.model import (
    FALSE,
    UNKNOWN,
    BoolArray,
    FindingTable,
    FloatArray,
    Incidents,
    IntArray,
    ObjectArray,
    ProtectedObjects,
    TriArray,
)
from ceasefire.core.compliance.spatial import MetricFrame, Side, near_objects
from ceasefire.core.compliance.temporal import bound_parties, in_force, within
from ceasefire.core.compliance.zones import SideZones, side_zones

LayerSource = Callable[[str], BaseGeometry]
REGISTRY_FLOOR_M = 500.0
"""A registry object within max(radius, this) of the incident corroborates its target."""


@dataclass
class Columns:
    """The incidents' text columns factorised once, and the metric frame once projected."""

    incidents: Incidents
    act: Categories
    target: Categories
    weapon: Categories
    party: Categories
    last_s: IntArray
    frame: MetricFrame | None = None
    xy: tuple[FloatArray, FloatArray] | None = None
    sides: dict[tuple[str, str, str], Side] = field(default_factory=dict)
    zones: dict[tuple[str, ...], tuple[IntArray, SideZones]] = field(default_factory=dict)

    @classmethod
    def of(cls, incidents: Incidents) -> Columns:
        """Factorise ``incidents``' categorical columns."""
        last = np.maximum(incidents.end_s - 1, incidents.start_s)
        return cls(
            incidents,
            Categories.of(incidents.act),
            Categories.of(incidents.target_class),
            Categories.of(incidents.weapon_type),
            Categories.of(incidents.party),
            last,
        )

    def metric(self, frame: MetricFrame, rows: IntArray) -> tuple[FloatArray, FloatArray]:
        """Projected coordinates of ``rows`` (all rows are projected once)."""
        if self.xy is None or self.frame is not frame:
            self.frame = frame
            self.xy = frame.xy(self.incidents.lon, self.incidents.lat)
        return self.xy[0][rows], self.xy[1][rows]


def evaluate(
    agreement: Agreement,
    incidents: Incidents,
    layers: LayerSource | None = None,
    objects: ProtectedObjects | None = None,
) -> FindingTable:
    """Findings of ``incidents`` against every term of ``agreement``, per party version.

    ``layers`` returns the geometry of a layer reference (an edge such as
    ``ceasefire.ingest.agreement_files.layer_source``); it is needed only for withdrawal
    terms. ``objects`` are the registries' protected objects (they corroborate, never decide).
    """
    columns = Columns.of(incidents)
    objects = objects or ProtectedObjects.empty()
    live = incidents.confidence != "discounted"
    if layers is not None:
        _zones_once(agreement, columns, live, layers)
    parts = [
        _term_findings(agreement, term, columns=columns, live=live, layers=layers, objects=objects)
        for term in agreement.active_terms
        if term.prohibited_acts
    ]
    return FindingTable.concat([p for p in parts if p is not None])


def _term_findings(
    agreement: Agreement,
    term: Term,
    *,
    columns: Columns,
    live: BoolArray,
    layers: LayerSource | None,
    objects: ProtectedObjects,
) -> FindingTable | None:
    windows = {party: in_force(v) for party, v in sorted(term.versions.items())}
    windows = {party: spans for party, spans in windows.items() if spans}
    if not windows:
        return None
    incidents = columns.incidents
    act = act_covered(columns.act, term.prohibited_acts)
    rows = np.flatnonzero((act > FALSE) & live)
    start, last = incidents.start_s[rows], columns.last_s[rows] + 1
    temporal = {p: within(s, start, last, incidents.dated[rows]) for p, s in windows.items()}
    target_all = {p: target_covered(columns.target, term.target_classes_for(p)) for p in windows}
    target = {p: t[rows] for p, t in target_all.items()}
    maybe = np.zeros(len(rows), dtype=bool)
    for p in windows:
        maybe |= np.minimum(temporal[p], target[p]) > FALSE
    rows = rows[maybe]
    temporal = {p: t[maybe] for p, t in temporal.items()}
    target = {p: t[maybe] for p, t in target.items()}
    withdrawal = term.kind is TermKind.HEAVY_WEAPON_WITHDRAWAL or any(
        term.versions[p].withdrawal_m for p in windows
    )
    places: dict[str, Placement] = {}
    if withdrawal:
        if layers is None:
            raise ValueError(f"term {term.id} is about withdrawal zones: give a layer source")
        places = {
            p: _placement(agreement, term, party=p, columns=columns, rows=rows, layers=layers)
            for p in windows
            if term.versions[p].withdrawal_m
        }
        relevant = np.zeros(len(rows), dtype=bool)
        for p, place in places.items():
            relevant |= np.minimum(np.minimum(temporal[p], target[p]), place.outcome) > FALSE
        keep = np.flatnonzero(relevant)
        rows = rows[keep]
        temporal = {p: t[keep] for p, t in temporal.items()}
        target = {p: t[keep] for p, t in target.items()}
        places = {p: place.take(keep) for p, place in places.items()}
    if len(rows) == 0:
        return None
    bound = bound_parties(term)
    attribution = attributed_to_bound(columns.party, incidents.attribution, bound)[rows]
    registry = np.full(len(rows), -1, dtype=np.int64)
    if term.target_classes and len(objects):
        registry = _registry_matches(columns, rows, objects)
    attributed = incidents.attribution[rows] == "attributed"
    responsible = _where_attributed(attributed, incidents.party[rows])
    tables = []
    for party in windows:
        place = places.get(party) or Placement.everywhere(len(rows))
        outcome = np.minimum.reduce(
            [temporal[party], act[rows], target[party], place.outcome, attribution]
        ).astype(np.int8)
        tables.append(
            FindingTable(
                incident=rows.astype(np.int64),
                term=np.full(len(rows), term.id, dtype=object),
                version=np.full(len(rows), party, dtype=object),
                outcome=outcome,
                responsible=responsible,
                temporal=temporal[party],
                act=act[rows],
                target=target[party],
                spatial=place.outcome,
                attribution=attribution,
                weapon_class=place.weapon_class,
                distance_m=place.distance_m,
                side=place.side,
                line=place.line,
                control=place.control,
                registry_object=registry,
            )
        )
    return FindingTable.concat(tables)


@dataclass(frozen=True)
class Placement:
    """The withdrawal-zone test of some rows under one version, and what decided it."""

    outcome: TriArray
    weapon_class: np.ndarray
    distance_m: IntArray
    side: np.ndarray
    line: np.ndarray
    control: np.ndarray

    @classmethod
    def everywhere(cls, size: int) -> Placement:
        """No spatial limit (a term without zones)."""
        none = np.full(size, None, dtype=object)
        return cls(
            np.full(size, 2, dtype=np.int8), none, np.zeros(size, np.int64), none, none, none
        )

    def take(self, rows: IntArray) -> Placement:
        """The selected rows."""
        return Placement(
            self.outcome[rows],
            self.weapon_class[rows],
            self.distance_m[rows],
            self.side[rows],
            self.line[rows],
            self.control[rows],
        )


def _placement(
    agreement: Agreement,
    term: Term,
    *,
    party: str,
    columns: Columns,
    rows: IntArray,
    layers: LayerSource,
) -> Placement:
    """For each row: is the weapon, of some class, inside its side's zone for that class?"""
    incidents = columns.incidents
    distances = term.versions[party].withdrawal_m
    ranked = sorted(
        (c for c in agreement.weapon_classes if c.id in distances),
        key=lambda c: (c.precedence, c.id),
    )
    size = len(rows)
    best = np.full(size, FALSE, dtype=np.int8)
    chosen = np.full(size, None, dtype=object)
    metres = np.zeros(size, dtype=np.int64)
    side = np.full(size, None, dtype=object)
    line = np.full(size, None, dtype=object)
    control = np.full(size, None, dtype=object)
    owner = _where_attributed(incidents.attribution[rows] == "attributed", incidents.party[rows])
    zones = _zones_for(agreement, term, columns, rows, layers)
    for weapon_class in ranked:
        of_class = in_weapon_class(columns.weapon, incidents.calibre_mm, weapon_class)[rows]
        placed = zones.outcome(distances[weapon_class.id], owner)
        outcome = np.minimum(of_class, placed.outcome)
        better = outcome > best
        # the first class in precedence order that reaches the row's best outcome decides
        first = better | ((outcome == best) & (chosen == None))  # noqa: E711 (elementwise)
        best = np.maximum(best, outcome)
        chosen[first] = weapon_class.id
        metres[first] = distances[weapon_class.id]
        side[first], line[first], control[first] = (
            placed.side[first],
            placed.line[first],
            placed.control[first],
        )
    return Placement(best, chosen, metres, side, line, control)


def _withdrawal_terms(agreement: Agreement) -> list[Term]:
    return [
        term
        for term in agreement.active_terms
        if term.prohibited_acts and any(v.withdrawal_m for v in term.versions.values())
    ]


def _zones_once(
    agreement: Agreement, columns: Columns, live: BoolArray, layers: LayerSource
) -> None:
    """Zone outcomes of every possible weapon row, for every distance of every withdrawal term,
    computed once and shared by all terms and versions (the costly part of an evaluation)."""
    terms = _withdrawal_terms(agreement)
    if not terms:
        return
    maybe = np.zeros(len(columns.incidents), dtype=bool)
    for term in terms:
        maybe |= act_covered(columns.act, term.prohibited_acts) > FALSE
    rows = np.flatnonzero(maybe & live)
    key = tuple(sorted({p for term in terms for p in bound_parties(term)}))
    distances = sorted(
        {m for term in terms for v in term.versions.values() for m in v.withdrawal_m.values()}
    )
    zones = side_zones(
        agreement, sides=key, distances=distances, columns=columns, rows=rows, layers=layers
    )
    columns.zones[key] = (rows, zones)


def _zones_for(
    agreement: Agreement, term: Term, columns: Columns, rows: IntArray, layers: LayerSource
) -> SideZones:
    """The shared zone outcomes restricted to ``rows`` (computed now if not shared)."""
    for all_rows, zones in columns.zones.values():
        at = np.searchsorted(all_rows, rows)
        if len(all_rows) and np.array_equal(all_rows[np.minimum(at, len(all_rows) - 1)], rows):
            return zones.take(at)
    distances = sorted({m for v in term.versions.values() for m in v.withdrawal_m.values()})
    return side_zones(
        agreement,
        sides=sorted(bound_parties(term)),
        distances=distances,
        columns=columns,
        rows=rows,
        layers=layers,
    )


def _registry_matches(columns: Columns, rows: IntArray, objects: ProtectedObjects) -> IntArray:
    incidents = columns.incidents
    west, east = float(objects.lon.min()), float(objects.lon.max())
    frame = columns.frame or MetricFrame.around(
        shapely.box(west, float(objects.lat.min()), east, float(objects.lat.max()))
    )
    x, y = columns.metric(frame, rows)
    ox, oy = frame.xy(objects.lon, objects.lat)
    radius = np.maximum(np.nan_to_num(incidents.radius_m[rows], nan=0.0), REGISTRY_FLOOR_M)
    return near_objects(ox, oy, x, y, radius)


def _where_attributed(attributed: BoolArray, party: ObjectArray) -> ObjectArray:
    out = np.full(len(party), None, dtype=object)
    out[attributed] = party[attributed]
    return out


def unknown_outcome(size: int) -> TriArray:
    """A column of UNKNOWN (no geography valid at the incident's time)."""
    return np.full(size, UNKNOWN, dtype=np.int8)


__all__: Sequence[str] = ("REGISTRY_FLOOR_M", "Columns", "Placement", "evaluate")
