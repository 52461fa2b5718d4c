"""The simulator's documented difficulty and the rules each channel follows."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

from ceasefire.core.simulate import Simulation, scenario_named, simulate
from ceasefire.core.simulate.frame import CHANNELS, sources
from ceasefire.core.simulate.front import geodesic
from ceasefire.workflows.simulate import energy_sites, gazetteer, load_front, run_scenario


@lru_cache(maxsize=8)
def default(seed: int = 1, days: int = 6) -> Simulation:
    return run_scenario(scenario_named("default").with_days(days), seed)


def channel(sim: Simulation, name: str) -> np.ndarray:
    return np.asarray(sim.rows["channel"] == CHANNELS.index(name))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_hottest_sector_has_at_least_20_events_per_10km_per_day(seed: int) -> None:
    figures = default(seed).figures
    assert figures["hottest_sector"] == "Pokrovsk"
    assert figures["hottest_sector_events_per_10km_per_day"] >= 20


def test_monitor_points_are_1_to_3_km_off_and_complaints_5_to_15_km() -> None:
    sim = default()
    for name, low, high in (("monitor_patrol", 1.0, 3.0), ("party_complaint", 5.0, 15.0)):
        rows = channel(sim, name) & (sim.rows["loc"] == 0) & (sim.rows["label"] == 0)
        event = sim.rows["event"][rows]
        _, d = geodesic(
            sim.rows["lon"][rows], sim.rows["lat"][rows], sim.lon[event], sim.lat[event]
        )
        assert len(d) > 100
        assert low - 0.05 <= d.min() / 1000 and d.max() / 1000 <= high + 0.05, name


def test_a_third_of_media_rows_name_only_a_place() -> None:
    figures = default().figures
    assert 0.28 <= figures["media_place_only_share"] <= 0.39


def test_fabricated_complaints_are_5_to_10_percent_and_tied_to_no_event() -> None:
    sim = default()
    complaints = channel(sim, "party_complaint")
    fabricated = complaints & (sim.rows["label"] == 1)
    assert 0.05 <= fabricated.sum() / complaints.sum() <= 0.10
    assert np.all(sim.rows["event"][fabricated] == -1)


def test_complaints_always_blame_the_other_side() -> None:
    sim = default()
    rows = channel(sim, "party_complaint")
    names = [s.name for s in sources(sim.scenario)]
    complainant = np.array(["UA" in names[i] for i in sim.rows["source"][rows]], dtype=int)
    assert np.all(sim.rows["alleged"][rows] == 1 - complainant)


def test_media_repeating_a_party_carry_its_provenance_and_datasets_the_outlet() -> None:
    sim = default()
    kinds = [s.kind for s in sources(sim.scenario)]
    media = channel(sim, "media") & (sim.rows["derived"] >= 0)
    assert media.sum() > 100
    assert {kinds[i] for i in sim.rows["derived"][media]} == {"party_official"}
    data = channel(sim, "dataset")
    assert {kinds[i] for i in sim.rows["derived"][data]} == {"media"}


def test_truth_ties_every_true_row_to_an_event_and_no_other() -> None:
    sim = default()
    true_rows = sim.rows["label"] == 0
    assert np.all(sim.rows["event"][true_rows] >= 0)
    assert np.all(sim.rows["event"][~true_rows] == -1)
    assert sim.figures["observations_by_label"]["invalid"] == 3


def test_heard_reports_bracket_the_true_bearing_and_distance_mostly() -> None:
    sim = default()
    rows = channel(sim, "monitor_patrol") & (sim.rows["loc"] == 1)
    event = sim.rows["event"][rows]
    bearing, distance = geodesic(
        sim.rows["olon"][rows], sim.rows["olat"][rows], sim.lon[event], sim.lat[event]
    )
    low, high = sim.rows["bmin"][rows], sim.rows["bmax"][rows]
    inside = ((bearing - low) % 360) <= ((high - low) % 360)
    near = (sim.rows["dmin"][rows] <= distance) & (distance <= sim.rows["dmax"][rows])
    assert inside.mean() > 0.9 and near.mean() > 0.99


def test_direction_of_fire_points_across_the_line_to_the_shooter() -> None:
    sim = default()
    rows = (sim.rows["fire_from"] >= 0) & channel(sim, "uav")
    event = sim.rows["event"][rows]
    front = load_front(sim.scenario.line_date)
    x, y = front.to_metric(sim.lon[event], sim.lat[event])
    angle = np.radians(sim.rows["fire_from"][rows])
    lon, lat = front.to_lonlat(x + 15_000 * np.sin(angle), y + 15_000 * np.cos(angle))
    held = front.controller(lon, lat)
    assert np.mean(held == sim.events.perp[event]) > 0.8


def test_same_seed_gives_the_same_rows_and_another_seed_does_not() -> None:
    front = load_front("2025-04-18")
    scenario = scenario_named("default").with_days(1)
    a = simulate(scenario, front, seed=7, places=gazetteer(), sites=energy_sites(front))
    b = simulate(scenario, front, seed=7, places=gazetteer(), sites=energy_sites(front))
    c = simulate(scenario, front, seed=8, places=gazetteer(), sites=energy_sites(front))
    assert all(np.array_equal(a.rows[k], b.rows[k], equal_nan=True) for k in a.rows)
    assert len(a.rows["event"]) != len(c.rows["event"]) or not np.array_equal(
        a.rows["start"], c.rows["start"]
    )


def test_quiet_is_quieter_than_default_and_dense_denser() -> None:
    counts = {
        name: run_scenario(scenario_named(name).with_days(1), 1).figures["events"]
        for name in ("quiet", "default", "dense")
    }
    assert counts["quiet"] * 5 < counts["default"] < counts["dense"] / 3


def test_energy_strikes_and_weapons_in_zones_happen() -> None:
    kinds = default().figures["events_by_kind"]
    assert kinds["energy_strike"] > 10 and kinds["weapon_in_zone"] > 30
