"""Provenance: which report a derived report repeats.

A media story that gives the General Staff as its source (``derived_from``) *is* the General
Staff's claim, and a dataset row coding an outlet's story is that story: it adds no independent
evidence, and it belongs wherever the report it repeats belongs. A derived report repeats the
report of its named source that fits it best in place, time, act and accused party, when that
report is the likely one (as in :func:`~ceasefire.core.verification.cluster.attach`).

>>> from ceasefire.core.verification.model import ClusterParams, VerificationBatch
>>> from ceasefire.core.verification.cluster import locate_batch
>>> from ceasefire.core.verification.spatial import project_km
>>> batch = VerificationBatch.from_columns(3, start_s=[0, 0, 0], end_s=[3600, 86400, 3600],
...     lon=[37.0, 37.02, 37.5], lat=[48.0, 48.0, 48.0], radius_m=[10000, 10000, 10000],
...     act=["shelling"] * 3, source_name=["UA GS", "outlet", "UA GS"],
...     derived_from=[None, "UA GS", None], source_kind=["party_official", "media",
...     "party_official"])
>>> where = locate_batch(batch, ClusterParams())
>>> x, y = project_km(where.lon, where.lat)
>>> repeated_reports(batch, where, np.arange(3), x=x, y=y, params=ClusterParams()).tolist()
[-1, 0, -1]
"""

from __future__ import annotations

import numpy as np

from ceasefire.core.verification.link import Located
from ceasefire.core.verification.model import ClusterParams, FloatArray, IntArray, VerificationBatch
from ceasefire.core.verification.spatial import distance_km, near_pairs
from ceasefire.core.verification.temporal import gap_s


def _codes(values: np.ndarray, vocabulary: np.ndarray) -> IntArray:
    """Position of each value in ``vocabulary`` (sorted, unique); -1 when absent or None."""
    text = np.where(values == None, "", values).astype(str)  # noqa: E711
    at = np.clip(np.searchsorted(vocabulary, text), 0, max(vocabulary.size - 1, 0))
    found = (vocabulary.size > 0) & (text != "")
    found &= vocabulary[at] == text if vocabulary.size else False
    return np.where(found, at, -1).astype(np.int64)


def _text_codes(values: np.ndarray) -> IntArray:
    """Integer codes of text values, 0 for None (compared as ints, not strings)."""
    text = np.where(values == None, "", values).astype(str)  # noqa: E711
    unique, codes = np.unique(text, return_inverse=True)
    return (codes + (0 if unique.size and unique[0] == "" else 1)).astype(np.int64)


def repeated_reports(
    batch: VerificationBatch,
    where: Located,
    rows: IntArray,
    *,
    x: FloatArray,
    y: FloatArray,
    params: ClusterParams,
) -> IntArray:
    """For each of ``rows`` (global indices), the global index of the report among ``rows`` it
    repeats (its ``derived_from`` source's report that fits best and is likely), else -1."""
    out = np.full(rows.size, -1, dtype=np.int64)
    derived = rows[batch.derived_from[rows] != None]  # noqa: E711
    if derived.size == 0:
        return out
    names = np.unique(np.where(batch.source_name == None, "", batch.source_name).astype(str))  # noqa: E711
    wanted = _codes(batch.derived_from[derived], names)
    derived = derived[wanted >= 0]
    wanted = wanted[wanted >= 0]
    named = _codes(batch.source_name[rows], names)
    origins = rows[np.isin(named, wanted)]
    if derived.size == 0 or origins.size == 0:
        return out
    origin_code = _codes(batch.source_name[origins], names)
    accused = _text_codes(batch.alleged_perpetrator)
    target = _text_codes(batch.target_class)
    named_place = batch.place_name != None  # noqa: E711
    sharp = np.where(named_place, 1.0, 0.5) * where.radius_km  # a place: its whole radius
    tol = where.tolerance_s
    lag = int(np.max(where.end_s[origins] - where.start_s[origins])) + int(tol[origins].max())
    reach = float(where.radius_km[derived].max() + where.radius_km[origins].max())
    best = np.full(derived.size, -1, dtype=np.int64)
    best_cost = np.full(derived.size, np.inf)
    evidence = np.full(derived.size, np.exp(-0.5 * params.attach_sigma**2))
    for pair_q, pair_t in near_pairs(
        x[derived], y[derived], where.start_s[derived] - tol[derived] - lag,
        where.end_s[derived] + tol[derived], target_x=x[origins], target_y=y[origins],
        target_s=where.start_s[origins], cell_km=max(reach, 1.0),
    ):  # fmt: skip
        g, o = derived[pair_q], origins[pair_t]
        # the named source first, and planar distances (never above true ones) before exact
        keep = origin_code[pair_t] == wanted[pair_q]
        keep &= (x[g] - x[o]) ** 2 + (y[g] - y[o]) ** 2 <= (
            where.radius_km[g] + where.radius_km[o]
        ) ** 2
        found, t, g, o = pair_q[keep], pair_t[keep], g[keep], o[keep]
        level = where.act_agreement[where.act_code[g], where.act_code[o]]
        # a repeat gives its source's point (judged on half the sharper radius) or the
        # nearest named place (on that place's radius), not on the sum of both
        spread = np.maximum(np.minimum(sharp[g], sharp[o]), 0.5)
        dist = distance_km(where.lon[g], where.lat[g], where.lon[o], where.lat[o])
        gap = gap_s(where.start_s[g], where.end_s[g], where.start_s[o], where.end_s[o])
        tolerance = tol[g] + tol[o]
        same_party = (accused[g] == accused[o]) | (accused[g] == 0) | (accused[o] == 0)
        ok = (origin_code[t] == wanted[found]) & (level > 0) & same_party & (g != o)
        ok &= (dist <= where.radius_km[g] + where.radius_km[o]) & (gap <= tolerance)
        same_act = where.act_code[g] == where.act_code[o]
        other_target = (target[g] != 0) & (target[o] != 0) & (target[g] != target[o])
        cost = (dist / spread) ** 2 + (gap / tolerance) ** 2
        cost += np.where(same_act, 0.0, np.where(level == 1, 2.0, 0.5)) + 2.0 * other_target
        q, o, cost = found[ok], o[ok], cost[ok]
        evidence += np.bincount(q, np.exp(-0.5 * cost), minlength=derived.size)
        better = np.flatnonzero(cost < best_cost[q])
        order = better[np.lexsort((cost[better], q[better]))]
        first = order[np.r_[True, q[order][1:] != q[order][:-1]]] if order.size else order
        best_cost[q[first]] = cost[first]
        best[q[first]] = o[first]
    likely = np.exp(-0.5 * best_cost) / evidence > params.attach_share
    position = np.searchsorted(rows, derived) if np.all(rows[:-1] <= rows[1:]) else None
    if position is None:
        local = {int(r): k for k, r in enumerate(rows.tolist())}
        position = np.array([local[int(d)] for d in derived.tolist()], dtype=np.int64)
    out[position] = np.where(likely, best, -1)
    return out
