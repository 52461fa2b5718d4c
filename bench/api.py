"""API benchmark: load and concurrency, submission speed against a bare endpoint, the map.

For each database (SQLite with one server process; PostgreSQL with ``--workers 2``):

1. the baseline, a bare Starlette endpoint doing one INSERT (``bench/api_baseline.py``), and
   then ``ceasefire serve`` are each loaded by wrk with 32 connections submitting observations
   with unique keys (closed loop);
2. an open-loop run at 50 submissions/s measures latency from each request's scheduled time;
3. afterwards: no 5xx, every acknowledged (201) observation stored exactly once, no duplicate
   keys, and ``ceasefire ledger verify`` passes.

Targets (issue [5/6]): submission >= 40% of the baseline's throughput, p99 <= 2x the
baseline's p99 at 32 connections, open-loop p99 < 100 ms at 50/s. The map part is in
``bench/api_map.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench import api_map
from bench.api_baseline import create_table
from bench.api_load import (
    OpenLoopRun,
    WrkRun,
    baseline_server,
    ceasefire_server,
    free_port,
    ledger_verified,
    monitor_token,
    open_loop,
    postgres_server,
    scratch_database,
    served,
    stored,
    temporary_folder,
    wait_for_ledger,
    wrk,
)

CONNECTIONS = 32
WORKERS = {"sqlite": 1, "postgresql": 2}


@dataclass(frozen=True)
class LoadRun:
    """One loaded server and what it kept."""

    backend: str
    workers: int
    load: WrkRun
    rows: int
    distinct: int
    ledger_ok: bool
    ledger_line: str
    open_loop: OpenLoopRun | None = None

    @property
    def problems(self) -> list[str]:
        """What broke the invariants (empty when all hold)."""
        found = []
        if self.load.server5xx:
            found.append(f"{self.load.server5xx} answers were 5xx")
        if self.load.duplicates:
            found.append(f"{self.load.duplicates} unique keys were answered as duplicates")
        if self.rows != self.distinct:
            found.append(f"{self.rows - self.distinct} keys stored more than once")
        # Requests in flight when wrk stops may be stored without wrk counting the answer
        # (at most one per connection); an acknowledged one must always be stored.
        if not self.load.created <= self.rows <= self.load.created + CONNECTIONS:
            found.append(f"{self.load.created} acknowledged but {self.rows} stored")
        if self.load.client4xx:
            found.append(f"{self.load.client4xx} answers were 4xx")
        if not self.ledger_ok:
            found.append(f"ledger verify failed: {self.ledger_line}")
        return found


def load_run(
    backend: str,
    seconds: int,
    folder: Path,
    *,
    open_rate: float = 0,
    open_seconds: float = 0,
    baseline_seconds: int = 0,
) -> tuple[LoadRun, WrkRun | None]:
    """Load ``ceasefire serve`` on ``backend`` (and first the baseline, when asked)."""
    workers = WORKERS[backend]
    with scratch_database(backend, folder) as database:
        base_run = None
        if baseline_seconds:
            create_table(database)
            port = free_port()
            log = folder / f"baseline-{backend}.log"
            with served(baseline_server(port, workers), database, port, log) as base:
                base_run = wrk(base, "/submit", "", "base", seconds=baseline_seconds)
        token = monitor_token(database)
        port = free_port()
        log = folder / f"serve-{backend}.log"
        paced = None
        with served(ceasefire_server(database, port, workers), database, port, log) as base:
            load = wrk(base, "/api/observations", token, "wrk", seconds=seconds)
            if open_rate:
                paced = open_loop(base, token, "open", rate=open_rate, seconds=open_seconds)
            wait_for_ledger(database)
        kept = stored(database, "observations", "wrk-")
        ok, line = ledger_verified(database)
    run = LoadRun(backend, workers, load, kept.rows, kept.distinct, ok, line, paced)
    return run, base_run


def backends() -> list[str]:
    """SQLite, and PostgreSQL when a server is configured."""
    return ["sqlite", "postgresql"] if postgres_server() else ["sqlite"]


def run(
    seconds: int = 60, open_seconds: float = 30, open_rate: float = 50, incidents: int = 100_000
) -> str:
    """The benchmark's Markdown section (see the module docstring)."""
    rows = []
    notes = []
    with temporary_folder() as scratch:
        for backend in backends():
            folder = Path(scratch) / backend
            folder.mkdir()
            ours, base = load_run(
                backend,
                seconds,
                folder,
                open_rate=open_rate,
                open_seconds=open_seconds,
                baseline_seconds=seconds,
            )
            assert base is not None
            rows.append(_row(ours, base))
            notes += [f"{backend}: {p}" for p in ours.problems]
        map_section = api_map.run(incidents)
    return _markdown(rows, notes, seconds, open_rate, open_seconds) + "\n\n" + map_section


def _row(ours: LoadRun, base: WrkRun) -> str:
    paced = ours.open_loop
    assert paced is not None
    verdict = "all hold" if not ours.problems else "; ".join(ours.problems)
    return (
        f"| {ours.backend} | {ours.workers} | {base.throughput:,.0f} | "
        f"{ours.load.throughput:,.0f} | **{ours.load.throughput / base.throughput:.0%}** | "
        f"{base.p99_ms:.1f} | {ours.load.p99_ms:.1f} | "
        f"**{ours.load.p99_ms / base.p99_ms:.2f}x** | {paced.p50_ms:.1f} / "
        f"**{paced.p99_ms:.1f}** ({paced.created}/{paced.sent} stored) | "
        f"{ours.load.created:,} acknowledged, {ours.rows:,} stored, "
        f"{ours.load.server5xx} 5xx, ledger {'verifies' if ours.ledger_ok else 'FAILS'}: "
        f"{verdict} |"
    )


def _markdown(
    rows: list[str], notes: list[str], seconds: int, rate: float, open_seconds: float
) -> str:
    lines = [
        "## API: submission under load (wrk) against a bare INSERT endpoint",
        "",
        f"wrk, {CONNECTIONS} connections, 2 threads, {seconds} s per run, loopback; each "
        "request a new observation (unique key) with a monitor's bearer token. Baseline: a "
        "bare Starlette endpoint doing one INSERT per request on the same engine "
        "(bench/api_baseline.py), "
        "served by uvicorn with the same worker count. ceasefire: `ceasefire serve` with full "
        "validation, token auth (SHA-256 lookup), the single-record path (records arriving "
        "together validated in one pass and committed in one transaction by the process's "
        "submission writer) and the ledger (outbox chained after the response). "
        f"Open loop: {rate:g} submissions/s for {open_seconds:g} s from an "
        "asyncio client, latency measured from each request's scheduled send time "
        "(coordinated-omission-safe; wrk's `delay()` is not, wrk2 is not in Debian).",
        "",
        "| database | workers | baseline req/s | ceasefire req/s | ratio (target >= 40%) | "
        "baseline p99 ms | ceasefire p99 ms | p99 ratio (target <= 2x) | "
        f"open loop {rate:g}/s p50 / p99 ms (target < 100) | invariants |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *rows,
    ]
    if notes:
        lines += ["", "Invariant failures: " + "; ".join(notes)]
    return "\n".join(lines)
