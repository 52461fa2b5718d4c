"""``ceasefire demo``: the whole flow so far on the embedded default (SQLite).

simulate → ingest → verify, all through the ordinary workflows: the five shipped 2025
agreements; the simulator's default scenario on the shipped line of contact (its observations,
party claims and patrol effort, with the ground truth in ``<demo dir>/truth/``); the real UCDP
GED candidate sample for Ukraine 2022-2023 and the real party claims of the 2025 partial
ceasefires; then verification into graded, attributed incidents, scored against the truth.
Re-running in the same folder adds nothing (imports are idempotent, verification incremental).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ceasefire.core.actor import Actor
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.agreements import (
    AgreementSummary,
    list_agreements,
    load_shipped_agreements,
)
from ceasefire.workflows.ingest import ImportSummary, ingest_file
from ceasefire.workflows.score import score_store
from ceasefire.workflows.simulate import run_simulation
from ceasefire.workflows.stats import store_stats
from ceasefire.workflows.verify import VerifyOutcome, verify

SCENARIO = "default"
SEED = 2025
REAL_FILES = (
    "ucdp_ged_candidate_ukraine_2022-2023_subset.csv",
    "claims_2025_partial_ceasefires.csv",
)
SIMULATED_FILES = ("observations.csv", "claims.csv", "effort.csv")


@dataclass
class DemoResult:
    """What the demo built."""

    database: str
    agreements: list[AgreementSummary] = field(default_factory=list)
    imports: list[ImportSummary] = field(default_factory=list)
    verification: VerifyOutcome | None = None
    scores: dict[str, float | int | None] = field(default_factory=dict)
    stats: dict[str, int] = field(default_factory=dict)


def demo_files() -> list[Path]:
    """The real data files the demo ingests (shipped in ``ceasefire/data/demo``)."""
    folder = Path(str(resources.files("ceasefire") / "data" / "demo"))
    return [folder / name for name in REAL_FILES]


def run_demo(
    directory: Path,
    actor: Actor,
    settings: Settings,
    *,
    days: int | None = None,
    say: Callable[[str], None] = lambda _: None,
) -> DemoResult:
    """Build (or bring up to date) the demo store in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{directory.resolve() / 'ceasefire.db'}"
    store = Store.open(url)
    result = DemoResult(database=url)
    try:
        say("loading the shipped agreements")
        load_shipped_agreements(store, actor)
        say(f"simulating scenario {SCENARIO} (seed {SEED}); ground truth in {directory}/truth")
        run_simulation(SCENARIO, SEED, directory, days=days)
        simulated = [directory / name for name in SIMULATED_FILES if (directory / name).exists()]
        for path in (*simulated, *demo_files()):
            say(f"ingesting {path.name}")
            result.imports.append(ingest_file(store, actor, path, settings=settings))
        say("verifying: observations → graded, attributed incidents")
        result.verification = verify(store, actor)
        say("scoring the incidents against the simulator's ground truth")
        result.scores = score_store(store, directory)
        result.agreements = list_agreements(store)
        result.stats = store_stats(store)
    finally:
        store.close()
    return result
