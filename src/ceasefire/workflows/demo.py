"""``ceasefire demo``: a store with the shipped agreements and a dataset on real geography.

What goes in, all through the ordinary intake: the five shipped 2025 agreements; generated
observations along the line of contact of 18 April 2025 (marked ``generated:``, written to
``generated_observations.csv`` in the demo folder); the real UCDP GED candidate sample for
Ukraine 2022-2023; the real party claims of the 2025 partial ceasefires.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from shapely.geometry import LineString, MultiLineString

from ceasefire.core.actor import Actor
from ceasefire.core.errors import ConfigurationError
from ceasefire.core.synthetic import synthetic_observations
from ceasefire.ingest.agreement_files import load_layer
from ceasefire.ingest.places import shipped_places, shipped_power_plants
from ceasefire.ingest.writers import write_observations_csv
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.agreements import (
    AgreementSummary,
    list_agreements,
    load_shipped_agreements,
)
from ceasefire.workflows.ingest import ImportSummary, ingest_file
from ceasefire.workflows.stats import store_stats

LINE_DATE = "2025-04-18"
DEMO_FILES = (
    "ucdp_ged_candidate_ukraine_2022-2023_subset.csv",
    "claims_2025_partial_ceasefires.csv",
)


@dataclass
class DemoResult:
    """What the demo built."""

    database: str
    agreements: list[AgreementSummary] = field(default_factory=list)
    imports: list[ImportSummary] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)


def demo_files() -> list[Path]:
    """The real data files the demo ingests (shipped in ``ceasefire/data/demo``)."""
    folder = Path(str(resources.files("ceasefire") / "data" / "demo"))
    return [folder / name for name in DEMO_FILES]


def run_demo(
    directory: Path,
    actor: Actor,
    settings: Settings,
    *,
    events_per_day: int = 400,
    say: Callable[[str], None] = lambda _: None,
) -> DemoResult:
    """Build (or bring up to date) the demo store in ``directory``; re-running adds nothing."""
    directory.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{directory.resolve() / 'ceasefire.db'}"
    store = Store.open(url)
    result = DemoResult(database=url)
    try:
        say("loading the shipped agreements")
        load_shipped_agreements(store, actor)
        say("generating observations on the line of contact of " + LINE_DATE)
        generated = directory / "generated_observations.csv"
        line = load_layer(f"package:line_of_contact_{LINE_DATE}.geojson")
        if not isinstance(line, LineString | MultiLineString):
            raise ConfigurationError(f"the shipped line of contact {LINE_DATE} is not a line")
        control = {
            party: load_layer(f"package:control_{LINE_DATE}.geojson#party={party}")
            for party in ("RU", "UA")
        }
        columns = synthetic_observations(
            line,
            control,
            shipped_places(min_population=2000),
            shipped_power_plants(),
            events_per_day=events_per_day,
        )
        write_observations_csv(generated, columns)
        for path in (generated, *demo_files()):
            say(f"ingesting {path.name}")
            result.imports.append(ingest_file(store, actor, path, settings=settings))
        result.agreements = list_agreements(store)
        result.stats = store_stats(store)
    finally:
        store.close()
    return result
