"""Clustering by time window, so large archives can be split across workers (e.g. Dask).

The batch is cut into windows of ``window_s`` by start time, each widened by ``margin_s`` on
both sides; each window is clustered on its own (:func:`windows` gives the rows, any worker
can run :func:`~ceasefire.core.verification.cluster.cluster` on them), and :func:`stitch`
takes each incident whole from the window it starts in. Undated observations stay alone.

>>> from ceasefire.core.verification.model import VerificationBatch
>>> day = 86_400
>>> batch = VerificationBatch.from_columns(4, start_s=[0, 60, 3 * day, 3 * day + 60],
...     end_s=[60, 120, 3 * day + 60, 3 * day + 120], lon=[37.0] * 4, lat=[48.0] * 4,
...     radius_m=[500] * 4, act=["shelling"] * 4, source_kind=["monitor_team"] * 4)
>>> cluster_by_window(batch, window_s=2 * day, margin_s=day).tolist()
[0, 0, 1, 1]
"""

from __future__ import annotations

import numpy as np
from shapely.geometry.base import BaseGeometry

from ceasefire.core.verification.cluster import cluster
from ceasefire.core.verification.link import first_per_group
from ceasefire.core.verification.model import (
    BoolArray,
    ClusterParams,
    IntArray,
    VerificationBatch,
)

WEEK_S = 7 * 86_400


def windows(
    batch: VerificationBatch, window_s: int, margin_s: int
) -> list[tuple[IntArray, BoolArray]]:
    """For each time window: (rows it clusters, which of those rows it owns).

    A dated row is owned by the window its start falls in and also clustered by any window
    whose margin reaches it.
    """
    dated = np.flatnonzero(batch.has_time)
    if dated.size == 0:
        return []
    start = batch.start_s[dated]
    origin = int(start.min())
    home = (start - origin) // window_s
    parts = []
    for k in range(int(home.max()) + 1):
        lo, hi = origin + k * window_s, origin + (k + 1) * window_s
        rows = dated[(start >= lo - margin_s) & (start < hi + margin_s)]
        if rows.size:
            parts.append((rows, home[np.searchsorted(dated, rows)] == k))
    return parts


def stitch(
    batch: VerificationBatch, parts: list[tuple[IntArray, BoolArray]], labels: list[IntArray]
) -> IntArray:
    """One label per row from per-window labels.

    A window's incident is *authoritative* when its earliest report is owned by that window;
    each row takes the authoritative incident that holds it (else its own window's), so an
    incident across a window edge is taken whole from the window it starts in, and windows
    never chain incidents together.
    """
    size = len(batch)
    rows_all: list[IntArray] = []
    nodes: list[IntArray] = []
    rank: list[IntArray] = []
    offset = 0
    for (rows, owned), local in zip(parts, labels, strict=True):
        earliest = first_per_group(local, batch.start_s[rows])
        authoritative = owned[earliest]
        rows_all.append(rows)
        nodes.append(local + offset)
        rank.append(np.where(authoritative, 0, np.where(owned, 1, 2)))
        offset += int(local.max(initial=-1)) + 1
    final = np.arange(size, dtype=np.int64) + offset  # undated rows: their own incident
    if rows_all:
        row, node, level = np.concatenate(rows_all), np.concatenate(nodes), np.concatenate(rank)
        order = np.lexsort((level, row))
        row, node = row[order], node[order]
        first = np.r_[True, row[1:] != row[:-1]]
        final[row[first]] = node[first]
    return np.unique(final, return_inverse=True)[1].astype(np.int64)


def cluster_by_window(
    batch: VerificationBatch,
    params: ClusterParams | None = None,
    *,
    window_s: int = WEEK_S,
    margin_s: int | None = None,
    control: dict[str, BaseGeometry] | None = None,
) -> IntArray:
    """Like :func:`cluster`, window by window (the margin defaults to the widest window a
    report may have and still merge, plus a day)."""
    params = params or ClusterParams()
    margin = params.vague_max_window_s + 86_400 if margin_s is None else margin_s
    parts = windows(batch, window_s, margin)
    labels = [cluster(batch.take(rows), params, control) for rows, _ in parts]
    return stitch(batch, parts, labels)
