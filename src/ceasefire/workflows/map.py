"""The dashboard's map: incidents counted into grid cells on the server, per zoom level.

A map of 100,000 incidents cannot draw 100,000 markers, and should not ship them either. The
database groups the incidents in view by grid cell, confidence and attribution (one ``GROUP BY``
over integer micro-degree columns, no rows leave the database); numpy then folds the groups into
one value per cell: how many, the dominant confidence, the dominant attribution, the parties.

The public map applies the publication policy: incidents that ended after the policy's cut-off
are left out, and cells are never smaller than the policy's grid (and aligned to it), drawn at
their centre — so a public cell says no more than a coarsened public incident does.

>>> cell_micro(6)  # about 1° at zoom 6
1055000
>>> cell_micro(6, floor_micro=100_000)  # a whole number of 0.1° public cells
1100000
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import BigInteger, ColumnElement, Row, and_, func, literal_column, or_, select

from ceasefire.core.access import Permission, acting, authorize, party_scope
from ceasefire.core.actor import Actor
from ceasefire.core.reports.policy import PublicationPolicy
from ceasefire.core.verification.decisions import CONFIDENCE_LEVELS
from ceasefire.store.database import Store
from ceasefire.store.incidents import incidents

CELL_PIXELS = 48
"""A cell is about this many screen pixels wide at the zoom it is asked for."""
MIN_CELL_MICRO = 1_000
"""The smallest cell (about 100 m): beyond street level, cells stop shrinking."""
ATTRIBUTIONS = ("attributed", "contested", "not_attributable")
MICRO = 1_000_000


def cell_micro(zoom: int, *, floor_micro: int = MIN_CELL_MICRO) -> int:
    """The side of a grid cell in micro-degrees at Leaflet ``zoom`` (256-pixel tiles), at least
    ``floor_micro`` and a whole multiple of it (so cells nest in the policy's grid)."""
    raw = CELL_PIXELS * 360 * MICRO // (256 << max(0, min(zoom, 22)))
    multiple = max(1, -(-raw // floor_micro))
    return multiple * floor_micro


@dataclass(frozen=True)
class MapQuery:
    """What the map shows: a box (degrees), a zoom, and the filters of the incident list."""

    bbox: tuple[float, float, float, float] = (-180.0, -90.0, 180.0, 90.0)
    zoom: int = 6
    start: datetime | None = None
    end: datetime | None = None
    party: str | None = None
    act: str | None = None
    confidence: tuple[str, ...] = ()
    attribution: str | None = None


@dataclass
class MapCell:
    """One grid cell: where to draw it, how many incidents, and what they are."""

    lat: float
    lon: float
    count: int
    confidence: str
    attribution: str
    by_confidence: dict[str, int]
    by_attribution: dict[str, int]
    parties: dict[str, int]
    incident_id: str | None = None
    """The incident, when the cell holds exactly one (never on the public map)."""


@dataclass
class IncidentGrid:
    """The cells of one map view."""

    cell_deg: float
    total: int
    cells: list[MapCell] = field(default_factory=list)
    public: bool = False


def _conditions(query: MapQuery) -> list[ColumnElement[bool]]:
    i = incidents
    west, south, east, north = (round(v * MICRO) for v in query.bbox)
    out: list[ColumnElement[bool]] = [
        i.c.active.is_(True),
        i.c.lat.is_not(None),
        i.c.lon.is_not(None),
        i.c.lon.between(west, east),
        i.c.lat.between(south, north),
    ]
    if query.start is not None:
        out.append(i.c.end >= query.start)
    if query.end is not None:
        out.append(i.c.start < query.end)
    if query.confidence:
        out.append(i.c.confidence.in_(query.confidence))
    if query.party:
        out.append(i.c.party == query.party)
    if query.attribution:
        out.append(i.c.attribution == query.attribution)
    if query.act:
        out.append(or_(i.c.act == query.act, i.c.act.like(f"{query.act}.%")))
    return out


def incident_grid(
    store: Store,
    query: MapQuery,
    *,
    actor: Actor | None = None,
    policy: PublicationPolicy | None = None,
    now: datetime | None = None,
) -> IncidentGrid:
    """Incidents in ``query``'s box counted into grid cells (see the module docstring).

    With ``policy`` this is the public map (permission ``read_published``); without, the
    actor's incidents (a party liaison's own party only).
    """
    actor = acting(actor)
    conditions = _conditions(query)
    if policy is None:
        authorize(actor, Permission.READ_INCIDENTS, party=query.party)
        if (scope := party_scope(actor, Permission.READ_INCIDENTS)) is not None:
            conditions.append(incidents.c.party == scope)
        cell = cell_micro(query.zoom)
    else:
        authorize(actor, Permission.READ_PUBLISHED)
        cutoff = policy.cutoff(now or datetime.now(UTC))
        conditions.append(func.coalesce(incidents.c.end, incidents.c.start) <= cutoff)
        cell = cell_micro(query.zoom, floor_micro=policy.grid_micro)
    grid = IncidentGrid(cell_deg=cell / MICRO, total=0, public=policy is not None)
    origin = (-180 * MICRO // cell) * cell  # a multiple of the cell at or below -180°
    i = incidents
    # literal integers (no bound parameters), so PostgreSQL matches GROUP BY to SELECT
    step = literal_column(str(int(cell)), BigInteger)
    shift = literal_column(str(-int(origin)), BigInteger)
    cx = ((i.c.lon + shift) // step).label("cx")
    cy = ((i.c.lat + shift) // step).label("cy")
    statement = (
        select(
            cx,
            cy,
            i.c.confidence,
            i.c.attribution,
            i.c.party,
            func.count().label("n"),
            func.sum(i.c.lat).label("lat_sum"),
            func.sum(i.c.lon).label("lon_sum"),
            func.min(i.c.incident_id).label("first"),
        )
        .where(and_(*conditions))
        .group_by(cx, cy, i.c.confidence, i.c.attribution, i.c.party)
    )
    with store.reader.connect() as connection:
        rows = connection.execute(statement).all()
    if not rows:
        return grid
    grid.cells = _fold(rows, cell, origin, public=policy is not None)
    grid.total = sum(c.count for c in grid.cells)
    return grid


def _fold(rows: Sequence[Row[Any]], cell: int, origin: int, *, public: bool) -> list[MapCell]:
    """One :class:`MapCell` per (cx, cy) from the grouped rows (numpy over the groups)."""
    cx, cy, confidence, attribution, party, n, lat_sum, lon_sum, first = zip(*rows, strict=True)
    counts = np.fromiter(n, dtype=np.int64, count=len(rows))
    key = np.fromiter(cx, np.int64, len(rows)) << 32 | np.fromiter(cy, np.int64, len(rows))
    unique, where = np.unique(key, return_inverse=True)
    where = where.reshape(-1)
    n_cells = len(unique)
    total = np.bincount(where, weights=counts, minlength=n_cells).astype(np.int64)
    levels = list(CONFIDENCE_LEVELS)
    by_level = _tally(where, _codes(levels, confidence), counts, n_cells, len(levels))
    by_kind = _tally(where, _codes(list(ATTRIBUTIONS), attribution), counts, n_cells, 3)
    names = sorted({p or "none" for p in party})
    by_party = _tally(
        where, _codes(names, [p or "none" for p in party]), counts, n_cells, len(names)
    )
    lat_mean: npt.NDArray[np.float64] = (
        np.bincount(where, weights=np.array(lat_sum, dtype=np.float64), minlength=n_cells)
        / total
        / MICRO
    )
    lon_mean: npt.NDArray[np.float64] = (
        np.bincount(where, weights=np.array(lon_sum, dtype=np.float64), minlength=n_cells)
        / total
        / MICRO
    )
    single: list[str | None] = [None] * n_cells
    if not public:  # a cell of one incident holds one group: link to that incident
        for k, name in zip(
            where[total[where] == 1].tolist(),
            np.array(first, dtype=object)[total[where] == 1],
            strict=True,
        ):
            single[k] = str(name)
    if public:  # the centre of the cell, as public coordinates are
        lat_mean = np.asarray((origin + ((unique & 0xFFFFFFFF) + 0.5) * cell) / MICRO, np.float64)
        lon_mean = np.asarray((origin + ((unique >> 32) + 0.5) * cell) / MICRO, np.float64)
    # argmax over the ordered levels: ties go to the stronger grade (listed first)
    dominant = np.argmax(by_level, axis=1).tolist()
    attributed = np.argmax(by_kind, axis=1).tolist()
    out = [
        MapCell(
            lat=round(float(lat_mean[k]), 5),
            lon=round(float(lon_mean[k]), 5),
            count=int(total[k]),
            confidence=levels[dominant[k]],
            attribution=ATTRIBUTIONS[attributed[k]],
            by_confidence=_nonzero(levels, by_level[k]),
            by_attribution=_nonzero(list(ATTRIBUTIONS), by_kind[k]),
            parties=_nonzero(names, by_party[k]),
            incident_id=single[k],
        )
        for k in range(n_cells)
    ]
    out.sort(key=lambda c: (c.count, c.lat, c.lon))
    return out


def _codes(names: list[str], values: Sequence[object]) -> npt.NDArray[np.int64]:
    """The index of each value in ``names`` (``len(names)`` when not there)."""
    lookup = {name: i for i, name in enumerate(names)}
    return np.fromiter((lookup.get(str(v), len(names)) for v in values), np.int64, len(values))


def _tally(
    where: npt.NDArray[np.int64],
    codes: npt.NDArray[np.int64],
    counts: npt.NDArray[np.int64],
    n_cells: int,
    width: int,
) -> npt.NDArray[np.int64]:
    """Counts per (cell, code); codes outside ``names`` fall in a last column, then dropped."""
    table = np.zeros((n_cells, width + 1), dtype=np.int64)
    np.add.at(table, (where, codes), counts)
    return table[:, :width]


def _nonzero(names: list[str], row: npt.NDArray[np.int64]) -> dict[str, int]:
    return {name: int(v) for name, v in zip(names, row.tolist(), strict=True) if v}


@dataclass(frozen=True)
class MapExtent:
    """The first and last day with incidents (for the time slider), or ``None`` when empty."""

    first: datetime | None
    last: datetime | None


def incident_extent(
    store: Store,
    *,
    actor: Actor | None = None,
    policy: PublicationPolicy | None = None,
    now: datetime | None = None,
) -> MapExtent:
    """When the stored, active incidents begin and end (the time slider's range); with
    ``policy``, what the public may see ends at the policy's cut-off."""
    authorize(acting(actor), Permission.READ_PUBLISHED if policy else Permission.READ_INCIDENTS)
    i = incidents
    statement = select(func.min(i.c.start), func.max(i.c.end)).where(i.c.active.is_(True))
    with store.reader.connect() as connection:
        first, last = connection.execute(statement).one()
    first, last = _aware(first), _aware(last)
    if policy is not None and last is not None:
        last = min(last, policy.cutoff(now or datetime.now(UTC)))
    return MapExtent(first, last)


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
