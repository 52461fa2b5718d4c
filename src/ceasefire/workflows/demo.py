"""``ceasefire demo``: the whole flow so far on the embedded default (SQLite).

simulate → ingest → verify → evaluate, all through the ordinary workflows: the five shipped
2025 agreements; the simulator's default scenario on the shipped line of contact (its
observations, party claims and patrol effort, with the ground truth in ``<demo dir>/truth/``);
the real UCDP GED candidate sample for Ukraine 2022-2023, the real party claims of the 2025
partial ceasefires and a generated file of declared weapon storage sites; then verification
into graded, attributed incidents, scored against the truth, and evaluation of the incidents
against the agreements' terms into findings with rule traces; and a daily report per day
(JSON, Markdown, HTML, PDF — the last three need the ``[reports]`` extra) in
``<demo dir>/reports/``, each checked against the previous one as published. Re-running in the
same folder adds nothing to the store (imports are idempotent, verification and evaluation
incremental).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from ceasefire.core.access import Permission, authorize
from ceasefire.core.actor import Actor
from ceasefire.core.errors import ConfigurationError
from ceasefire.core.negotiations import NegotiationState
from ceasefire.core.reports.period import DEFAULT_TIME_ZONE
from ceasefire.core.simulate import scenario_named
from ceasefire.ingest.text.gazetteer import load_gazetteer
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.agreements import (
    AgreementSummary,
    list_agreements,
    load_shipped_agreements,
)
from ceasefire.workflows.evaluate import EvaluateOutcome, evaluate_store
from ceasefire.workflows.ingest import ImportSummary, ingest_file
from ceasefire.workflows.ledger import sequence
from ceasefire.workflows.ledger_bundle import sign_and_export
from ceasefire.workflows.report import daily_report, write_report
from ceasefire.workflows.score import score_store
from ceasefire.workflows.simulate import run_simulation
from ceasefire.workflows.stances import import_stances, timeline
from ceasefire.workflows.stats import store_stats
from ceasefire.workflows.text_intake import Proposals, ingest_text
from ceasefire.workflows.verify import VerifyOutcome, verify

SCENARIO = "default"
SEED = 2025
SHIPPED_FILES = (
    "ucdp_ged_candidate_ukraine_2022-2023_subset.csv",  # real (UCDP, CC BY 4.0)
    "claims_2025_partial_ceasefires.csv",  # real (the parties' published claims)
    "storage_sites_generated_2025-04.csv",  # generated: declared weapon storage sites
)
SIMULATED_FILES = ("observations.csv", "claims.csv", "effort.csv")
NEGOTIATION = "jeddah-30-day-ceasefire-2025"
"""The agreement whose stance timeline the demo shows."""
DEMO_DATA = Path(__file__).resolve().parents[1] / "data" / "demo"


@dataclass
class DemoResult:
    """What the demo built."""

    database: str
    agreements: list[AgreementSummary] = field(default_factory=list)
    imports: list[ImportSummary] = field(default_factory=list)
    verification: VerifyOutcome | None = None
    evaluation: EvaluateOutcome | None = None
    scores: dict[str, float | int | None] = field(default_factory=dict)
    reports: list[Path] = field(default_factory=list)
    report_note: str | None = None
    stats: dict[str, int] = field(default_factory=dict)
    negotiation: NegotiationState | None = None
    texts: list[tuple[str, str, Proposals]] = field(default_factory=list)
    """(file, style, proposals) for each sample text the demo read."""
    text_note: str | None = None
    report_days: list[date] = field(default_factory=list)
    bundle: Path | None = None
    """The exported ledger bundle (verified on its own against the demo's checkpoint)."""
    checkpoint_size: int = 0


def read_sample_texts() -> list[tuple[str, str, Proposals]]:
    """Run the text intake on the shipped sample texts (``data/demo/texts``, written by us)."""
    folder = DEMO_DATA / "texts"
    gazetteer = load_gazetteer()
    found = []
    with (folder / "texts.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            published = date.fromisoformat(row["published"])
            proposals = ingest_text(str(folder / row["file"]), published, gazetteer=gazetteer)
            found.append((row["file"], row["style"], proposals))
    return found


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
    authorize(actor, Permission.RUN_DEMO)
    directory.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{directory.resolve() / 'ceasefire.db'}"
    store = Store.open(url)
    result = DemoResult(database=url)
    try:
        say("loading the shipped agreements")
        load_shipped_agreements(store, actor)
        say("recording the parties' dated stances on the 30-day ceasefire")
        import_stances(store, actor, DEMO_DATA / "stances_2025.csv")
        result.negotiation = timeline(store, actor, NEGOTIATION)
        say("reading the sample texts: proposed records for analyst review (nothing published)")
        try:
            result.texts = read_sample_texts()
        except ConfigurationError as exc:  # the [text] extra is not installed
            result.text_note = f"sample texts skipped: {exc}"
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
        say(f"writing the daily reports into {directory / 'reports'}")
        scenario = scenario_named(SCENARIO)
        first = datetime.fromtimestamp(scenario.start_s, tz=UTC)
        result.report_days = _report_days(first, days or scenario.days)
        _write_reports(store, directory / "reports", result, result.report_days)
        sequence(store)  # chain every outbox event of the demo into the ledger
        say("signing a checkpoint and exporting a bundle that verifies on its own")
        checkpoint, result.bundle = sign_and_export(store, actor, directory)
        result.checkpoint_size = checkpoint.size
        result.agreements = list_agreements(store)
        result.stats = store_stats(store)
    finally:
        store.close()
    return result


def _report_days(first: datetime, days: int) -> list[date]:
    """The reporting days (ending 19:30 Kyiv time) that cover ``days`` days from ``first``."""
    zone = ZoneInfo(DEFAULT_TIME_ZONE)
    day = first.astimezone(zone).date()
    return [day + timedelta(days=n) for n in range(days + 1)]


def _write_reports(store: Store, folder: Path, result: DemoResult, days: list[date]) -> None:
    """One report per day, each checked against the previous one as published (its JSON)."""
    folder.mkdir(parents=True, exist_ok=True)
    previous: Path | None = None
    formats = ["json", "md", "html", "pdf"]
    for day in days:
        report = daily_report(store, day, previous=previous)
        stem = folder / f"daily-{day.isoformat()}"
        for format_name in list(formats):
            try:
                result.reports.append(
                    write_report(report, format_name, stem.with_suffix(f".{format_name}"))
                )
            except ConfigurationError as exc:
                result.report_note = f"{format_name.upper()} and later formats skipped: {exc}"
                formats = formats[: formats.index(format_name)]
                break
        previous = stem.with_suffix(".json")
