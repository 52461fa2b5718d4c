"""Clustering benchmark: ceasefire's ``cluster`` against scikit-learn DBSCAN (kd-tree, Euclidean
on x km, y km and time scaled to km, ``min_samples=1``) on the same generated observations.

Data: the compact generator of ``tests/core/verification/generator.py`` on a 1,100 km front
(hot quarter at 20 events per 10 km per day, the rest at 5), as many days as the size needs.
Target (issue [2/6]): 1,000,000 observations in <= 60 s; >= 10x faster than DBSCAN at 100k
with a better B-cubed F1. scikit-learn is a bench-only dependency (``bench`` extra).
"""

from __future__ import annotations

import time
import tracemalloc

import numpy as np
from tests.core.verification.generator import Scenario, generate

from ceasefire.core.verification import bcubed, cluster
from ceasefire.core.verification.spatial import locate, project_km

FRONT_KM = 1_100.0
OBS_PER_DAY = 2_350  # what the generator files per day on this front, measured
SECONDS_PER_KM = 600  # DBSCAN's time axis: 10 minutes count as 1 km
DBSCAN_EPS_KM = (1.5, 3.0, 5.0)


def scenario(rows: int) -> Scenario:
    """About ``rows`` observations (seeded)."""
    return generate(7, days=max(1, round(rows / OBS_PER_DAY)), front_km=FRONT_KM)


def truth_of(s: Scenario) -> np.ndarray:
    return np.where(s.event_of >= 0, s.event_of, -1 - np.arange(s.event_of.size))


def ours(s: Scenario) -> tuple[float, float, float]:
    """(seconds, peak MiB traced during a second run, B-cubed F1)."""
    start = time.perf_counter()
    labels = cluster(s.batch)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    cluster(s.batch)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak, bcubed(labels, truth_of(s))[2]


def dbscan(s: Scenario, eps_km: float) -> tuple[float, float] | None:
    """(seconds, B-cubed F1) of DBSCAN, or None without scikit-learn."""
    try:
        from sklearn.cluster import DBSCAN
    except ImportError:
        return None
    lon, lat, _ = locate(s.batch)
    x, y = project_km(lon, lat)
    t = (s.batch.start_s - s.batch.start_s.min()) / SECONDS_PER_KM
    features = np.column_stack([x, y, t])
    start = time.perf_counter()
    labels = DBSCAN(eps=eps_km, min_samples=1, algorithm="kd_tree").fit_predict(features)
    seconds = time.perf_counter() - start
    return seconds, bcubed(labels.astype(np.int64), truth_of(s))[2]


def run(rows: int) -> str:
    """Run at ``rows`` (the largest size; the baseline at up to 100k); return Markdown."""
    sizes = sorted({min(rows, n) for n in (10_000, 100_000, 1_000_000)})
    lines = [
        "\n## Clustering: ceasefire `cluster` vs scikit-learn DBSCAN\n",
        "| observations | ceasefire s | peak MiB (traced) | ceasefire B-cubed F1 | "
        "DBSCAN s | DBSCAN B-cubed F1 | DBSCAN eps km | speed-up |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    best_eps: float | None = None
    verdicts: list[str] = []
    for size in sizes:
        s = scenario(size)
        seconds, peak, f1 = ours(s)
        cells = [f"{len(s.batch):,}", f"{seconds:.2f}", f"{peak:.0f}", f"{f1:.3f}"]
        if size <= 100_000:
            if best_eps is None:
                trials = {eps: dbscan(s, eps) for eps in DBSCAN_EPS_KM}
                if all(v is not None for v in trials.values()):
                    best_eps = max(trials, key=lambda e: trials[e][1])  # type: ignore[index]
            base = dbscan(s, best_eps) if best_eps is not None else None
            if base is None:
                cells += ["skipped: scikit-learn not installed", "", "", ""]
            else:
                ratio = base[0] / seconds
                cells += [f"{base[0]:.2f}", f"{base[1]:.3f}", f"{best_eps}", f"{ratio:.1f}x"]
                if size == 100_000:
                    met = ratio >= 10 and f1 > base[1]
                    verdicts.append(
                        f"100k: {ratio:.1f}x faster, F1 {f1:.3f} vs {base[1]:.3f} "
                        f"({'met' if met else 'MISSED'})"
                    )
        else:
            cells += ["", "", "", ""]
        if size >= 1_000_000:
            verdicts.append(f"1M in {seconds:.1f} s ({'met' if seconds <= 60 else 'MISSED'})")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append(
        f"\nDBSCAN's eps is the best of {DBSCAN_EPS_KM} km by F1 at the smallest size (time: "
        f"{SECONDS_PER_KM // 60} min = 1 km). Targets: " + ("; ".join(verdicts) or "n/a") + ".\n"
    )
    return "\n".join(lines)
