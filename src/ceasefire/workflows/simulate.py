"""``ceasefire simulate``: run a scenario on the shipped geography and write its files.

DIR/observations.csv (our CSV layout), DIR/claims.csv (party-claims), DIR/effort.csv
(effort-csv), DIR/truth/events.csv, DIR/truth/observations.csv, DIR/truth/violations.csv (the
shipped agreements' terms applied to the true events, see docs/simulator.md) and
DIR/truth/scenario.json, as docs/verification-contract.md describes. The same scenario and seed
give byte-identical files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ceasefire.core.access import Permission, acting, authorize
from ceasefire.core.actor import Actor
from ceasefire.core.simulate import (
    TRUTH_EVENT_COLUMNS,
    TRUTH_OBSERVATION_COLUMNS,
    Front,
    Gazetteer,
    Scenario,
    Simulation,
    Sites,
    claim_rows,
    effort_rows,
    observation_columns,
    scenario_named,
    simulate,
    truth_event_columns,
    truth_observation_columns,
)
from ceasefire.core.simulate.violations import (
    VIOLATION_COLUMNS,
    Labels,
    TrueEvents,
    label_violations,
)
from ceasefire.ingest.agreement_files import load_layer, read_agreement, shipped_agreement_paths
from ceasefire.ingest.places import shipped_places, shipped_power_plants
from ceasefire.ingest.simulation_files import (
    write_claims_csv,
    write_csv_blocks,
    write_effort_csv,
    write_json,
)
from ceasefire.ingest.writers import write_observations_csv

BLOCK_ROWS = 50_000
WITHDRAWAL_AGREEMENT = "example_minsk_ii_withdrawal_2025.yaml"
ZONE_CLASSES = {
    "mlrs.light": ("M2-2", "mlrs"),
    "mlrs.heavy": ("M2-2", "long_range_mlrs_missiles"),
    "artillery.towed": ("M2-2", "artillery_100mm_plus"),
    "tank": ("AD-1", "addendum_weapons"),
    "mortar": ("AD-1", "addendum_weapons"),
}
"""Weapon type of the weapons moved into zones → (term, weapon class) of the Minsk example."""
PLANT_TARGETS = {"Coal": "energy.generation", "Gas": "energy.generation", "Hydro": "energy.dam"}


@dataclass
class SimulationSummary:
    """What was written."""

    directory: str
    scenario: str
    seed: int
    files: dict[str, int]
    figures: dict[str, Any]


def load_front(line_date: str) -> Front:
    """The shipped line of contact and control areas of ``line_date`` as a :class:`Front`."""
    line = load_layer(f"package:line_of_contact_{line_date}.geojson")
    control = {
        p: load_layer(f"package:control_{line_date}.geojson#party={p}") for p in ("RU", "UA")
    }
    return Front.build(line, control)


def withdrawal_distances() -> dict[str, int]:
    """Zone distance (m) per weapon type, from the shipped Minsk II-style example (UA's version)."""
    path = next(p for p in shipped_agreement_paths() if p.name == WITHDRAWAL_AGREEMENT)
    agreement = read_agreement(path)
    out = {}
    for weapon, (term_id, weapon_class) in ZONE_CLASSES.items():
        term = agreement.term(term_id)
        if term is not None and "UA" in term.versions:
            out[weapon] = int(term.versions["UA"].withdrawal_m[weapon_class])
    return out


def gazetteer() -> Gazetteer:
    """Places of the shipped GeoNames extract (population 500 or more)."""
    places = shipped_places(min_population=500)
    return Gazetteer(
        tuple(p.name for p in places),
        tuple(p.admin1 for p in places),
        np.array([p.lon for p in places]),
        np.array([p.lat for p in places]),
    )


def energy_sites(front: Front) -> Sites:
    """Registry power plants (coal, gas, hydro) on ground Ukraine holds."""
    plants = [p for p in shipped_power_plants() if p.fuel in PLANT_TARGETS]
    lon = np.array([p.lon for p in plants])
    lat = np.array([p.lat for p in plants])
    held = shapely.contains_xy(front.control[1], lon, lat)
    keep = [i for i in range(len(plants)) if held[i]]
    return Sites(
        tuple(plants[i].name for i in keep),
        lon[keep],
        lat[keep],
        tuple(PLANT_TARGETS[plants[i].fuel] for i in keep),
    )


def run_scenario(scenario: Scenario, seed: int) -> Simulation:
    """Simulate ``scenario`` on its shipped geography (no files written)."""
    front = load_front(scenario.line_date)
    return simulate(
        scenario,
        front,
        seed=seed,
        sites=energy_sites(front),
        places=gazetteer(),
        zones_m=withdrawal_distances(),
    )


def true_violations(sim: Simulation) -> tuple[TrueEvents, Labels]:
    """The shipped agreements' terms applied to ``sim``'s true events (``truth/violations.csv``)."""
    agreements = [read_agreement(path) for path in shipped_agreement_paths()]
    events = TrueEvents.of(sim.events, sim.lon, sim.lat)
    return events, label_violations(agreements, events, load_layer)


class _Blocks:
    """Formats rows a block at a time and keeps the latest block for the columns that ask."""

    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.size = len(sim.rows["event"])
        self.block = -1
        self.columns: dict[str, list[str | None]] = {}

    def cell(self, name: str, i: int) -> str | None:
        block = i // BLOCK_ROWS
        if block != self.block:
            lo = block * BLOCK_ROWS
            self.columns = observation_columns(self.sim, lo, min(lo + BLOCK_ROWS, self.size))
            self.block = block
        return self.columns[name][i % BLOCK_ROWS]


class _Column(Sequence[str | None]):
    """One observation column, formatted on demand (so a million rows never sit in memory)."""

    def __init__(self, blocks: _Blocks, name: str) -> None:
        self.blocks, self.name = blocks, name

    def __len__(self) -> int:
        return self.blocks.size

    def __getitem__(self, i: Any) -> Any:
        return self.blocks.cell(self.name, i)


def _lazy_columns(sim: Simulation) -> Mapping[str, Sequence[str | None]]:
    blocks = _Blocks(sim)
    names = observation_columns(sim, 0, min(1, blocks.size)).keys()
    return {name: _Column(blocks, name) for name in names}


def _blocks(
    size: int, columns: Any, sim: Simulation
) -> Iterator[Mapping[str, Sequence[str | None]]]:
    for lo in range(0, size, BLOCK_ROWS):
        yield columns(sim, lo, min(lo + BLOCK_ROWS, size))


def write_simulation(sim: Simulation, out: Path) -> dict[str, int]:
    """Write every file of ``sim`` under ``out``; return rows written per file."""
    truth = out / "truth"
    truth.mkdir(parents=True, exist_ok=True)
    size = len(sim.rows["event"])
    events, labels = true_violations(sim)
    files = {
        "observations.csv": write_observations_csv(out / "observations.csv", _lazy_columns(sim)),
        "claims.csv": write_claims_csv(out / "claims.csv", claim_rows(sim)),
        "effort.csv": write_effort_csv(out / "effort.csv", effort_rows(sim)),
        "truth/events.csv": write_csv_blocks(
            truth / "events.csv",
            TRUTH_EVENT_COLUMNS,
            _blocks(len(sim.events), truth_event_columns, sim),
        ),
        "truth/observations.csv": write_csv_blocks(
            truth / "observations.csv",
            TRUTH_OBSERVATION_COLUMNS,
            _blocks(size, truth_observation_columns, sim),
        ),
        "truth/violations.csv": write_csv_blocks(
            truth / "violations.csv",
            VIOLATION_COLUMNS,
            (
                labels.columns(events, lo, lo + BLOCK_ROWS)
                for lo in range(0, len(labels), BLOCK_ROWS)
            ),
        ),
    }
    write_json(
        truth / "scenario.json",
        {
            "scenario": sim.scenario.name,
            "seed": sim.seed,
            "parameters": _parameters(sim.scenario),
            "figures": sim.figures,
            "true_violations": labels.counts(),
            "files": files,
        },
    )
    return files


def _parameters(scenario: Scenario) -> dict[str, Any]:
    value = dataclasses.asdict(scenario)
    value["sectors"] = [dataclasses.asdict(s) for s in scenario.sectors]
    return value


def run_simulation(
    name: str,
    seed: int,
    out: Path,
    *,
    days: int | None = None,
    intensity: float | None = None,
    actor: Actor | None = None,
) -> SimulationSummary:
    """Simulate the scenario called ``name`` and write its files to ``out``."""
    authorize(acting(actor), Permission.SIMULATE)
    scenario = scenario_named(name)
    if days is not None:
        scenario = dataclasses.replace(scenario, days=days)
    if intensity is not None:
        scenario = dataclasses.replace(scenario, intensity=intensity)
    sim = run_scenario(scenario, seed)
    files = write_simulation(sim, out)
    return SimulationSummary(str(out), scenario.name, seed, files, sim.figures)
