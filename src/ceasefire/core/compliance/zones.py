"""Moving geography: each incident's zone test uses the layers valid at its time.

A side's zone is measured from *that side's* reference line valid at the incident's time (its
own line where the agreement gives one, else the agreement's), on the ground it holds per the
control areas valid then. Rows are grouped by the layers valid at the start of their window;
when different layers are valid at its end, the test runs under both and a disagreement is
*indeterminate*. No layer valid at the time: indeterminate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from shapely.geometry.base import BaseGeometry

from ceasefire.core.agreement.geography import Layer
from ceasefire.core.agreement.model import Agreement
from ceasefire.core.compliance.model import FALSE, UNKNOWN, IntArray, ObjectArray, TriArray
from ceasefire.core.compliance.spatial import MetricFrame, Side, zone_outcomes

if TYPE_CHECKING:
    from ceasefire.core.compliance.evaluate import Columns

LayerSource = Callable[[str], BaseGeometry]
FAR_FUTURE = 2**62


@dataclass(frozen=True)
class Placed:
    """One distance's zone outcome per row, and which side's layers decided it."""

    outcome: TriArray
    side: ObjectArray
    line: ObjectArray
    control: ObjectArray


@dataclass(frozen=True)
class SideZones:
    """Zone outcomes (distances × rows) per side, with the layer ids used per row."""

    distances: tuple[int, ...]
    outcomes: dict[str, TriArray]
    lines: dict[str, ObjectArray]
    controls: dict[str, ObjectArray]

    def take(self, rows: IntArray) -> SideZones:
        """The same outcomes for a subset of the rows (positions in this table)."""
        return SideZones(
            self.distances,
            {p: m[:, rows] for p, m in self.outcomes.items()},
            {p: v[rows] for p, v in self.lines.items()},
            {p: v[rows] for p, v in self.controls.items()},
        )

    def outcome(self, distance: int, owner: ObjectArray) -> Placed:
        """The zone of ``distance`` of each row's owner; for rows without one, the likelier side."""
        k = self.distances.index(distance)
        size = len(owner)
        best = np.full(size, FALSE, dtype=np.int8)
        side = np.full(size, None, dtype=object)
        line = np.full(size, None, dtype=object)
        control = np.full(size, None, dtype=object)
        known = np.zeros(size, dtype=bool)
        for party in self.outcomes:
            known |= owner == party
        for party, matrix in self.outcomes.items():
            values = matrix[k]
            take = (owner == party) | (~known & ((values > best) | (side == None)))  # noqa: E711
            best[take] = values[take]
            side[take] = party
            line[take] = self.lines[party][take]
            control[take] = self.controls[party][take]
        return Placed(best, side, line, control)


def _valid(layer: Layer, seconds: IntArray) -> np.ndarray:
    low = int(layer.valid_from.timestamp())
    high = FAR_FUTURE if layer.valid_to is None else int(layer.valid_to.timestamp())
    return (seconds >= low) & (seconds < high)


def line_index(agreement: Agreement, party: str, seconds: IntArray) -> IntArray:
    """Index in ``geography.reference_lines`` of ``party``'s line at each time (-1: none)."""
    lines = agreement.geography.reference_lines
    found = np.full(len(seconds), -1, dtype=np.int64)
    for wanted in (party, None):
        for i, line in enumerate(lines):
            if line.party == wanted:
                found[(found < 0) & _valid(line, seconds)] = i
    return found


def control_index(agreement: Agreement, seconds: IntArray) -> IntArray:
    """Index in ``geography.control_areas`` of the layer valid at each time (-1: none)."""
    found = np.full(len(seconds), -1, dtype=np.int64)
    for i, area in enumerate(agreement.geography.control_areas):
        found[(found < 0) & _valid(area, seconds)] = i
    return found


def side_zones(
    agreement: Agreement,
    *,
    sides: Sequence[str],
    distances: Sequence[int],
    columns: Columns,
    rows: IntArray,
    layers: LayerSource,
) -> SideZones:
    """Each side's zone outcomes for ``distances`` over ``rows``, with moving geography."""
    geography = agreement.geography
    size, count = len(rows), len(distances)
    outcomes = {s: np.full((count, size), UNKNOWN, dtype=np.int8) for s in sides}
    lines = {s: np.full(size, None, dtype=object) for s in sides}
    controls = {s: np.full(size, None, dtype=object) for s in sides}
    if not geography.reference_lines or not geography.control_areas or size == 0:
        return SideZones(tuple(distances), outcomes, lines, controls)
    frame = columns.frame or MetricFrame.around(layers(geography.reference_lines[0].file))
    x, y = columns.metric(frame, rows)
    radius = np.nan_to_num(columns.incidents.radius_m[rows], nan=0.0)
    first, last = columns.incidents.start_s[rows], columns.last_s[rows]
    reach = float(max(distances)) + float(radius.max(initial=0.0))
    areas = control_index(agreement, first), control_index(agreement, last)
    for party in sides:
        at = line_index(agreement, party, first), line_index(agreement, party, last)
        matrix = outcomes[party]
        for moment in (0, 1):
            li, ci = at[moment], areas[moment]
            todo = (li >= 0) & (ci >= 0)
            if moment == 1:
                todo &= (li != at[0]) | (ci != areas[0])
            for pair in sorted(set(zip(li[todo].tolist(), ci[todo].tolist(), strict=True))):
                sel = np.flatnonzero(todo & (li == pair[0]) & (ci == pair[1]))
                side = _side(
                    agreement,
                    party=party,
                    pair=pair,
                    frame=frame,
                    columns=columns,
                    layers=layers,
                    reach=reach,
                )
                values = zone_outcomes(side, distances, x[sel], y[sel], radius[sel])
                if moment == 0:
                    matrix[:, sel] = values
                    lines[party][sel] = side.line_id
                    controls[party][sel] = side.control_id
                else:
                    before = matrix[:, sel]
                    matrix[:, sel] = np.where(before == values, before, UNKNOWN)
            if moment == 0:
                matrix[:, ~todo] = UNKNOWN
    return SideZones(tuple(distances), outcomes, lines, controls)


def _side(
    agreement: Agreement,
    *,
    party: str,
    pair: tuple[int, int],
    frame: MetricFrame,
    columns: Columns,
    layers: LayerSource,
    reach: float,
) -> Side:
    line = agreement.geography.reference_lines[pair[0]]
    area = agreement.geography.control_areas[pair[1]]
    key = (party, line.id, area.id)
    cached = columns.sides.get(key)
    if cached is None or cached.reach_m < reach:
        cached = Side.build(
            frame,
            party=party,
            line_id=line.id,
            line=layers(line.file),
            control_id=area.id,
            control=layers(area.ref_for(party)),
            reach_m=reach,
        )
        columns.sides[key] = cached
    return cached
