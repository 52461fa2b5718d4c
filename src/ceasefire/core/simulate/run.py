"""Run a scenario: true events, every channel's rows, and the difficulty figures achieved.

>>> from shapely.geometry import LineString, box
>>> front = Front.build(LineString([(37.0, 47.0), (37.2, 48.5)]),
...                     {"RU": box(37.1, 46.0, 40.0, 50.0), "UA": box(34.0, 46.0, 37.1, 50.0)})
>>> from ceasefire.core.simulate.scenario import Sector, Scenario
>>> sc = Scenario("tiny", "doctest", days=1, sectors=(Sector("S", 37.1, 47.7, 20.0, 0.3, 1),))
>>> sim = simulate(sc, front, seed=1)
>>> sim.figures["events"] > 100, len(sim.rows["event"]) > len(sim.events) // 2
(True, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ceasefire.core.simulate.channels import camera_positions, mission_rows
from ceasefire.core.simulate.events import CODE, Events, Sites, sector_bounds, true_events
from ceasefire.core.simulate.frame import CHANNELS, LABELS, Frame, concat, take
from ceasefire.core.simulate.front import Floats, Front, geodesic
from ceasefire.core.simulate.reports import (
    Gazetteer,
    complaint_rows,
    dataset_rows,
    invalid_rows,
    media_rows,
)
from ceasefire.core.simulate.scenario import Scenario

NO_SITES = Sites((), np.zeros(0), np.zeros(0), ())
NO_PLACES = Gazetteer((), (), np.zeros(0), np.zeros(0))
MINSK_ZONES_M = {"mlrs.light": 35_000, "mlrs.heavy": 70_000, "artillery.towed": 25_000,
                 "tank": 15_000, "mortar": 15_000}  # fmt: skip
"""Default withdrawal distances (Minsk II and the 2015 addendum) when no agreement is given."""


@dataclass
class Simulation:
    """A scenario's output as columns: events, observation rows and their figures."""

    scenario: Scenario
    seed: int
    events: Events
    lon: Floats
    lat: Floats
    attributable: np.ndarray
    rows: Frame
    places: Gazetteer
    figures: dict[str, Any] = field(default_factory=dict)
    sensors: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Sensor name (without ``sim: ``) → longitude, latitude."""


def simulate(
    scenario: Scenario,
    front: Front,
    *,
    seed: int,
    sites: Sites = NO_SITES,
    places: Gazetteer = NO_PLACES,
    zones_m: Mapping[str, int] = MINSK_ZONES_M,
) -> Simulation:
    """Generate ``scenario`` on ``front`` with a generator seeded by ``seed``."""
    rng = np.random.default_rng(seed)
    events = true_events(front, scenario, sites, zones_m, rng)
    lon, lat = front.to_lonlat(events.x, events.y)
    flon, flat = front.to_lonlat(events.fx, events.fy)
    mission = mission_rows(events, (lon, lat, flon, flat), front, scenario, rng)
    complaints = complaint_rows(events, (lon, lat), front, scenario, rng)
    media = media_rows(events, (lon, lat), complaints, places, scenario=scenario, rng=rng)
    data = dataset_rows(media, places, scenario, rng)
    rows = concat([mission, complaints, media, data, invalid_rows(scenario)])
    when = np.where(rows["start"] >= 0, rows["start"], rows["day"])
    rows = take(rows, np.lexsort((rows["channel"], when)))
    attributable = _attributable(events, rows)
    sim = Simulation(scenario, seed, events, lon, lat, attributable, rows, places)
    sim.figures = figures(sim, front)
    sim.sensors = _sensors(front, scenario)
    return sim


def _sensors(front: Front, scenario: Scenario) -> dict[str, tuple[float, float]]:
    cx, cy = camera_positions(front, scenario)
    lon, lat = front.to_lonlat(cx.ravel(), cy.ravel())
    most = cx.shape[1]
    out = {}
    for i, sector in enumerate(scenario.sectors):  # tens of cameras
        for k in range(sector.cameras):
            out[f"camera {sector.name} {k + 1}"] = (
                float(lon[i * most + k]),
                float(lat[i * most + k]),
            )
    ok = ~np.isnan(lon)
    out["mission UAV unit"] = (float(np.mean(lon[ok])), float(np.mean(lat[ok])))
    return out


def _attributable(events: Events, rows: Frame) -> np.ndarray:
    """Events some mission row could attribute: direction of fire, imagery, a sighting."""
    mission = rows["channel"] <= CHANNELS.index("uav")
    basis = mission & ((rows["fire_from"] >= 0) | (rows["channel"] == CHANNELS.index("uav")))
    presence = mission & (rows["event"] >= 0)
    presence[presence] = events.kind[rows["event"][presence]] >= CODE["kind"]["weapon_in_zone"]
    out = np.zeros(len(events), dtype=bool)
    out[rows["event"][basis | presence]] = True
    return out


def _km_range(values: Floats) -> list[float]:
    return [round(float(values.min()), 2), round(float(values.max()), 2)] if len(values) else []


def figures(sim: Simulation, front: Front) -> dict[str, Any]:
    """Counts and the difficulty actually achieved (see docs/simulator.md)."""
    rows, events, scenario = sim.rows, sim.events, sim.scenario
    start, end, _ = sector_bounds(front, scenario)
    per_sector = np.bincount(events.sector, minlength=len(scenario.sectors))
    density = per_sector / ((end - start) / 10_000) / scenario.days
    hottest = int(np.argmax(density))
    channel = rows["channel"]
    point = (rows["loc"] == 0) & (rows["event"] >= 0) & (rows["label"] == 0)

    def noise_km(name: str) -> Floats:
        mask = point & (channel == CHANNELS.index(name)) & ~np.isnan(rows["lon"])
        e = rows["event"][mask]
        _, d = geodesic(rows["lon"][mask], rows["lat"][mask], sim.lon[e], sim.lat[e])
        return d / 1000

    complaints = channel == CHANNELS.index("party_complaint")
    media = channel == CHANNELS.index("media")
    labels = np.bincount(rows["label"], minlength=len(LABELS))
    return {
        "events": len(events),
        "events_by_kind": {k: int(np.sum(events.kind == i)) for i, k in enumerate(CODE["kind"])},
        "attributable_events": int(sim.attributable.sum()),
        "own_ground_fire_events": int(
            np.sum(
                (events.kind == CODE["kind"]["fire"])
                & (front.controller(sim.lon, sim.lat) == events.perp)
            )
        ),
        "observations": len(channel),
        "observations_by_channel": {
            name: int(np.sum(channel == i)) for i, name in enumerate(CHANNELS)
        },
        "observations_by_label": {name: int(labels[i]) for i, name in enumerate(LABELS)},
        "sector_events_per_10km_per_day": {
            s.name: round(float(density[i]), 2) for i, s in enumerate(scenario.sectors)
        },
        "sector_length_km": {
            s.name: round(float(end[i] - start[i]) / 1000, 1)
            for i, s in enumerate(scenario.sectors)
        },
        "hottest_sector": scenario.sectors[hottest].name,
        "hottest_sector_events_per_10km_per_day": round(float(density[hottest]), 2),
        "monitor_point_noise_km": _km_range(noise_km("monitor_patrol")),
        "complaint_noise_km": _km_range(noise_km("party_complaint")),
        "media_place_only_share": round(
            float(np.mean(rows["loc"][media & (rows["label"] < 2)] == 2)) if media.any() else 0.0, 4
        ),
        "fabricated_complaint_share": round(
            float(np.mean(rows["label"][complaints] == 1)) if complaints.any() else 0.0, 4
        ),
    }
