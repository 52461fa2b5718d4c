"""Compliance benchmark: evaluate N incidents against a withdrawal + energy agreement, against
the raw shapely vectorised predicates for the same tests, measured side by side.

The agreement: the shipped Minsk II-style example (4 withdrawal distances x 2 sides, each side
from its own line of 18 April 2025 densified to >= 3,000 vertices) plus the energy moratorium's
target-class term, with 200 protected objects. Incidents are spread within ~80 km of the front:
half weapon sightings (mixed types, radius 0-5 km), half strikes (a fifth on energy targets).
The baseline runs, on the same rows, the predicates a hand-written evaluation would: project
the points, then per zone (side x distance) ``contains_xy`` on a buffered-and-clipped zone and
``dwithin`` of its boundary for the radius, plus a ``dwithin`` STRtree query on the objects and
the numpy window and category tests. Target (issue [3/6]): <= 10 s at 1M and <= 2x the baseline.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import numpy as np
import shapely

from ceasefire.core.agreement import Agreement
from ceasefire.core.compliance import Incidents, ProtectedObjects, evaluate
from ceasefire.core.compliance.spatial import MetricFrame
from ceasefire.ingest.agreement_files import load_layer, read_agreement, shipped_agreement_paths

LINE = "package:line_of_contact_2025-04-18.geojson"
CONTROL = "package:control_2025-04-18.geojson#party={}"


def _agreement() -> Agreement:
    paths = {p.stem: p for p in shipped_agreement_paths()}
    minsk = read_agreement(paths["example_minsk_ii_withdrawal_2025"])
    energy = read_agreement(paths["energy_moratorium_2025"])
    first, last = minsk.geography.reference_lines[0], minsk.geography.reference_lines[-1]
    lines = [
        line.model_copy(update={"file": LINE, "party": side, "valid_to": None})
        for side, line in (("UA", first), ("RU", last))
    ]
    geography = minsk.geography.model_copy(update={"reference_lines": lines})
    return minsk.model_copy(update={"terms": [*minsk.terms, *energy.terms], "geography": geography})


def _layers(ref: str) -> shapely.Geometry:
    geometry = load_layer(ref)
    return shapely.segmentize(geometry, 0.003) if ref == LINE else geometry


def _incidents(n: int, seed: int = 7) -> Incidents:
    rng = np.random.default_rng(seed)
    line = _layers(LINE)
    along = shapely.line_interpolate_point(
        shapely.get_parts(line)[0], rng.random(n), normalized=True
    )
    lon = shapely.get_x(along) + rng.normal(0, 0.5, n)
    lat = shapely.get_y(along) + rng.normal(0, 0.3, n)
    start = int(datetime(2025, 4, 1, tzinfo=UTC).timestamp()) + rng.integers(0, 30 * 86_400, n)
    sighting = rng.random(n) < 0.5
    weapons = np.array(["mlrs.light", "mlrs.heavy", "artillery.towed", "tank", "mortar"], object)
    acts = np.array(["shelling.artillery", "drone_strike.fpv", "missile_strike"], object)
    targets = np.array(["military", "energy.generation", "civilian.residential", "energy"], object)
    return Incidents.from_columns(
        n,
        start_s=start,
        end_s=start + rng.choice([60, 3600, 86_400], n),
        lon=lon,
        lat=lat,
        radius_m=rng.uniform(0, 5_000, n),
        act=np.where(sighting, "weapon_sighting", acts[rng.integers(0, 3, n)]),
        weapon_type=weapons[rng.integers(0, 5, n)],
        calibre_mm=rng.choice([120.0, 122.0, 152.0, np.nan], n),
        target_class=targets[rng.choice(4, n, p=[0.6, 0.1, 0.2, 0.1])],
        party=np.array(["RU", "UA"], object)[rng.integers(0, 2, n)],
        attribution=np.where(rng.random(n) < 0.8, "attributed", "not_attributable"),
        confidence=np.full(n, "probable", object),
    )


def _objects(n: int = 200, seed: int = 8) -> ProtectedObjects:
    rng = np.random.default_rng(seed)
    return ProtectedObjects.of(
        ["bench"] * n,
        [f"plant {i}" for i in range(n)],
        rng.uniform(33, 39, n),
        rng.uniform(46, 50, n),
    )


def baseline(incidents: Incidents, objects: ProtectedObjects) -> float:
    """Seconds for the raw shapely predicates of the same tests on the same rows."""
    t = time.perf_counter()
    line = _layers(LINE)
    frame = MetricFrame.around(line)
    line_m = frame.geometry(line)
    zones = []
    for side in ("RU", "UA"):
        control = frame.geometry(
            shapely.clip_by_rect(load_layer(CONTROL.format(side)), 29, 43, 43, 53)
        )
        for metres in (70_000, 35_000, 25_000, 15_000):
            zone = shapely.intersection(shapely.buffer(line_m, metres, quad_segs=16), control)
            edge = shapely.boundary(zone)
            shapely.prepare(zone)
            shapely.prepare(edge)
            zones.append((zone, edge))
    sighting = incidents.act == "weapon_sighting"
    rows = np.flatnonzero(sighting)
    x, y = frame.xy(incidents.lon[rows], incidents.lat[rows])
    points = shapely.points(x, y)
    radius = incidents.radius_m[rows]
    for zone, edge in zones:
        inside = shapely.intersects_xy(zone, x, y)
        near = shapely.dwithin(edge, points, radius)
        _ = np.where(near, 1, np.where(inside, 2, 0))
    strikes = np.flatnonzero(
        ~sighting & np.isin(incidents.target_class, ["energy.generation", "energy"])
    )
    sx, sy = frame.xy(incidents.lon[strikes], incidents.lat[strikes])
    ox, oy = frame.xy(objects.lon, objects.lat)
    tree = shapely.STRtree(shapely.points(ox, oy))
    tree.query(
        shapely.points(sx, sy),
        predicate="dwithin",
        distance=np.maximum(incidents.radius_m[strikes], 500),
    )
    low, high = (
        int(datetime(2025, 3, 17, 21, tzinfo=UTC).timestamp()),
        int(datetime(2025, 4, 16, 21, tzinfo=UTC).timestamp()),
    )
    _ = (incidents.start_s >= low) & (incidents.end_s <= high)
    _ = np.isin(incidents.act, ["shelling.artillery", "drone_strike.fpv", "missile_strike"])
    return time.perf_counter() - t


def ours(
    agreement: Agreement, incidents: Incidents, objects: ProtectedObjects
) -> tuple[float, int]:
    """Seconds for :func:`evaluate` (layers loaded and cached beforehand, as in the baseline's
    ``load_layer``), and the number of findings."""
    t = time.perf_counter()
    findings = evaluate(agreement, incidents, _layers, objects)
    return time.perf_counter() - t, len(findings)


def run(rows: int) -> str:
    """The Markdown section: ours vs the raw predicates at 100k and ``rows`` (smoke: 5k)."""
    agreement, objects = _agreement(), _objects()
    sizes = sorted({min(rows, 100_000), rows})
    lines = [
        "## Compliance evaluation",
        "",
        "Evaluate incidents against 4 withdrawal distances x 2 sides (a 1,100 km line of "
        f"{shapely.get_num_coordinates(_layers(LINE))} vertices) and the energy moratorium with "
        "200 protected objects; traces kept as columns, rendered lazily. Baseline: the raw "
        "shapely predicates of the same tests on the same rows (bench/evaluate.py).",
        "",
        "| incidents | findings | ceasefire evaluate (s) | raw shapely predicates (s) | ratio |",
        "|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        incidents = _incidents(size)
        ours(agreement, _incidents(1_000), objects)  # warm the layer cache and PROJ
        seconds, count = ours(agreement, incidents, objects)
        floor = baseline(incidents, objects)
        lines.append(
            f"| {size:,} | {count:,} | {seconds:.2f} | {floor:.2f} | {seconds / floor:.2f} |"
        )
    lines.append("")
    lines.append("Target: <= 10 s at 1,000,000 incidents and <= 2x the baseline.")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    print(run(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000))
