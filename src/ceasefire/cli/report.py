"""``ceasefire report daily|publish|published|get``: render a reporting day's report (HTML, PDF,
Markdown, JSON), publish it as immutable ledgered bytes, list and fetch what was published."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import typer

from ceasefire.cli.context import context, errors_reported
from ceasefire.core.errors import CeasefireError
from ceasefire.workflows.publish import (
    PUBLISHED_FORMATS,
    ReportSpec,
    publication_policy,
    publish_report,
    published,
    published_bytes,
)
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
    public: bool = typer.Option(
        False, "--public", help="the public edition: recent incidents withheld, map coarsened"
    ),
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
            policy=publication_policy(context(ctx).settings) if public else None,
        )
        write_report(report, format, out)
    typer.echo(
        f"{report.title}: {report.headline.total:,} incidents, {len(report.findings):,} findings "
        f"→ {out} ({format})"
    )


def _spec(day: str, tz: str, start_time: str, days: int, public: bool) -> ReportSpec:
    report_day = _parse(day, "date")
    start = _parse(start_time, "time")
    assert isinstance(report_day, date) and isinstance(start, time)
    return ReportSpec(report_day, tz=tz, start_time=start, days=days, public=public)


DATE = typer.Option(..., "--date", help="reporting day YYYY-MM-DD (the period ends that day)")
TZ = typer.Option("Europe/Kyiv", "--tz", help="time zone of the reporting day")
START = typer.Option("19:30", "--start-time", help="local time the reporting day starts and ends")
DAYS = typer.Option(1, "--days", min=1, max=7, help="days covered (3 for a weekend)")
PUBLIC = typer.Option(False, "--public", help="the public edition (publication policy applied)")


@app.command("publish")
def publish(
    ctx: typer.Context,
    day: str = DATE,
    tz: str = TZ,
    start_time: str = START,
    days: int = DAYS,
    public: bool = PUBLIC,
    correction: str | None = typer.Option(
        None,
        "--correction",
        help="publish a new version of an already published report, for this reason",
        show_default=False,
    ),
    top: int = typer.Option(10, "--top", min=1, help="findings listed in the PDF"),
) -> None:
    """Publish the report for --date: store its JSON (and PDF) bytes, ledger their SHA-256."""
    with errors_reported(ctx):
        spec = _spec(day, tz, start_time, days, public)
        settings = context(ctx).settings
        done = publish_report(
            context(ctx).store(),
            context(ctx).actor,
            spec,
            policy=publication_policy(settings) if public else None,
            correction=correction,
            top_findings=top,
        )
    what = "correction" if done.correction_reason else "published"
    typer.echo(f"{spec.name()}: version {done.version} {what}")
    for format, digest in done.sha256.items():
        typer.echo(f"  {format}  sha256 {digest}  {done.sizes[format]:,} bytes")
    for format, reason in done.skipped.items():
        typer.echo(f"  {format}  not produced: {reason}", err=True)


@app.command("published")
def published_command(
    ctx: typer.Context,
    day: str | None = typer.Option(
        None, "--date", help="only reports whose period ends that day", show_default=False
    ),
    tz: str = TZ,
) -> None:
    """List published reports: period, edition, version, format, SHA-256, who and when."""
    with errors_reported(ctx):
        report_day = _parse(day, "date") if day else None
        assert report_day is None or isinstance(report_day, date)
        rows = published(context(ctx).store(), report_day, tz)
    for r in rows:
        reason = f"  correction: {r.correction_reason}" if r.correction_reason else ""
        typer.echo(
            f"{r.period_start:%Y-%m-%dT%H:%MZ}–{r.period_end:%Y-%m-%dT%H:%MZ} {r.time_zone} "
            f"{r.edition} v{r.version} {r.format} sha256 {r.sha256} {r.size:,} bytes "
            f"{r.published_at:%Y-%m-%dT%H:%M:%SZ} {r.actor}{reason}"
        )
    typer.echo(f"{len(rows):,} rendering(s)", err=True)


@app.command("get")
def get(
    ctx: typer.Context,
    day: str = DATE,
    format: str = typer.Option("json", "--format", help=" or ".join(PUBLISHED_FORMATS)),
    out: Path = typer.Option(..., "--out", help="file to write the stored bytes to"),
    tz: str = TZ,
    start_time: str = START,
    days: int = DAYS,
    public: bool = PUBLIC,
    version: int | None = typer.Option(
        None, "--version", min=1, help="a given version (default: the latest)", show_default=False
    ),
) -> None:
    """Write a published report's stored bytes to --out, exactly as published."""
    with errors_reported(ctx):
        if format not in PUBLISHED_FORMATS:
            raise CeasefireError(
                f"--format: {format!r}; expected one of {', '.join(PUBLISHED_FORMATS)}"
            )
        spec = _spec(day, tz, start_time, days, public)
        found, data = published_bytes(context(ctx).store(), spec, format, version)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
        except OSError as exc:
            raise CeasefireError(f"{out}: cannot write ({exc.strerror})") from None
    typer.echo(f"{spec.name()} version {found} ({format}, {len(data):,} bytes) → {out}")
