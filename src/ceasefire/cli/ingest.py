"""``ceasefire ingest FILE``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ceasefire.cli.context import context, errors_reported, stderr
from ceasefire.ingest.readers import READERS
from ceasefire.workflows.ingest import ImportSummary, ingest_file

EXIT_QUARANTINED = 3
_FORMATS = ", ".join(reader.NAME for reader in READERS)


class OnInvalid(StrEnum):
    QUARANTINE = "quarantine"
    REJECT = "reject"


def ingest(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="file to import", show_default=False),
    format_name: str | None = typer.Option(
        None,
        "--format",
        help="input format (detected from content when omitted): " + _FORMATS,
        show_default=False,
    ),
    on_invalid: OnInvalid = typer.Option(
        OnInvalid.QUARANTINE,
        "--on-invalid",
        help="quarantine: keep valid rows, store invalid ones in quarantine; "
        "reject: store nothing if any row is invalid",
    ),
    report: Path | None = typer.Option(
        None,
        "--report",
        help="write the quarantined rows (row, field, reason) to this CSV",
        show_default=False,
    ),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object on stdout"),
) -> None:
    """Import observations or claims from FILE (CSV, JSON Lines, GeoJSON, ACLED, UCDP GED).

    Exit status: 0 every row stored or a duplicate; 3 some rows quarantined; 1 the file was
    rejected or unreadable.
    """
    cli = context(ctx)
    with (
        errors_reported(ctx),
        Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=stderr,
            transient=True,
            disable=not stderr.is_terminal,
        ) as bar,
    ):
        task = bar.add_task(f"importing {file.name}", total=None)
        summary = ingest_file(
            cli.store(),
            cli.actor,
            file,
            settings=cli.settings,
            format_name=format_name,
            on_invalid=on_invalid.value,
            progress=lambda rows: bar.update(task, description=f"{file.name}: {rows:,} rows"),
        )
    if report is not None and summary.problems:
        _write_report(report, summary)
    if as_json:
        typer.echo(json.dumps(summary.as_json(), sort_keys=True))
    else:
        typer.echo(
            f"{summary.file} ({summary.format}): {summary.accepted:,} new, "
            f"{summary.revised:,} revised, {summary.duplicates:,} duplicates, "
            f"{summary.quarantined:,} quarantined"
        )
    for problem in summary.problems[:20]:
        stderr.print(problem.describe(summary.file), highlight=False, markup=False)
    if len(summary.problems) > 20:
        stderr.print(
            f"… and {len(summary.problems) - 20} more problems "
            "(see `--report` or the quarantine table)"
        )
    if summary.quarantined:
        raise typer.Exit(EXIT_QUARANTINED)


def _write_report(path: Path, summary: ImportSummary) -> None:
    import csv

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "row", "field", "reason"])
        for p in summary.problems:
            writer.writerow([summary.file, p.row, p.field, p.reason])
