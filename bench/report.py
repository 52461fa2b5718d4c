"""Daily-report benchmark: one reporting day with N incidents, from the store to the PDF.

Set-up (not timed): the default scenario simulated for two days at the intensity that gives
about N incidents on its busiest reporting day, ingested into SQLite, verified and evaluated
through the ordinary workflows. Timed: building the report value from the store
(``daily_report``), then rendering JSON, Markdown, the full HTML and the PDF. Baseline, on the
same machine in the same run: WeasyPrint alone turning the same PDF-edition HTML into a PDF. Each
step is repeated three times, interleaved with the baseline, and the best time of each is kept.

Target (issue [3/6]): a day with 10,000 incidents, PDF included, in <= 15 s and within 2x of
WeasyPrint alone.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from ceasefire.core.actor import Actor
from ceasefire.core.reports.period import reporting_period
from ceasefire.render import render_bytes
from ceasefire.render.extras import require
from ceasefire.render.html import render_html
from ceasefire.render.pdf import html_to_pdf
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.agreements import load_shipped_agreements
from ceasefire.workflows.evaluate import evaluate_store
from ceasefire.workflows.incidents import IncidentFilter, list_incidents
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.report import DEFAULT_TIME_ZONE, daily_report
from ceasefire.workflows.simulate import run_simulation
from ceasefire.workflows.verify import verify

INCIDENTS_PER_INTENSITY = 1_550
REPEATS = 3
"""Each step runs this many times, interleaved with the baseline; the best time of each counts."""
"""Incidents on the busiest reporting day of the default scenario at intensity 1 (measured)."""


def _busiest_day(store: Store) -> tuple[date, int]:
    """The reporting day (ending 19:30 Kyiv time) with the most incidents, and their count."""
    zone = ZoneInfo(DEFAULT_TIME_ZONE)
    counts: Counter[date] = Counter()
    for record in list_incidents(store, IncidentFilter()):
        start = record.get("start")
        if isinstance(start, str):
            start = datetime.fromisoformat(start)
        if isinstance(start, datetime):
            local = start.astimezone(zone)
            late = (local.hour, local.minute) >= (19, 30)
            counts[local.date() + timedelta(days=1) if late else local.date()] += 1
    return counts.most_common(1)[0]


def warm_up() -> None:
    """Import the renderers first, as a running service has: neither side pays for imports."""
    require("weasyprint")
    require("matplotlib.pyplot")


def _prepare(folder: Path, incidents: int) -> Store:
    actor = Actor.local_cli("bench")
    settings = Settings.from_env(env={})
    store = Store.open(f"sqlite:///{folder / 'report.db'}")
    load_shipped_agreements(store, actor)
    intensity = max(incidents / INCIDENTS_PER_INTENSITY, 0.05)
    run_simulation("default", 11, folder, days=2, intensity=intensity)
    for name in ("observations.csv", "effort.csv", "claims.csv"):
        if (folder / name).exists():
            ingest_file(store, actor, folder / name, settings=settings)
    verify(store, actor)
    evaluate_store(store, actor)
    return store


def run(incidents: int = 10_000) -> str:
    """Benchmark a reporting day with about ``incidents`` incidents; the Markdown section."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = _prepare(folder, incidents)
        try:
            day, count = _busiest_day(store)
            period = reporting_period(day)
            warm_up()
            # Interleaved repeats, best of each: the machine is shared and one run is noisy.
            t_value = t_text = t_pdf = t_weasy = float("inf")
            for _ in range(REPEATS):
                t0 = time.perf_counter()
                report = daily_report(store, day)
                t_value = min(t_value, time.perf_counter() - t0)
                t1 = time.perf_counter()
                sizes = {fmt: len(render_bytes(report, fmt)) for fmt in ("json", "md", "html")}
                t_text = min(t_text, time.perf_counter() - t1)
                t2 = time.perf_counter()
                sizes["pdf"] = len(render_bytes(report, "pdf"))
                t_pdf = min(t_pdf, time.perf_counter() - t2)
                html = render_html(report, full=False)
                t3 = time.perf_counter()
                baseline_pdf = html_to_pdf(html)
                t_weasy = min(t_weasy, time.perf_counter() - t3)
        finally:
            store.close()
    total = t_value + t_pdf
    in_day = report.headline.total
    ratio = total / t_weasy
    verdict_time = "met" if total <= 15 else f"MISSED by {total - 15:.1f} s"
    verdict_ratio = "met" if ratio <= 2 else f"MISSED ({ratio:.2f}x)"
    return (
        f"\n## Daily report: a reporting day with {count:,} incidents\n\n"
        f"Measured {datetime.now(UTC):%Y-%m-%d}. Reporting day {period.start:%Y-%m-%d %H:%M} → "
        f"{period.end:%Y-%m-%d %H:%M} UTC ({day}); {in_day:,} incidents in the day.\n\n"
        "| step | seconds |\n|---|---:|\n"
        f"| report value from the store (`daily_report`) | {t_value:.2f} |\n"
        f"| PDF edition (HTML + map + charts + WeasyPrint, {sizes['pdf'] / 1e3:.0f} kB) "
        f"| {t_pdf:.2f} |\n"
        f"| **report with its PDF (the two rows above)** | **{total:.2f}** |\n"
        f"| the other editions: JSON + Markdown + full HTML ({sizes['html'] / 1e6:.1f} MB) "
        f"| {t_text:.2f} |\n"
        f"| baseline: WeasyPrint alone on the same HTML ({len(baseline_pdf) / 1e3:.0f} kB) "
        f"| {t_weasy:.2f} |\n\n"
        f"Ratio (report with its PDF) / WeasyPrint alone: **{ratio:.2f}x**. "
        f"Targets: <= 15 s ({verdict_time}); <= 2x WeasyPrint alone ({verdict_ratio}).\n"
    )


if __name__ == "__main__":
    print(run())
