"""The mission's own channels: monitor patrols, fixed cameras and UAV imagery.

Monitors report an event they saw as a point 1-3 km off with the assessed direction the fire
came from; an event they only heard as their own position with bearing and distance ranges
(the ``sector`` form). Cameras at fixed positions and UAV imagery are precise; imagery shows
the launch side, so it names the party that fired.
"""

from __future__ import annotations

import numpy as np

from ceasefire.core.simulate.events import CODE, FIRE, Events
from ceasefire.core.simulate.frame import ACT, CHANNELS, TABLES, Frame, concat, frame, source_index
from ceasefire.core.simulate.front import Floats, Front, Ints, geodesic, offset
from ceasefire.core.simulate.scenario import Scenario

PERCEPTION = {name: i for i, name in enumerate(TABLES["perception"])}
CONFUSED = {
    "shelling.mortar": "shelling.artillery",
    "shelling.artillery": "shelling.mortar",
    "drone_strike.fpv": "drone_strike.bomb_drop",
    "drone_strike.bomb_drop": "drone_strike.fpv",
}
_BURST = np.array([CODE["act"][f.act] for f in FIRE if f.signature == "burst"])


def confused_acts(act: Ints, share: float, rng: np.random.Generator) -> Ints:
    """Acts with mortar/artillery and FPV/bomb-drop confused in ``share`` of the rows."""
    table = np.arange(len(TABLES["act"]))
    for a, b in CONFUSED.items():
        table[ACT[a]] = ACT[b]
    swap = rng.random(len(act)) < share
    return np.where(swap, table[act], act)


def signatures(events: Events, index: Ints, factor: Floats) -> tuple[Ints, Ints]:
    """(explosions, bursts) counts scaled by ``factor``; -1 where the kind does not apply."""
    counts = np.maximum(1, np.rint(events.signatures[index] * factor)).astype(np.int64)
    is_fire = events.kind[index] <= CODE["kind"]["energy_strike"]
    burst = np.isin(events.act[index], _BURST)
    return np.where(is_fire & ~burst, counts, -1), np.where(is_fire & burst, counts, -1)


def _fire_from(
    lon: Floats, lat: Floats, flon: Floats, flat: Floats, *, sd: float, rng: np.random.Generator
) -> Ints:
    azimuth, _ = geodesic(lon, lat, flon, flat)
    return np.rint(azimuth + rng.normal(0, sd, len(lon))).astype(np.int64) % 360


def monitor_rows(
    events: Events, lonlat: tuple[Floats, Floats, Floats, Floats], front: Front,
    scenario: Scenario, rng: np.random.Generator,
) -> Frame:  # fmt: skip
    """Patrol reports: one team, sometimes a second; seen (point) or heard (sector)."""
    lon, lat, flon, flat = lonlat
    rates = scenario.rates
    cover = np.array([s.patrol_cover for s in scenario.sectors])[events.sector]
    kind = events.kind
    p = np.where(kind == CODE["kind"]["fire"], cover, 0.0)
    p = np.where(kind == CODE["kind"]["weapon_in_zone"], 0.5, p)
    p = np.where(kind == CODE["kind"]["interference"], 1.0, p)
    first = np.flatnonzero(rng.random(len(events)) < p)
    second = first[
        (rng.random(len(first)) < rates.second_monitor) & (kind[first] == CODE["kind"]["fire"])
    ]
    index = np.concatenate([first, second])
    team = events.sector[index] * 2 + (np.arange(len(index)) >= len(first))
    n = len(index)
    fire = kind[index] == CODE["kind"]["fire"]
    seen = ~fire | (rng.random(n) < rates.monitor_seen)
    x, y = front.to_metric(lon[index], lat[index])
    km = rng.uniform(*rates.monitor_point_km, n) * 1000
    px, py = front.to_lonlat(*offset(x, y, km, rng))
    # heard: the observer 3-12 km away, bearing and distance ranges around the truth
    ox, oy = offset(x, y, rng.uniform(3000, 12_000, n), rng)
    olon, olat = front.to_lonlat(ox, oy)
    bearing, dist = geodesic(olon, olat, lon[index], lat[index])
    centre = bearing + rng.normal(0, 4, n)
    half = rng.uniform(8, 20, n)
    act = confused_acts(events.act[index], rates.act_confusion, rng)
    heard_generic = ~seen & (rng.random(n) < 0.3)
    act = np.where(heard_generic & (act <= ACT["shelling.tank"]), ACT["shelling"], act)
    explosions, bursts = signatures(events, index, rng.uniform(0.7, 1.1, n))
    has_fire_from = seen & fire & (rng.random(n) < 0.85)
    interference = kind[index] == CODE["kind"]["interference"]
    sightings = kind[index] == CODE["kind"]["weapon_in_zone"]
    start = (events.t[index] + rng.normal(0, 120, n).astype(np.int64)) // 60 * 60
    return frame(
        n,
        event=index,
        channel=CHANNELS.index("monitor_patrol"),
        source=team,
        start=start,
        end=start + events.duration[index] // 60 * 60 + 60,
        precision=0,
        tz=1,
        reported=events.t[index] + rng.integers(3600, 6 * 3600, n),
        loc=np.where(seen, 0, 1),
        lon=np.where(seen, px, np.nan),
        lat=np.where(seen, py, np.nan),
        radius=np.where(seen, 3000, -1),
        olon=np.where(seen, np.nan, olon),
        olat=np.where(seen, np.nan, olat),
        bmin=np.where(seen, -1, np.rint(centre - half).astype(np.int64) % 360),
        bmax=np.where(seen, -1, np.rint(centre + half).astype(np.int64) % 360),
        dmin=np.where(seen, -1, np.rint(dist * rng.uniform(0.5, 0.85, n)).astype(np.int64)),
        dmax=np.where(seen, -1, np.rint(dist * rng.uniform(1.15, 1.6, n)).astype(np.int64)),
        fire_from=np.where(
            has_fire_from,
            _fire_from(lon[index], lat[index], flon[index], flat[index], sd=8, rng=rng),
            -1,
        ),
        act=act,
        weapon=np.where(sightings, events.weapon[index], -1),
        calibre=np.where(sightings, events.calibre[index], -1),
        model=np.where(sightings, events.model[index], -1),
        wcount=np.where(sightings, events.count[index], -1),
        sig_explosion=explosions,
        sig_burst=bursts,
        perception=np.where(
            seen, np.where(fire, PERCEPTION["seen_and_heard"], PERCEPTION["seen"]), 1
        ),
        alleged=np.where(interference, events.perp[index], -1),
        credibility=np.where(seen, 1, 2),
        text=np.where(interference, 2, np.where(sightings, 1, 0)),
    )


def camera_positions(front: Front, scenario: Scenario) -> tuple[Floats, Floats]:
    """Camera positions (metric) per sector, padded with NaN: (x, y) each (sectors, most)."""
    from ceasefire.core.simulate.events import sector_bounds

    start, end, _ = sector_bounds(front, scenario)
    most = max(s.cameras for s in scenario.sectors)
    cx = np.full((len(scenario.sectors), most), np.nan)
    cy = np.full_like(cx, np.nan)
    for i, sector in enumerate(scenario.sectors):  # tens of cameras, not events
        along = start[i] + (np.arange(sector.cameras) + 0.5) / sector.cameras * (end[i] - start[i])
        px, py, nx, ny = front.frame_at(along)
        sign = -front.side_sign(px, py, nx, ny)  # on Ukrainian-held ground, 3 km back
        cx[i, : sector.cameras] = px + sign * nx * 3000
        cy[i, : sector.cameras] = py + sign * ny * 3000
    return cx, cy


def camera_rows(
    events: Events, lonlat: tuple[Floats, Floats, Floats, Floats], front: Front,
    scenario: Scenario, rng: np.random.Generator,
) -> Frame:  # fmt: skip
    """Fixed cameras: fire within range of a camera of the event's sector, seen precisely."""
    lon, lat, flon, flat = lonlat
    cx, cy = camera_positions(front, scenario)
    x, y = front.to_metric(lon, lat)
    d = np.hypot(cx[events.sector] - x[:, None], cy[events.sector] - y[:, None])
    d = np.where(np.isnan(d), np.inf, d)
    nearest = np.argmin(d, axis=1)
    in_view = (d[np.arange(len(events)), nearest] < scenario.rates.camera_range_km * 1000) & (
        events.kind == CODE["kind"]["fire"]
    )
    index = np.flatnonzero(in_view & (rng.random(len(events)) < 0.8))
    n = len(index)
    first_camera = np.concatenate([[0], np.cumsum([s.cameras for s in scenario.sectors])])
    camera = (
        source_index(scenario)[f"sim: camera {scenario.sectors[0].name} 1"]
        + first_camera[events.sector[index]]
        + nearest[index]
    )
    px, py = front.to_lonlat(*offset(x[index], y[index], rng.uniform(50, 300, n), rng))
    start = events.t[index] + rng.integers(-30, 31, n)
    return frame(
        n,
        event=index,
        channel=CHANNELS.index("camera"),
        source=camera,
        start=start,
        end=start + events.duration[index],
        precision=0,
        tz=0,
        reported=events.t[index] + rng.integers(600, 3600, n),
        loc=0,
        lon=px,
        lat=py,
        radius=300,
        fire_from=np.where(
            rng.random(n) < 0.5,
            _fire_from(lon[index], lat[index], flon[index], flat[index], sd=5, rng=rng),
            -1,
        ),
        act=confused_acts(events.act[index], scenario.rates.act_confusion / 3, rng),
        sig_explosion=signatures(events, index, np.ones(n))[0],
        perception=PERCEPTION["imagery"],
        credibility=1,
        text=3,
    )


def uav_rows(
    events: Events, lonlat: tuple[Floats, Floats, Floats, Floats], front: Front,
    scenario: Scenario, rng: np.random.Generator,
) -> Frame:  # fmt: skip
    """UAV imagery: precise, and the launch side is visible, so it names who fired."""
    lon, lat, flon, flat = lonlat
    p = np.where(events.kind == CODE["kind"]["fire"], scenario.rates.uav, 0.0)
    p = np.where(events.kind == CODE["kind"]["weapon_in_zone"], 0.3, p)
    index = np.flatnonzero(rng.random(len(events)) < p)
    n = len(index)
    x, y = front.to_metric(lon[index], lat[index])
    px, py = front.to_lonlat(*offset(x, y, rng.uniform(20, 100, n), rng))
    fire = events.kind[index] == CODE["kind"]["fire"]
    sightings = ~fire
    start = events.t[index] + rng.integers(-60, 61, n)
    return frame(
        n,
        event=index,
        channel=CHANNELS.index("uav"),
        source=source_index(scenario)["sim: mission UAV unit"],
        start=start,
        end=start + events.duration[index],
        precision=0,
        tz=0,
        reported=events.t[index] + rng.integers(1800, 4 * 3600, n),
        loc=0,
        lon=px,
        lat=py,
        radius=100,
        fire_from=np.where(
            fire, _fire_from(lon[index], lat[index], flon[index], flat[index], sd=3, rng=rng), -1
        ),
        act=events.act[index],
        weapon=np.where(sightings, events.weapon[index], -1),
        calibre=np.where(sightings, events.calibre[index], -1),
        model=np.where(sightings, events.model[index], -1),
        wcount=np.where(sightings, events.count[index], -1),
        perception=PERCEPTION["imagery"],
        alleged=events.perp[index],
        credibility=0,
        text=4,
    )


def mission_rows(
    events: Events, lonlat: tuple[Floats, Floats, Floats, Floats], front: Front,
    scenario: Scenario, rng: np.random.Generator,
) -> Frame:  # fmt: skip
    """Rows of all three mission channels."""
    return concat(
        [
            monitor_rows(events, lonlat, front, scenario, rng),
            camera_rows(events, lonlat, front, scenario, rng),
            uav_rows(events, lonlat, front, scenario, rng),
        ]
    )
