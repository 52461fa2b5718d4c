"""Clustering benchmark: ceasefire's ``cluster`` against scikit-learn DBSCAN (kd-tree, Euclidean
on x km, y km and time scaled to km, ``min_samples=1``) on the same simulated observations.

Data: the real simulator's default scenario (``run_scenario``, shipped line of contact) at its
own density, run for as many days as the size needs, through the same text columns and parser as
``ceasefire ingest``; place-name-only reports resolved as ``ceasefire verify`` does; B-cubed F1
against the simulator's truth. Target (issue [2/6]): 1,000,000 observations in <= 60 s;
>= 10x faster than DBSCAN at 100k with a better B-cubed F1. scikit-learn is a bench-only
dependency: without it the baseline says "skipped: scikit-learn not installed".
"""

from __future__ import annotations

import dataclasses
import time
import tracemalloc
from dataclasses import dataclass

import numpy as np

from bench.verification_quality import place_index
from ceasefire.core.observations import parse_columns
from ceasefire.core.simulate import observation_columns, scenario_named
from ceasefire.core.verification import VerificationBatch, bcubed, cluster
from ceasefire.core.verification.spatial import locate, project_km
from ceasefire.settings import Settings
from ceasefire.workflows.simulate import run_scenario

ROWS_PER_INTENSITY = 9_530  # observation rows of the default scenario's six days (seed 2025)
SECONDS_PER_KM = 600  # DBSCAN's time axis: 10 minutes count as 1 km
DBSCAN_EPS_KM = (1.5, 3.0, 5.0)


@dataclass
class Scenario:
    """Simulated observations as a batch, and each one's true event (-1 - row when none)."""

    batch: VerificationBatch
    truth: np.ndarray


def _seconds(text: np.ndarray) -> np.ndarray:
    present = text != None  # noqa: E711
    out = np.full(text.size, -1, dtype=np.int64)
    stamps = np.array([t.rstrip("Z") for t in text[present].tolist()], dtype="datetime64[s]")
    out[present] = stamps.astype(np.int64)
    return out


def scenario(rows: int) -> Scenario:
    """About ``rows`` observations of the default scenario (seed 2025)."""
    base = scenario_named("default")
    days = max(1, round(base.days * rows / ROWS_PER_INTENSITY))  # the same density, more days
    sim = run_scenario(dataclasses.replace(base, days=days), 2025)
    size = len(sim.rows["event"])
    parsed, _ = parse_columns(
        observation_columns(sim, 0, size),
        row_numbers=list(range(size)),
        area=Settings().area_of_interest,
    )
    c = parsed.columns
    degrees = {
        name: np.array([np.nan if v is None else v / 1e6 for v in c[name].tolist()])
        for name in ("lon", "lat", "observer_lon", "observer_lat")
    }
    for i in np.flatnonzero((c["lat"] == None) & (c["place_name"] != None)).tolist():  # noqa: E711
        found = place_index().resolve(str(c["place_name"][i]), c["admin1"][i])
        if found is not None:
            degrees["lon"][i], degrees["lat"][i] = found[0], found[1]
            c["radius_m"][i] = found[2]
    start, end = _seconds(c["start"]), _seconds(c["end"])
    numbers = {
        name: np.array([np.nan if v is None else float(v) for v in c[name].tolist()])
        for name in ("radius_m", "bearing_min_deg", "bearing_max_deg", "distance_min_m",
                     "distance_max_m", "fire_from_bearing_deg")
    }  # fmt: skip
    texts = ("act", "source_kind", "source_name", "derived_from", "place_name", "perception",
             "reliability", "credibility", "alleged_perpetrator", "key")  # fmt: skip
    batch = VerificationBatch.from_columns(
        parsed.size, start_s=start, end_s=np.where(end >= 0, end, start),
        has_time=start >= 0, **degrees, **numbers, **{n: c[n] for n in texts},
    )  # fmt: skip
    event = sim.rows["event"][parsed.rows]
    return Scenario(batch, np.where(event >= 0, event, -1 - parsed.rows))


def truth_of(s: Scenario) -> np.ndarray:
    return s.truth


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
        from sklearn.cluster import DBSCAN  # type: ignore[import-untyped]
    except ImportError:
        return None
    lon, lat, _ = locate(s.batch)
    x, y = project_km(lon, lat)
    t = (s.batch.start_s - s.batch.start_s.min()) / SECONDS_PER_KM
    features = np.column_stack([x, y, t])
    finite = np.all(np.isfinite(features), axis=1) & s.batch.has_time
    labels = -1 - np.arange(features.shape[0], dtype=np.int64)  # unplaced: alone, as ours
    start = time.perf_counter()
    found = DBSCAN(eps=eps_km, min_samples=1, algorithm="kd_tree").fit_predict(features[finite])
    seconds = time.perf_counter() - start
    labels[finite] = found
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
