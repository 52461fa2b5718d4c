"""Clustering observations into incidents: one label per observation.

Three passes, each vectorised over the batch:

1. *Precise* observations (small radius, short window) are linked pairwise where place, time
   and act agree (candidates from a grid index, never all pairs), and linked groups are found
   with union-find.
2. Long chains are broken: each group keeps the members that agree with its best-located
   member; the others are regrouped among themselves, for a few rounds.
3. *Vague* observations (a party complaint placed to 10 km, a media report dated to the day)
   attach to the precise incident that fits them best; those that fit none are grouped among
   themselves the same way.

Unlocatable, undated and summary observations stay alone: never merged silently.

>>> from ceasefire.core.verification.model import VerificationBatch
>>> batch = VerificationBatch.from_columns(3, start_s=[0, 120, 0], end_s=[60, 180, 60],
...     lon=[37.0, 37.01, 37.5], lat=[48.0, 48.0, 48.0], radius_m=[1000, 1000, 1000],
...     act=["shelling", "shelling.mortar", "shelling"], source_kind=["monitor_team"] * 3)
>>> cluster(batch).tolist()
[0, 0, 1]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from shapely.geometry.base import BaseGeometry

from ceasefire.core.verification.link import Located, act_table, agree, components, first_per_group
from ceasefire.core.verification.model import (
    BoolArray,
    ClusterParams,
    FloatArray,
    IntArray,
    VerificationBatch,
)
from ceasefire.core.verification.provenance import repeated_reports
from ceasefire.core.verification.sides import clear_sides, party_codes
from ceasefire.core.verification.spatial import distance_km, locate, near_pairs, project_km
from ceasefire.core.verification.temporal import gap_s, tolerance_s, width_s

_VAGUE_BANDS_KM = (5.0, 15.0, 50.0)


def locate_batch(batch: VerificationBatch, params: ClusterParams) -> Located:
    """Centre, radius, window, tolerance and act code of every observation."""
    lon, lat, radius = locate(batch)
    codes, table = act_table(batch.act)
    tolerance = tolerance_s(
        batch.start_s, batch.end_s, base_s=params.time_base_s, share=params.time_share
    )
    return Located(lon, lat, radius, batch.start_s, batch.end_s, tolerance, codes, table)


def cluster(
    batch: VerificationBatch,
    params: ClusterParams | None = None,
    control: dict[str, BaseGeometry] | None = None,
) -> IntArray:
    """A label per observation (0..k-1); observations sharing a label form one incident.

    ``control`` (each party's control area, as for ``assess``) lets a report that accuses a
    party skip incidents clearly on that party's own ground (see :func:`attach`).
    """
    params = params or ClusterParams()
    size = len(batch)
    where = locate_batch(batch, params)
    root = np.arange(size, dtype=np.int64)
    usable = (
        np.isfinite(where.lon) & batch.has_time & ~batch.is_summary & (batch.end_s >= batch.start_s)
    )
    width = width_s(batch.start_s, batch.end_s)
    precise = usable & (where.radius_km <= params.precise_radius_km)
    precise &= width <= params.precise_window_s
    vague = usable & ~precise & (where.radius_km <= params.vague_max_radius_km)
    vague &= width <= params.vague_max_window_s
    x, y = project_km(where.lon, where.lat)
    anchors = np.flatnonzero(precise)
    root[anchors] = split_chains(where, anchors, *self_links(where, anchors, x, y, params), params)
    loose = np.flatnonzero(vague)
    family = _families(batch, where, loose, x=x, y=y, params=params)
    target = attach(
        where, loose, anchors, root=root, x=x, y=y, params=params,
        sides=Sides.of(batch, control),
    )  # fmt: skip
    # a report and those repeating it go together, where its most precise member fits
    lead = first_per_group(family, width[loose], where.radius_km[loose])
    target = target[lead]
    root[loose] = np.where(target >= 0, target, root[loose])
    rest = loose[target < 0]
    i, j = self_links(where, rest, x, y, params, related=Related.of(batch))
    root[rest] = split_chains(where, rest, i, j, params)
    alone = target < 0
    root[loose[alone]] = root[loose[lead[alone]]]
    return np.unique(root, return_inverse=True)[1].astype(np.int64)


def _families(
    batch: VerificationBatch, where: Located, loose: IntArray, *, x: np.ndarray, y: np.ndarray,
    params: ClusterParams,
) -> IntArray:  # fmt: skip
    """Each vague report's family (local index of its root): itself and the reports that repeat
    it (``derived_from``), or that repeat those."""
    origin = repeated_reports(batch, where, loose, x=x, y=y, params=params)
    has = np.flatnonzero(origin >= 0)
    local = np.searchsorted(loose, origin[has])
    return components(loose.size, has, local)


@dataclass(frozen=True)
class Related:
    """Codes telling whether two vague reports are related: one repeats the other's provenance
    (a media story quoting the General Staff and the General Staff's complaint), or both name
    the same place."""

    provenance: IntArray
    source: IntArray
    place: IntArray

    @classmethod
    def of(cls, batch: VerificationBatch) -> Related:
        """Codes for every observation of ``batch``."""
        origin = np.where(batch.derived_from == None, batch.source_name, batch.derived_from)  # noqa: E711
        return cls(_codes(origin), _codes(batch.source_name), _codes(batch.place_name))

    def repeats(self, i: IntArray, j: IntArray) -> BoolArray:
        """True where ``i`` and ``j`` are related (pairwise)."""
        same_origin = (self.provenance[i] == self.provenance[j]) & (
            self.source[i] != self.source[j]
        )
        same_place = (self.place[i] == self.place[j]) & (self.place[i] > 0)
        return np.asarray(same_origin | same_place, dtype=bool)


def _codes(values: np.ndarray) -> IntArray:
    """Integer codes of text values; 0 for None."""
    text = np.where(values == None, "", values).astype(str)  # noqa: E711
    unique, codes = np.unique(text, return_inverse=True)
    return (codes + (0 if unique[0] == "" else 1)).astype(np.int64)


def _agree(
    where: Located, i: IntArray, j: IntArray, params: ClusterParams, max_km: float
) -> BoolArray:
    return agree(
        where,
        i,
        j,
        sigma=params.link_sigma,
        floor_km=params.link_floor_km,
        max_km=max_km,
        sibling_factor=params.sibling_factor,
    )


def _max_km(where: Located, rows: IntArray, params: ClusterParams) -> float:
    if rows.size == 0:
        return params.max_link_km
    widest = float(np.max(where.radius_km[rows]))
    if widest <= params.precise_radius_km:
        return params.max_link_km
    return float(params.link_sigma * np.sqrt(2.0) * widest + params.link_floor_km)


def self_links(
    where: Located,
    rows: IntArray,
    x: np.ndarray,
    y: np.ndarray,
    params: ClusterParams,
    *,
    related: Related | None = None,
) -> tuple[IntArray, IntArray]:
    """Agreeing pairs (i, j) among ``rows`` (global indices), each pair once (with ``related``:
    only pairs of related reports)."""
    empty = np.zeros(0, dtype=np.int64)
    if rows.size < 2:
        return empty, empty
    max_km = _max_km(where, rows, params)
    start = where.start_s[rows]
    tol = where.tolerance_s[rows]
    horizon = start + width_s(start, where.end_s[rows]) + tol + int(tol.max())
    found_i, found_j = [empty], [empty]
    for q, t in near_pairs(
        x[rows],
        y[rows],
        start,
        horizon,
        target_x=x[rows],
        target_y=y[rows],
        target_s=start,
        cell_km=max(max_km, 0.5),
    ):
        once = (start[t] > start[q]) | ((start[t] == start[q]) & (t > q))
        gi, gj = rows[q[once]], rows[t[once]]
        if related is not None:
            keep = related.repeats(gi, gj)
            gi, gj = gi[keep], gj[keep]
        # planar distances never exceed true ones: a cheap test first, the exact one after
        reach = np.minimum(
            params.link_sigma * np.hypot(where.radius_km[gi], where.radius_km[gj])
            + params.link_floor_km,
            max_km,
        )
        keep = (x[gi] - x[gj]) ** 2 + (y[gi] - y[gj]) ** 2 <= reach**2
        gi, gj = gi[keep], gj[keep]
        ok = _agree(where, gi, gj, params, max_km)
        found_i.append(gi[ok])
        found_j.append(gj[ok])
    return np.concatenate(found_i), np.concatenate(found_j)


def split_chains(
    where: Located, rows: IntArray, i: IntArray, j: IntArray, params: ClusterParams
) -> IntArray:
    """Group ``rows`` over links (i, j), keeping in each group only members that agree with its
    best-located member (smallest radius, then earliest); the rest are regrouped among
    themselves, for ``params.split_rounds`` rounds. Returns each row's group as the global
    index of that group's best-located member (or its own index)."""
    size = rows.size
    result = rows.copy()
    if size == 0:
        return result
    local = np.full(int(rows.max()) + 1, -1, dtype=np.int64)
    local[rows] = np.arange(size, dtype=np.int64)
    li, lj = local[i], local[j]
    active = np.ones(size, dtype=bool)
    max_km = _max_km(where, rows, params)
    if params.split_rounds == 0:  # plain single linkage, for comparison
        return rows[components(size, li, lj)]
    for _ in range(params.split_rounds):
        roots = components(size, li, lj)
        seed = first_per_group(roots, where.radius_km[rows], where.start_s[rows])
        ok = (seed == np.arange(size)) | _agree(where, rows, rows[seed], params, max_km)
        settled = active & ok
        result[settled] = rows[seed[settled]]
        active &= ~ok
        if not active.any():
            break
        keep = active[li] & active[lj] & (roots[li] == roots[lj])
        li, lj = li[keep], lj[keep]
    return result


@dataclass(frozen=True)
class Sides:
    """What the side of an incident's ground tells about reports accusing a party: a party
    complains of fire landing on ground it holds, so a report accusing ``RU`` is not about an
    incident clearly on Russian-held ground (nor one accusing ``UA`` about Ukrainian-held)."""

    control: dict[str, BaseGeometry]
    parties: list[str]
    accused: IntArray

    @classmethod
    def of(cls, batch: VerificationBatch, control: dict[str, BaseGeometry] | None) -> Sides:
        """The accused party of every observation (index into the control areas' parties)."""
        parties = [str(p).strip().upper() for p in (control or {})]
        accused = (
            party_codes(batch.alleged_perpetrator, parties)
            if parties
            else np.full(len(batch), -1, dtype=np.int64)
        )
        return cls(dict(control or {}), parties, accused)

    def of_incidents(self, lon: FloatArray, lat: FloatArray, radius_km: FloatArray) -> IntArray:
        """Each incident's clear side (-1: none, or within its radius of the line)."""
        if not self.control:
            return np.full(lon.size, -1, dtype=np.int64)
        return clear_sides(lon, lat, np.maximum(radius_km, 1.0), self.control)[1]


def attach(
    where: Located,
    loose: IntArray,
    anchors: IntArray,
    *,
    root: IntArray,
    x: np.ndarray,
    y: np.ndarray,
    params: ClusterParams,
    sides: Sides | None = None,
) -> IntArray:
    """For each vague observation, the group (root) of the precise incident it fits best, or -1.

    With ``sides``, a report accusing a party never attaches to an incident clearly on that
    party's own ground (more than the incident's radius, at least 1 km, from the line).

    Fit is the squared distance in combined radii plus the squared time gap in combined
    tolerances, plus one for a sibling act; it must lie within ``attach_sigma`` radii and both
    tolerances, and the best fit must be likely: its weight ``exp(-fit/2)`` must exceed
    ``attach_share`` of the weights of all fits plus that of "none of them" (a fit at
    ``attach_sigma``: the report may be of an event nobody else saw, or invented).
    """
    best = np.full(loose.size, -1, dtype=np.int64)
    if loose.size == 0 or anchors.size == 0:
        return best
    groups, member_group = np.unique(root[anchors], return_inverse=True)
    weight = 1.0 / where.radius_km[anchors] ** 2
    total = np.bincount(member_group, weight)
    c_lon = np.bincount(member_group, weight * where.lon[anchors]) / total
    c_lat = np.bincount(member_group, weight * where.lat[anchors]) / total
    c_radius = np.maximum(1.0 / np.sqrt(total), 0.2)
    c_start = np.full(groups.size, np.iinfo(np.int64).max)
    c_end = np.full(groups.size, np.iinfo(np.int64).min)
    np.minimum.at(c_start, member_group, where.start_s[anchors])
    np.maximum.at(c_end, member_group, where.end_s[anchors])
    c_tol = tolerance_s(c_start, c_end, base_s=params.time_base_s, share=params.time_share)
    c_act = where.act_code[groups]
    # centroids in the queries' own projection (a separate projection has another scale)
    cx = np.bincount(member_group, weight * x[anchors]) / total
    cy = np.bincount(member_group, weight * y[anchors]) / total
    lag = int(np.max(c_end - c_start)) + int(c_tol.max())
    c_side = np.full(groups.size, -2, dtype=np.int64)  # -2: not yet judged (judged lazily)
    accused = np.full(where.lon.size, -1, dtype=np.int64)
    if sides is not None and np.any(sides.accused[loose] >= 0):
        accused = sides.accused
    best_cost = np.full(loose.size, np.inf)
    evidence = np.full(loose.size, params.attach_none)
    lower = 0.0
    for upper in _VAGUE_BANDS_KM:
        band = np.flatnonzero((where.radius_km[loose] > lower) & (where.radius_km[loose] <= upper))
        lower = upper
        if band.size == 0:
            continue
        rows = loose[band]
        cell = params.attach_sigma * float(np.hypot(upper, c_radius.max())) + params.link_floor_km
        # rivals: incidents the report's own window could also mean (its width beyond tolerance)
        tol = where.tolerance_s[rows] + width_s(where.start_s[rows], where.end_s[rows])
        pairs = near_pairs(
            x[rows],
            y[rows],
            where.start_s[rows] - tol - lag,
            where.end_s[rows] + tol + lag,
            target_x=cx,
            target_y=cy,
            target_s=c_start,
            cell_km=cell,
        )
        for pair_q, pair_c in pairs:
            g = rows[pair_q]
            spread = np.hypot(where.radius_km[g], c_radius[pair_c])
            reach = params.attach_sigma * spread + params.link_floor_km
            near = (x[g] - cx[pair_c]) ** 2 + (y[g] - cy[pair_c]) ** 2 <= reach**2
            found, c_found, g, spread = pair_q[near], pair_c[near], g[near], spread[near]
            dist = distance_km(where.lon[g], where.lat[g], c_lon[c_found], c_lat[c_found])
            gap = gap_s(where.start_s[g], where.end_s[g], c_start[c_found], c_end[c_found])
            tolerance = where.tolerance_s[g] + c_tol[c_found]
            level = where.act_agreement[where.act_code[g], c_act[c_found]]
            ok = (level > 0) & (dist <= params.attach_sigma * spread + params.link_floor_km)
            rival = ok & (gap > tolerance)
            rival &= gap <= tolerance + width_s(where.start_s[g], where.end_s[g])
            ok &= gap <= tolerance
            blames = accused[g] >= 0
            if sides is not None and blames.any():
                todo = np.unique(c_found[blames])
                todo = todo[c_side[todo] == -2]
                c_side[todo] = sides.of_incidents(c_lon[todo], c_lat[todo], c_radius[todo])
            other_side = ~blames | (c_side[c_found] < 0) | (c_side[c_found] != accused[g])
            ok &= other_side
            rival &= other_side
            if params.attach_rivals:
                evidence += np.bincount(
                    band[found[rival]],
                    np.exp(-0.5 * ((dist[rival] / spread[rival]) ** 2 + 1.0 + (level[rival] == 1))),
                    minlength=loose.size,
                )
            cost = (dist / spread) ** 2 + (gap / tolerance) ** 2 + (level == 1)
            q, c, cost = band[found[ok]], c_found[ok], cost[ok]
            evidence += np.bincount(q, np.exp(-0.5 * cost), minlength=loose.size)
            order = np.lexsort((cost, q))
            q, c, cost = q[order], c[order], cost[order]
            first = np.ones(q.size, dtype=bool)
            first[1:] = q[1:] != q[:-1]
            q, c, cost = q[first], c[first], cost[first]
            better = cost < best_cost[q]
            best_cost[q[better]] = cost[better]
            best[q[better]] = groups[c[better]]
    likely = np.exp(-0.5 * best_cost) / evidence > params.attach_share
    return np.where(likely, best, -1)
