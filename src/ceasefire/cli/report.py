"""``ceasefire report daily``: render a reporting day's report as HTML, PDF, Markdown or JSON."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import typer

from ceasefire.cli.context import context, errors_reported
from ceasefire.core.errors import CeasefireError
from ceasefire.workflows.report import FORMATS, daily_report, write_report

app = typer.Typer(help="Daily reports: HTML, PDF, Markdown and JSON.", no_args_is_help=True)


def _parse(value: str, kind: str) -> date | time:
    try:
        if kind == "date":
            return date.fromisoformat(value)
        return time.fromisoformat(value)
    except ValueError:
        expected = "YYYY-MM-DD" if kind == "date" else "HH:MM"
        raise CeasefireError(f"--{kind}: {value!r} is not a {kind} ({expected})") from None


@app.command("daily")
def daily(
    ctx: typer.Context,
    day: str = typer.Option(
        ..., "--date", help="reporting day YYYY-MM-DD: the period ends at --start-time that day"
    ),
    format: str = typer.Option("html", "--format", help="html, pdf, md, json or csv (findings)"),
    out: Path = typer.Option(..., "--out", help="file to write"),
    tz: str = typer.Option("Europe/Kyiv", "--tz", help="time zone of the reporting day"),
    start_time: str = typer.Option(
        "19:30", "--start-time", help="local time the reporting day starts and ends"
    ),
    days: int = typer.Option(1, "--days", min=1, max=7, help="days covered (3 for a weekend)"),
    previous: Path | None = typer.Option(
        None,
        "--previous",
        help="the previous report's published JSON (its figures are the baseline)",
    ),
    top: int = typer.Option(10, "--top", min=1, help="findings listed in the PDF"),
) -> None:
    """Write the daily report for --date in --format to --out."""
    with errors_reported(ctx):
        if format not in FORMATS:
            raise CeasefireError(f"--format: {format!r}; expected one of {', '.join(FORMATS)}")
        report_day = _parse(day, "date")
        start = _parse(start_time, "time")
        assert isinstance(report_day, date) and isinstance(start, time)
        report = daily_report(
            context(ctx).store(),
            report_day,
            tz=tz,
            start_time=start,
            days=days,
            previous=previous,
            top_findings=top,
        )
        write_report(report, format, out)
    typer.echo(
        f"{report.title}: {report.headline.total:,} incidents, {len(report.findings):,} findings "
        f"→ {out} ({format})"
    )
