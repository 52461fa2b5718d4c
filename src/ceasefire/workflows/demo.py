"""``ceasefire demo``: the whole flow so far on the embedded default (SQLite).

simulate → ingest → verify → evaluate, all through the ordinary workflows: the five shipped
2025 agreements; the simulator's default scenario on the shipped line of contact (its
observations, party claims and patrol effort, with the ground truth in ``<demo dir>/truth/``);
the real UCDP GED candidate sample for Ukraine 2022-2023, the real party claims of the 2025
partial ceasefires and a generated file of declared weapon storage sites; then verification
into graded, attributed incidents, scored against the truth, and evaluation of the incidents
against the agreements' terms into findings with rule traces. Re-running in the same folder
adds nothing (imports are idempotent, verification and evaluation incremental).
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
from ceasefire.workflows.evaluate import EvaluateOutcome, evaluate_store
from ceasefire.workflows.ingest import ImportSummary, ingest_file
from ceasefire.workflows.score import score_store
from ceasefire.workflows.simulate import run_simulation
from ceasefire.workflows.stats import store_stats
from ceasefire.workflows.verify import VerifyOutcome, verify

SCENARIO = "default"
SEED = 2025
SHIPPED_FILES = (
    "ucdp_ged_candidate_ukraine_2022-2023_subset.csv",  # real (UCDP, CC BY 4.0)
    "claims_2025_partial_ceasefires.csv",  # real (the parties' published claims)
    "storage_sites_generated_2025-04.csv",  # generated: declared weapon storage sites
)
SIMULATED_FILES = ("observations.csv", "claims.csv", "effort.csv")


@dataclass
class DemoResult:
    """What the demo built."""

    database: str
    agreements: list[AgreementSummary] = field(default_factory=list)
    imports: list[ImportSummary] = field(default_factory=list)
    verification: VerifyOutcome | None = None
    evaluation: EvaluateOutcome | None = None
    scores: dict[str, float | int | None] = field(default_factory=dict)
    stats: dict[str, int] = field(default_factory=dict)


def demo_files() -> list[Path]:
    """The shipped data files the demo ingests (``ceasefire/data/demo``)."""
    folder = Path(str(resources.files("ceasefire") / "data" / "demo"))
    return [folder / name for name in SHIPPED_FILES]


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
        say("evaluating incidents against the agreements' terms, per party version")
        result.evaluation = evaluate_store(store, actor)
        say("scoring the incidents against the simulator's ground truth")
        result.scores = score_store(store, directory)
        result.agreements = list_agreements(store)
        result.stats = store_stats(store)
    finally:
        store.close()
    return result
