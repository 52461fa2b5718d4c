"""Whether two observations can be of one event, pairwise; and connected groups over the links.

Acts are compared by the taxonomy's dotted names: ``shelling`` agrees with ``shelling.mortar``,
``unknown`` agrees with everything, and siblings (``shelling.mortar`` vs ``shelling.artillery``)
agree only when time and place agree strongly (mortar and artillery are often confused).

>>> codes, table = act_table(np.array(["shelling", "shelling.mortar", "shelling.artillery",
...     "drone_strike", None], dtype=object))
>>> [int(table[codes[0], codes[k]]) for k in range(5)]
[2, 2, 2, 0, 2]
>>> int(table[codes[1], codes[2]])
1
>>> components(4, np.array([0, 2]), np.array([1, 3])).tolist()
[0, 0, 2, 2]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ceasefire.core.taxonomy import is_a
from ceasefire.core.verification.model import BoolArray, FloatArray, IntArray, ObjectArray
from ceasefire.core.verification.spatial import distance_km
from ceasefire.core.verification.temporal import gap_s

AGREE = 2
SIBLING = 1
UNKNOWN_ACT = "unknown"


def act_table(acts: ObjectArray) -> tuple[IntArray, npt.NDArray[np.int8]]:
    """A code per act and a table of how well two codes agree: 2 agree, 1 siblings, 0 not."""
    names = np.where(acts == None, UNKNOWN_ACT, acts).astype(str)  # noqa: E711
    unique, codes = np.unique(names, return_inverse=True)
    size = unique.size
    table = np.zeros((size, size), dtype=np.int8)
    for a in range(size):
        for b in range(size):
            table[a, b] = _agreement(str(unique[a]), str(unique[b]))
    return codes.astype(np.int64), table


def _agreement(a: str, b: str) -> int:
    if UNKNOWN_ACT in (a, b) or is_a(a, b) or is_a(b, a):
        return AGREE
    if a.split(".", 1)[0] == b.split(".", 1)[0]:
        return SIBLING
    return 0


@dataclass(frozen=True)
class Located:
    """The columns the pairwise test needs, for every observation of a batch."""

    lon: FloatArray
    lat: FloatArray
    radius_km: FloatArray
    start_s: IntArray
    end_s: IntArray
    tolerance_s: IntArray
    act_code: IntArray
    act_agreement: npt.NDArray[np.int8]


def agree(
    where: Located,
    i: IntArray,
    j: IntArray,
    *,
    sigma: float,
    floor_km: float,
    max_km: float,
    sibling_factor: float,
) -> BoolArray:
    """True where observations ``i`` and ``j`` can be of one event (pairwise).

    Places agree within ``sigma`` combined radii plus ``floor_km`` (never beyond ``max_km``);
    windows agree within both tolerances; acts agree, or are siblings and both distance and
    time fall within ``sibling_factor`` of those limits.
    """
    level = where.act_agreement[where.act_code[i], where.act_code[j]]
    factor = np.where(level == AGREE, 1.0, sibling_factor)
    reach = np.minimum(sigma * np.hypot(where.radius_km[i], where.radius_km[j]) + floor_km, max_km)
    near = distance_km(where.lon[i], where.lat[i], where.lon[j], where.lat[j]) <= reach * factor
    gap = gap_s(where.start_s[i], where.end_s[i], where.start_s[j], where.end_s[j])
    timely = gap <= (where.tolerance_s[i] + where.tolerance_s[j]) * factor
    return np.asarray((level > 0) & near & timely, dtype=bool)


def components(size: int, i: IntArray, j: IntArray) -> IntArray:
    """Connected components over edges (i, j): each node's root, the smallest node of its group.

    Union by hooking larger roots onto smaller ones, then pointer jumping, all vectorised; a
    handful of rounds suffice in practice.
    """
    parent = np.arange(size, dtype=np.int64)
    while i.size:
        pi, pj = parent[i], parent[j]
        differ = pi != pj
        if not differ.any():
            break
        i, j, pi, pj = i[differ], j[differ], pi[differ], pj[differ]
        np.minimum.at(parent, np.maximum(pi, pj), np.minimum(pi, pj))
        while True:
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped
    return parent


def first_per_group(groups: IntArray, *sort_keys: npt.NDArray[np.generic]) -> IntArray:
    """For each row, the index of its group's first row when ordered by ``sort_keys``
    (most significant first); ties go to the lower index."""
    order = np.lexsort((np.arange(groups.size), *reversed(sort_keys), groups))
    sorted_groups = groups[order]
    starts = np.ones(groups.size, dtype=bool)
    starts[1:] = sorted_groups[1:] != sorted_groups[:-1]
    first_of_run = order[np.maximum.accumulate(np.where(starts, np.arange(groups.size), 0))]
    out = np.empty(groups.size, dtype=np.int64)
    out[order] = first_of_run
    return out
