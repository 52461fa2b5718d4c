"""A compact, vectorised scenario generator to test and tune verification (not the simulator).

A straight front along 48°N (Ukraine holds the south, Russia the north) with a hot sector;
true events near the line, and the reports each channel files about them: monitor patrols
(points 1-3 km off, or sectors from an observer), cameras and UAVs (precise, with imagery),
party complaints (5-15 km off, some fabricated, blaming the other side), media repeating party
complaints (a third with place names only, as a village point with a 5 km radius).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from ceasefire.core.verification.model import IntArray, VerificationBatch

LINE_LAT = 48.0
LON0 = 36.0
KM_LON = 111.32 * np.cos(np.radians(LINE_LAT))
KM_LAT = 110.574
ACTS = np.array(
    [
        "shelling.artillery",
        "shelling.mortar",
        "shelling.mlrs",
        "drone_strike.fpv",
        "small_arms_fire",
    ]
)
SIBLING = {
    "shelling.artillery": "shelling.mortar",
    "shelling.mortar": "shelling.artillery",
    "shelling.mlrs": "shelling.artillery",
    "drone_strike.fpv": "drone_strike.bomb_drop",
    "small_arms_fire": "small_arms_fire",
}
PARTIES = np.array(["UA", "RU"])  # UA holds lat < 48, RU lat > 48


@dataclass(frozen=True)
class Scenario:
    batch: VerificationBatch
    event_of: IntArray  # event index per observation; -1 fabricated
    perpetrator: np.ndarray  # per event
    attributable: np.ndarray  # per event
    control: dict[str, BaseGeometry]


def control_areas(front_km: float) -> dict[str, BaseGeometry]:
    east = LON0 + front_km / KM_LON + 2
    return {"UA": box(LON0 - 2, 44.0, east, LINE_LAT), "RU": box(LON0 - 2, LINE_LAT, east, 52.0)}


def generate(
    seed: int = 1, *, days: int = 2, front_km: float = 200.0, per_10km_day: float = 20.0
) -> Scenario:
    """A scenario whose hot sector (first quarter of the front) has ``per_10km_day`` events."""
    rng = np.random.default_rng(seed)
    hot = front_km / 4
    n_hot = rng.poisson(per_10km_day * hot / 10 * days)
    n_cold = rng.poisson(per_10km_day * 0.25 * (front_km - hot) / 10 * days)
    n = n_hot + n_cold
    ex = np.concatenate([rng.uniform(0, hot, n_hot), rng.uniform(hot, front_km, n_cold)])
    t0 = 1_745_000_000
    et = t0 + rng.integers(0, days * 86_400, n)
    perp = rng.integers(0, 2, n)  # 0 UA, 1 RU: impact lands on the other side
    side = np.where(perp == 1, -1.0, 1.0)  # impact y sign: RU fires south
    ey = side * rng.exponential(3.0, n) + rng.normal(0, 0.3, n)
    act = ACTS[rng.choice(ACTS.size, n, p=[0.35, 0.25, 0.1, 0.2, 0.1])]
    cols: dict[str, list[np.ndarray]] = {}
    event_of: list[np.ndarray] = []
    seen_fire = np.zeros(n, dtype=bool)

    def add(ev: np.ndarray, **values: np.ndarray) -> None:
        event_of.append(ev)
        for name in FIELDS:
            default = np.full(ev.size, np.nan) if name in FLOATS else np.full(ev.size, None)
            cols.setdefault(name, []).append(values.get(name, default))

    def times(ev: np.ndarray, noise_s: float, width: int) -> dict[str, np.ndarray]:
        start = et[ev] + np.round(rng.normal(0, noise_s, ev.size)).astype(np.int64)
        start = start - start % max(width, 1) if width >= 3600 else start
        return {"start_s": start, "end_s": start + width}

    def acts(ev: np.ndarray, confuse: float) -> np.ndarray:
        out = act[ev].astype(object)
        roll = rng.random(ev.size)
        out[roll < confuse] = [SIBLING[a] for a in out[roll < confuse]]
        parent = (roll >= confuse) & (roll < 2 * confuse)
        out[parent] = [a.split(".")[0] for a in out[parent]]
        return out

    def lonlat(xkm: np.ndarray, ykm: np.ndarray) -> dict[str, np.ndarray]:
        return {"lon": LON0 + xkm / KM_LON, "lat": LINE_LAT + ykm / KM_LAT}

    def fire_from(ev: np.ndarray, noise: float) -> np.ndarray:
        true = np.where(perp[ev] == 1, 0.0, 180.0) + rng.normal(0, 25, ev.size)
        return np.mod(np.round(true + rng.normal(0, noise, ev.size)), 360)

    # monitor patrols: 0-3 per event; half as points, half as sectors
    k = rng.choice(4, n, p=[0.15, 0.35, 0.3, 0.2])
    ev = np.repeat(np.arange(n), k)
    noise = rng.uniform(1.0, 3.0, ev.size)
    seen = rng.random(ev.size) < 0.35
    dof = rng.random(ev.size) < np.where(seen, 0.8, 0.4)
    seen_fire[ev[dof]] = True
    sector = rng.random(ev.size) < 0.5
    bearing = rng.uniform(0, 360, ev.size)
    dist = rng.uniform(3, 8, ev.size)
    ox = ex[ev] - dist * np.sin(np.radians(bearing))
    oy = ey[ev] - dist * np.cos(np.radians(bearing))
    obs = lonlat(ox, oy)
    meas_b = bearing + rng.normal(0, 4, ev.size)
    meas_d = dist * 1000 + rng.normal(0, 500, ev.size)
    px = ex[ev] + rng.normal(0, noise / 1.5, ev.size)
    py = ey[ev] + rng.normal(0, noise / 1.5, ev.size)
    pt = lonlat(px, py)
    add(
        ev,
        **times(ev, 180, 60),
        lon=np.where(sector, np.nan, pt["lon"]),
        lat=np.where(sector, np.nan, pt["lat"]),
        radius_m=np.where(sector, np.nan, np.round(noise * 1000)),
        observer_lon=np.where(sector, obs["lon"], np.nan),
        observer_lat=np.where(sector, obs["lat"], np.nan),
        bearing_min_deg=np.where(sector, np.mod(np.round(meas_b - 8), 360), np.nan),
        bearing_max_deg=np.where(sector, np.mod(np.round(meas_b + 8), 360), np.nan),
        distance_min_m=np.where(sector, np.maximum(meas_d - 1000, 0), np.nan),
        distance_max_m=np.where(sector, meas_d + 1000, np.nan),
        act=acts(ev, 0.1),
        source_kind=np.full(ev.size, "monitor_team", dtype=object),
        source_name=np.array([f"SMM-{i % 30}" for i in range(ev.size)], dtype=object),
        reliability=np.full(ev.size, "B", dtype=object),
        credibility=np.where(seen, "2", "3").astype(object),
        perception=np.where(seen, "seen", "heard").astype(object),
        fire_from_bearing_deg=np.where(dof, fire_from(ev, 10), np.nan),
    )
    # cameras and UAVs on a fifth of events: precise imagery, launch side visible
    ev = np.flatnonzero(rng.random(n) < 0.2)
    add(
        ev,
        **times(ev, 30, 60),
        **lonlat(ex[ev] + rng.normal(0, 0.15, ev.size), ey[ev] + rng.normal(0, 0.15, ev.size)),
        radius_m=np.full(ev.size, 300.0),
        act=acts(ev, 0.03),
        source_kind=np.full(ev.size, "sensor", dtype=object),
        source_name=np.array([f"UAV-{i % 5}" for i in range(ev.size)], dtype=object),
        reliability=np.full(ev.size, "A", dtype=object),
        credibility=np.full(ev.size, "1", dtype=object),
        perception=np.full(ev.size, "imagery", dtype=object),
        alleged_perpetrator=PARTIES[perp[ev]].astype(object),
    )
    # party complaints by the victim on half the events, blaming the other side; fabricated ones
    ev = np.flatnonzero(rng.random(n) < 0.5)
    fab = max(int(ev.size * 0.08), 1)
    fab_x = rng.uniform(0, front_km, fab)
    fab_victim = rng.integers(0, 2, fab)
    fab_y = np.where(fab_victim == 1, 1.0, -1.0) * rng.exponential(3.0, fab)
    all_ev = np.concatenate([ev, np.full(fab, -1)])
    victim = np.concatenate([1 - perp[ev], fab_victim])
    base_x = np.concatenate([ex[ev], fab_x])
    base_y = np.concatenate([ey[ev], fab_y])
    base_t = np.concatenate([et[ev], t0 + rng.integers(0, days * 86_400, fab)])
    off = rng.uniform(5, 15, all_ev.size)
    ang = rng.uniform(0, 2 * np.pi, all_ev.size)
    start = base_t + np.round(rng.normal(0, 900, all_ev.size)).astype(np.int64)
    start -= start % 3600
    complaint_acts = np.concatenate([acts(ev, 0.2), act[rng.integers(0, n, fab)].astype(object)])
    names = np.where(victim == 1, "RU MoD", "UA General Staff").astype(object)
    add(
        all_ev,
        start_s=start,
        end_s=start + 3600,
        **lonlat(base_x + off * np.cos(ang), base_y + off * np.sin(ang)),
        radius_m=np.full(all_ev.size, 10_000.0),
        act=complaint_acts,
        source_kind=np.full(all_ev.size, "party_official", dtype=object),
        source_name=names,
        reliability=np.full(all_ev.size, "D", dtype=object),
        credibility=np.full(all_ev.size, "4", dtype=object),
        alleged_perpetrator=PARTIES[1 - victim].astype(object),
        claimant=names,
        perception=np.full(all_ev.size, "reported", dtype=object),
    )
    # media repeating a third of complaints; a third of those by village name only (day, 5 km)
    rep = np.flatnonzero(rng.random(all_ev.size) < 0.35)
    village = rng.random(rep.size) < 1 / 3
    vx = np.round(base_x[rep] / 5) * 5
    vy = np.round(base_y[rep] / 5) * 5
    mx = np.where(village, vx, base_x[rep] + rng.normal(0, 5, rep.size))
    my = np.where(village, vy, base_y[rep] + rng.normal(0, 5, rep.size))
    day = base_t[rep] - base_t[rep] % 86_400
    add(
        all_ev[rep],
        start_s=np.where(village, day, start[rep]),
        end_s=np.where(village, day + 86_400, start[rep] + 3600),
        **lonlat(mx, my),
        radius_m=np.where(village, 5000.0, 8000.0),
        place_name=np.array(
            [f"V{int(a)}_{int(b)}" for a, b in zip(vx, vy, strict=True)], dtype=object
        ),
        act=complaint_acts[rep],
        source_kind=np.full(rep.size, "media", dtype=object),
        source_name=np.array([f"Outlet-{i % 7}" for i in range(rep.size)], dtype=object),
        reliability=np.full(rep.size, "C", dtype=object),
        credibility=np.full(rep.size, "4", dtype=object),
        derived_from=names[rep],
        alleged_perpetrator=PARTIES[1 - victim[rep]].astype(object),
        claimant=names[rep],
    )
    events = np.concatenate(event_of)
    columns = {name: np.concatenate(parts) for name, parts in cols.items()}
    size = events.size
    columns["key"] = np.array([f"k{i}" for i in range(size)], dtype=object)
    batch = VerificationBatch.from_columns(size, **columns)
    camera = np.zeros(n, dtype=bool)
    camera[events[(batch.source_kind == "sensor")]] = True
    return Scenario(batch, events, PARTIES[perp], seen_fire | camera, control_areas(front_km))


FLOATS = (
    "lon",
    "lat",
    "radius_m",
    "observer_lon",
    "observer_lat",
    "bearing_min_deg",
    "bearing_max_deg",
    "distance_min_m",
    "distance_max_m",
    "fire_from_bearing_deg",
    "start_s",
    "end_s",
)
FIELDS = (
    *FLOATS,
    "place_name",
    "act",
    "source_kind",
    "source_name",
    "reliability",
    "credibility",
    "derived_from",
    "alleged_perpetrator",
    "perception",
    "claimant",
)


def truth_rows(scenario: Scenario) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The scenario's truth as the simulator writes it (events.csv and observations.csv rows)."""
    events = [
        {
            "event_id": f"E{i:06d}",
            "perpetrator": str(p),
            "attributable": "true" if a else "false",
        }
        for i, (p, a) in enumerate(zip(scenario.perpetrator, scenario.attributable, strict=True))
    ]
    batch = scenario.batch
    observations = [
        {
            "source_name": str(s),
            "key": str(k),
            "event_id": f"E{e:06d}" if e >= 0 else "",
            "label": "true" if e >= 0 else "fabricated",
        }
        for s, k, e in zip(batch.source_name, batch.key, scenario.event_of.tolist(), strict=True)
    ]
    return events, observations
