"""``ceasefire demo``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.cli.context import context, errors_reported, stderr
from ceasefire.workflows.demo import run_demo


def demo(
    ctx: typer.Context,
    directory: Path = typer.Option(
        Path("ceasefire-demo"), "--dir", help="folder for the demo database and files"
    ),
    days: int | None = typer.Option(
        None,
        "--days",
        min=1,
        max=60,
        show_default=False,
        help="simulated days (default: the scenario's own)",
    ),
) -> None:
    """Run the flow end to end: agreements, simulate → ingest → verify → evaluate, and score.

    Simulated observations come from `ceasefire simulate --scenario default --seed 2025`; the
    ground truth is written to DIR/truth/. Re-running in the same folder adds nothing.
    """
    cli = context(ctx)
    with errors_reported(ctx):
        result = run_demo(
            directory,
            cli.actor,
            cli.settings,
            days=days,
            say=lambda text: stderr.print(f"· {text}", highlight=False),
        )
    console = Console(width=120)
    console.print(f"\n[bold]Demo database:[/bold] {result.database}")
    agreements = Table("agreement", "terms", "title", title="Agreements")
    for a in result.agreements:
        agreements.add_row(a.agreement_id, str(a.terms), a.title)
    console.print(agreements)
    imports = Table(
        "file", "format", "new", "revised", "duplicates", "quarantined", title="Imports"
    )
    for s in result.imports:
        imports.add_row(
            s.file,
            s.format,
            f"{s.accepted:,}",
            f"{s.revised:,}",
            f"{s.duplicates:,}",
            f"{s.quarantined:,}",
        )
    console.print(imports)
    if result.verification is not None and result.verification.run_id is not None:
        v = result.verification
        console.print(
            f"Verification: {v.observations:,} observations → {v.created:,} new "
            f"incidents; by confidence: "
            + ", ".join(f"{k} {n:,}" for k, n in v.by_confidence.items())
        )
    if result.evaluation is not None:
        e = result.evaluation
        console.print(
            f"Findings: {e.created + e.changed + e.unchanged:,} (incident, term, party "
            "version) findings; by verdict: "
            + ", ".join(f"{k} {n:,}" for k, n in sorted(e.by_verdict.items()))
        )
    if result.scores:
        score = result.scores
        console.print(
            f"Score against the truth: B-cubed F1 {score['bcubed_f1']} (naive baseline "
            f"{score['naive_bcubed_f1']}), attribution coverage {score['attribution_coverage']}, "
            f"wrong party {score['wrong_party_rate']}, fabricated above possible "
            f"{score['fabricated_above_possible']}"
        )
    console.print(
        "In the store: "
        + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in result.stats.items())
    )
    console.print("Quarantined rows are kept with file, row, field and reason.")
    if result.reports:
        folder = result.reports[0].parent
        pdfs = sum(1 for p in result.reports if p.suffix == ".pdf")
        console.print(f"Daily reports: {len(result.reports)} files in {folder} ({pdfs} PDF)")
    if result.report_note:
        console.print(f"[yellow]Note:[/yellow] {result.report_note}")
    db = f"--database {result.database}"
    console.print(f"Next: ceasefire {db} incidents list --confidence confirmed --limit 20")
    console.print(f"      ceasefire {db} findings list --verdict violation --limit 20")
