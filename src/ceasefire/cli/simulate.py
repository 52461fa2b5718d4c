"""``ceasefire simulate``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from ceasefire.cli.context import errors_reported, stderr
from ceasefire.workflows.simulate import run_simulation


def simulate(
    ctx: typer.Context,
    scenario: str = typer.Option("default", "--scenario", help="default, quiet or dense"),
    seed: int = typer.Option(2025, "--seed", min=0, help="seed of the random generator"),
    out: Path = typer.Option(Path("simulation"), "--out", help="folder for the files"),
    days: int | None = typer.Option(
        None, "--days", min=1, max=366, help="days to simulate (default: the scenario's)"
    ),
    intensity: float | None = typer.Option(
        None, "--intensity", min=0.0, max=1000.0, help="multiply every sector's intensity"
    ),
) -> None:
    """Simulate a scenario on the shipped 2025 front: observations, claims, effort and truth.

    Writes OUT/observations.csv, OUT/claims.csv, OUT/effort.csv and OUT/truth/ (events,
    observations, scenario.json); see docs/simulator.md. The same scenario and seed give
    byte-identical files.
    """
    with errors_reported(ctx):
        stderr.print(f"· simulating scenario {scenario} with seed {seed}", highlight=False)
        summary = run_simulation(scenario, seed, out, days=days, intensity=intensity)
    console = Console(width=120)
    for name, rows in summary.files.items():
        console.print(f"{out / name}: {rows:,} rows")
    figures = summary.figures
    console.print(
        f"hottest sector {figures['hottest_sector']}: "
        f"{figures['hottest_sector_events_per_10km_per_day']} events per 10 km per day; "
        f"fabricated complaints {figures['fabricated_complaint_share']:.1%}; "
        f"media with place names only {figures['media_place_only_share']:.1%}"
    )
    console.print(f"Next: ceasefire ingest {out / 'observations.csv'}")
