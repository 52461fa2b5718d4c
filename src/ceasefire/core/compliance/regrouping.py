"""A rise in heavy weapons near the line, normalised by observation effort.

Russia's stated fear in March 2025 was that a pause would be used to regroup and rearm. For
each withdrawal term, party version and weapon class, the weapon sightings inside that side's
zone (the class's withdrawal distance from the side's reference line, on the ground it holds,
as for per-incident findings) are counted in a reporting period and in a baseline period, and
divided by the observation effort that could have seen them: patrol-hours plus UAV flight
hours whose route or position touches that zone (effort with no recorded route or position is
counted for every side, and the trace says how much). More patrols see more weapons, so a
count alone proves nothing; a rate does.

The test is exact: given ``n = k₁ + k₀`` sightings, equal rates make ``k₁`` binomial with
``p = E₁ / (E₁ + E₀)``, and the one-sided p-value is ``P(X ≥ k₁)``. A finding (*violation*,
against the side) only when the p-value is below ``alpha`` (default 0.01: many classes and days
are tested) and the period's rate is higher; *indeterminate* ("insufficient observation
effort") when weapons were seen but either period has no effort; nothing otherwise. The zone
of each period is the one valid at its midpoint. Doubling the patrols at the same density
doubles both sightings and hours, leaves the rate, and gives no finding.

>>> round(rise_p_value(20, 200.0, 10, 100.0), 3), round(rise_p_value(30, 100.0, 10, 100.0), 5)
(0.585, 0.00111)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ceasefire.core.agreement.model import Agreement
from ceasefire.core.agreement.terms import TermKind
from ceasefire.core.compliance.model import (
    TRUE,
    BoolArray,
    FloatArray,
    Incidents,
    IntArray,
    Verdict,
)
from ceasefire.core.compliance.spatial import MetricFrame, Side, zone_outcomes
from ceasefire.core.compliance.standing import FindingKind, StandingFinding
from ceasefire.core.compliance.storage import DEFAULT_ZONE, when_text
from ceasefire.core.compliance.temporal import in_force
from ceasefire.core.effort import EffortKind, EffortRecord, SensorKind
from ceasefire.core.ledger.canonical import utc_text
from ceasefire.core.taxonomy import Act, is_a
from ceasefire.core.weapons import Weapon, WeaponType

LayerSource = Callable[[str], BaseGeometry]
ALPHA = 0.01


@dataclass(frozen=True)
class Period:
    """A half-open interval ``[start, end)`` of UTC time."""

    start: datetime
    end: datetime

    @property
    def midpoint(self) -> datetime:
        """Half-way: the moment whose layers place this period's zone."""
        return self.start + (self.end - self.start) / 2

    def overlap_s(self, start: datetime, end: datetime) -> float:
        """Seconds of ``[start, end)`` inside this period."""
        return max(0.0, (min(end, self.end) - max(start, self.start)).total_seconds())


@dataclass(frozen=True)
class RiseWindow:
    """A reporting period and the baseline it is compared with."""

    period: Period
    baseline: Period


def rise_p_value(k1: int, e1: float, k0: int, e0: float) -> float:
    """One-sided exact p-value that rate ``k1/e1`` exceeds ``k0/e0`` (conditional binomial).

    Needs positive effort in both periods (``ValueError`` otherwise).
    """
    if e1 <= 0 or e0 <= 0:
        raise ValueError("both periods need positive observation effort")
    n = k1 + k0
    if k1 <= 0:
        return 1.0
    p = e1 / (e1 + e0)
    log_p, log_q = math.log(p), math.log1p(-p)
    terms = [
        math.lgamma(n + 1)
        - math.lgamma(i + 1)
        - math.lgamma(n - i + 1)
        + i * log_p
        + (n - i) * log_q
        for i in range(k1, n + 1)
    ]
    top = max(terms)
    return min(1.0, math.exp(top) * math.fsum(math.exp(t - top) for t in terms))


@dataclass(frozen=True)
class Effort:
    """Effort-hours in one period covering one side's zone."""

    patrol_h: float
    uav_h: float
    unplaced_h: float
    """Of the above: hours with no route or position, counted for every side."""

    @property
    def hours(self) -> float:
        """Patrol-hours plus UAV hours."""
        return self.patrol_h + self.uav_h

    def text(self) -> str:
        """``12.0 patrol-h + 3.5 UAV-h (2.0 h not located)``."""
        extra = f", of which {self.unplaced_h:.1f} h not located" if self.unplaced_h else ""
        return f"{self.patrol_h:.1f} patrol-h + {self.uav_h:.1f} UAV-h{extra}"


def _geometry(record: EffortRecord) -> BaseGeometry | None:
    if len(record.route) >= 2:
        return shapely.LineString([(x / 1e6, y / 1e6) for x, y in record.route])
    if record.lat is not None and record.lon is not None:
        return shapely.Point(record.lon / 1e6, record.lat / 1e6)
    return None


def effort_in(
    records: Sequence[EffortRecord],
    period: Period,
    covers: Callable[[int, BaseGeometry], bool],
) -> Effort:
    """Patrol-hours and UAV hours of ``records`` inside ``period`` whose route or position
    ``covers(index, geometry)`` says lies in the zone (records without one count everywhere)."""
    patrol = uav = unplaced = 0.0
    for index, record in enumerate(records):
        if record.end is None or record.end <= record.start:
            continue
        overlap = period.overlap_s(record.start, record.end)
        if overlap <= 0:
            continue
        if record.kind is EffortKind.PATROL:
            hours = overlap / 3600
        elif record.kind is EffortKind.SENSOR and record.sensor_kind is SensorKind.UAV:
            window = (record.end - record.start).total_seconds()
            hours = (record.uptime_min or 0) / 60 * overlap / window
        else:
            continue
        geometry = _geometry(record)
        if geometry is None:
            unplaced += hours
        elif not covers(index, geometry):
            continue
        if record.kind is EffortKind.PATROL:
            patrol += hours
        else:
            uav += hours
    return Effort(patrol, uav, unplaced)


def _sightings(incidents: Incidents) -> list[tuple[int, Weapon]]:
    """Rows of weapon sightings that count (dated, not discounted) with their weapon."""
    out = []
    for i, (act, kind) in enumerate(zip(incidents.act, incidents.weapon_type, strict=True)):
        if act is None or kind is None or not is_a(act, Act.WEAPON_SIGHTING):
            continue
        if incidents.confidence[i] == "discounted" or not incidents.dated[i]:
            continue
        calibre = float(incidents.calibre_mm[i])
        try:
            weapon = Weapon(
                type=WeaponType(kind), calibre_mm=None if math.isnan(calibre) else int(calibre)
            )
        except ValueError:
            continue
        out.append((i, weapon))
    return out


class _Zones:
    """Each side's geography per layer pair (metric, built once), and which effort it covers."""

    def __init__(self, agreement: Agreement, layers: LayerSource) -> None:
        self.agreement, self.layers = agreement, layers
        self.frame: MetricFrame | None = None
        self.sides: dict[tuple[str, str, str], Side] = {}
        self.reach = {
            party: float(max(version.withdrawal_m.values()))
            for term in agreement.terms
            for party, version in term.versions.items()
            if version.withdrawal_m
        }
        self.gaps: dict[tuple[tuple[str, str, str], int], float] = {}

    def side(self, party: str, moment: datetime) -> Side | None:
        """``party``'s line and ground at ``moment`` (``None`` without geography then)."""
        line = self.agreement.geography.reference_line(party, moment)
        area = self.agreement.geography.control_area(moment)
        if line is None or area is None:
            return None
        key = (party, line.id, area.id)
        if key not in self.sides:
            geometry = self.layers(line.file)
            self.frame = self.frame or MetricFrame.around(geometry)
            self.sides[key] = Side.build(
                self.frame,
                party=party,
                line_id=line.id,
                line=geometry,
                control_id=area.id,
                control=self.layers(area.ref_for(party)),
                reach_m=self.reach.get(party, 0.0),
            )
        return self.sides[key]

    def inside(self, side: Side, distance: int, lon: FloatArray, lat: FloatArray) -> BoolArray:
        """Which points lie in ``side``'s zone of ``distance`` (by their reported point)."""
        assert self.frame is not None
        x, y = self.frame.xy(lon, lat)
        held = zone_outcomes(side, [distance], x, y, np.zeros(len(x)))
        return np.asarray(held[0] == TRUE, dtype=bool)

    def covers(self, side: Side, distance: int) -> Callable[[int, BaseGeometry], bool]:
        """Does an effort geometry reach into ``side``'s zone of ``distance``?"""
        key = (side.party, side.line_id, side.control_id)

        def check(index: int, geometry: BaseGeometry) -> bool:
            gap = self.gaps.get((key, index))
            if gap is None:
                assert self.frame is not None
                held = shapely.intersection(self.frame.geometry(geometry), side.control)
                gap = math.inf if held.is_empty else float(shapely.distance(side.line, held))
                self.gaps[(key, index)] = gap
            return gap <= distance

        return check


def weapon_rise(
    agreement: Agreement,
    incidents: Incidents,
    effort: Sequence[EffortRecord],
    windows: Sequence[RiseWindow],
    layers: LayerSource,
    *,
    alpha: float = ALPHA,
    time_zone: str = DEFAULT_ZONE,
) -> list[StandingFinding]:
    """Rise findings for each withdrawal term, party version, weapon class and window."""
    zones = _Zones(agreement, layers)
    seen = _sightings(incidents)
    out: list[StandingFinding] = []
    for term in agreement.terms:
        if term.kind is not TermKind.HEAVY_WEAPON_WITHDRAWAL:
            continue
        for party, version in sorted(term.versions.items()):
            spans = in_force(version)
            for class_id, distance in sorted(version.withdrawal_m.items()):
                weapon_class = agreement.weapon_class(class_id)
                if weapon_class is None:
                    continue
                rows = np.array([i for i, w in seen if weapon_class.matches(w)], dtype=np.int64)
                for window in windows:
                    lo, hi = window.period.start.timestamp(), window.period.end.timestamp()
                    if not any(a < hi and lo < b for a, b in spans):
                        continue
                    counted = _count(
                        zones,
                        party=party,
                        distance=distance,
                        window=window,
                        incidents=incidents,
                        rows=rows,
                        effort=effort,
                    )
                    if counted is None or counted[0][0] == 0:
                        continue
                    finding = _finding(
                        agreement,
                        term_id=term.id,
                        party=party,
                        class_id=class_id,
                        distance=distance,
                        window=window,
                        counted=counted,
                        alpha=alpha,
                        time_zone=time_zone,
                    )
                    if finding is not None:
                        out.append(finding)
    return out


def _count(
    zones: _Zones,
    *,
    party: str,
    distance: int,
    window: RiseWindow,
    incidents: Incidents,
    rows: IntArray,
    effort: Sequence[EffortRecord],
) -> list[tuple[int, Effort]] | None:
    """Sightings in the zone and effort covering it, for the period then the baseline."""
    counted = []
    for span in (window.period, window.baseline):
        side = zones.side(party, span.midpoint)
        if side is None:
            return None
        t0, t1 = span.start.timestamp(), span.end.timestamp()
        starts = incidents.start_s[rows]
        here = rows[(starts >= t0) & (starts < t1)]
        inside = zones.inside(side, distance, incidents.lon[here], incidents.lat[here])
        hours = effort_in(effort, span, zones.covers(side, distance))
        counted.append((int(np.count_nonzero(inside)), hours))
    return counted


def _finding(
    agreement: Agreement,
    *,
    term_id: str,
    party: str,
    class_id: str,
    distance: int,
    window: RiseWindow,
    counted: list[tuple[int, Effort]],
    alpha: float,
    time_zone: str,
) -> StandingFinding | None:
    (k1, e1), (k0, e0) = counted
    weapon_class = agreement.weapon_class(class_id)
    title = weapon_class.title if weapon_class else class_id
    party_name = next((p.name for p in agreement.parties if p.code == party), party)
    period, baseline = window.period, window.baseline
    head = (
        f"Heavy weapons ({title}) seen within {distance // 1000} km of the line on ground held "
        f"by {party_name} (its zone under term {term_id}): {k1} sighting(s) from "
        f"{when_text(period.start, time_zone)} to {when_text(period.end, time_zone)} with "
        f"{e1.text()}; {k0} in the baseline from {when_text(baseline.start, time_zone)} to "
        f"{when_text(baseline.end, time_zone)} with {e0.text()}"
    )
    if e1.hours <= 0 or e0.hours <= 0:
        verdict = Verdict.INDETERMINATE
        trace = (
            f"{head}. Insufficient observation effort: no patrol or UAV hours covered "
            f"{'the period' if e1.hours <= 0 else 'the baseline'}, so a rate cannot be "
            "compared. Verdict: indeterminate."
        )
    else:
        r1, r0 = k1 / e1.hours, k0 / e0.hours
        p_value = rise_p_value(k1, e1.hours, k0, e0.hours)
        if p_value >= alpha or r1 <= r0:
            return None
        verdict = Verdict.VIOLATION
        trace = (
            f"{head}. Rate {r1:.3f} per effort-hour against {r0:.3f} in the baseline; exact "
            f"Poisson rate test (conditional binomial, one-sided) p = {p_value:.2g} < "
            f"{alpha:g}: a significant rise, a sign of regrouping. Verdict under {party_name}'s "
            f"version of {term_id}: violation."
        )
    subject = f"{class_id}/{utc_text(period.start)}/{utc_text(period.end)}"
    return StandingFinding(
        kind=FindingKind.WEAPONS_RISE,
        subject=subject,
        verdict=verdict,
        responsible_party=party,
        moment=period.start.astimezone(UTC),
        trace=trace,
        agreement_id=agreement.id,
        term_id=term_id,
        version_party=party,
    )
