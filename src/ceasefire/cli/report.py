"""``ceasefire report daily|publish|published|get``: render a reporting day's report (HTML, PDF,
Markdown, JSON), publish it as immutable ledgered bytes, list and fetch what was published."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import typer

from ceasefire.cli.context import context, errors_reported
from ceasefire.cli.ledger import key_passphrase
from ceasefire.core.agreement import ReportingDay
from ceasefire.core.errors import CeasefireError
from ceasefire.ingest.keys import read_private_key
from ceasefire.workflows.agreements import get_agreement
from ceasefire.workflows.as_of import parse_as_of
from ceasefire.workflows.publish import (
    PUBLISHED_FORMATS,
    ReportSpec,
    publication_policy,
    publish_report,
    published,
    published_bytes,
)
from ceasefire.workflows.report import FORMATS, daily_report, write_report

TZ_HELP = "time zone of the reporting day [default: the agreement's, else Europe/Kyiv]"
START_HELP = "local time the reporting day starts and ends [default: the agreement's, else 19:30]"
AGREEMENT_HELP = "take the reporting day (start time, time zone) from this agreement"

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
    tz: str | None = typer.Option(None, "--tz", help=TZ_HELP, show_default=False),
    start_time: str | None = typer.Option(
        None, "--start-time", help=START_HELP, show_default=False
    ),
    agreement: str | None = typer.Option(
        None, "--agreement", help=AGREEMENT_HELP, show_default=False
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
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        help="reconstruct the report from the inputs received by this time (ISO 8601)",
        show_default=False,
    ),
) -> None:
    """Write the daily report for --date in --format to --out."""
    with errors_reported(ctx):
        if format not in FORMATS:
            raise CeasefireError(f"--format: {format!r}; expected one of {', '.join(FORMATS)}")
        spec = _spec(ctx, day, tz, start_time, agreement, days, public)
        report = daily_report(
            context(ctx).store(),
            spec.day,
            tz=spec.tz,
            start_time=spec.start_time,
            days=days,
            previous=previous,
            top_findings=top,
            policy=publication_policy(context(ctx).settings) if public else None,
            actor=context(ctx).actor,
            as_of=parse_as_of(as_of) if as_of else None,
        )
        write_report(report, format, out)
    typer.echo(
        f"{report.title}: {report.headline.total:,} incidents, {len(report.findings):,} findings "
        f"→ {out} ({format})"
    )
    if as_of:
        typer.echo(f"Reconstruction as of {parse_as_of(as_of):%Y-%m-%dT%H:%M:%SZ}", err=True)


def _spec(
    ctx: typer.Context,
    day: str,
    tz: str | None,
    start_time: str | None,
    agreement: str | None,
    days: int,
    public: bool,
) -> ReportSpec:
    """The reporting period: --tz/--start-time if given, else the agreement's reporting day."""
    setting = (
        get_agreement(context(ctx).store(), agreement).monitoring_settings.reporting_day
        if agreement
        else ReportingDay()
    )
    report_day = _parse(day, "date")
    start = _parse(start_time, "time") if start_time else setting.start_time
    assert isinstance(report_day, date) and isinstance(start, time)
    zone = tz or setting.time_zone
    return ReportSpec(report_day, tz=zone, start_time=start, days=days, public=public)


DATE = typer.Option(..., "--date", help="reporting day YYYY-MM-DD (the period ends that day)")
TZ = typer.Option(None, "--tz", help=TZ_HELP, show_default=False)
START = typer.Option(None, "--start-time", help=START_HELP, show_default=False)
AGREEMENT = typer.Option(None, "--agreement", help=AGREEMENT_HELP, show_default=False)
DAYS = typer.Option(1, "--days", min=1, max=7, help="days covered (3 for a weekend)")
PUBLIC = typer.Option(False, "--public", help="the public edition (publication policy applied)")
AS_OF_HELP = "a past time (ISO 8601, UTC or with an offset): the answer as it was then"


@app.command("publish")
def publish(
    ctx: typer.Context,
    day: str = DATE,
    tz: str | None = TZ,
    start_time: str | None = START,
    agreement: str | None = AGREEMENT,
    days: int = DAYS,
    public: bool = PUBLIC,
    correction: str | None = typer.Option(
        None,
        "--correction",
        help="publish a new version of an already published report, for this reason",
        show_default=False,
    ),
    top: int = typer.Option(10, "--top", min=1, help="findings listed in the PDF"),
    key: Path | None = typer.Option(
        None,
        "--key",
        help="mission private key (PEM): sign a ledger checkpoint right after publishing",
        show_default=False,
    ),
) -> None:
    """Publish the report for --date: store its JSON (and PDF) bytes, ledger their SHA-256."""
    with errors_reported(ctx):
        spec = _spec(ctx, day, tz, start_time, agreement, days, public)
        settings = context(ctx).settings
        signing_key = None
        if key is not None:
            private_pem = read_private_key(key)
            signing_key = (private_pem, key_passphrase(private_pem))
        done = publish_report(
            context(ctx).store(),
            context(ctx).actor,
            spec,
            policy=publication_policy(settings) if public else None,
            correction=correction,
            top_findings=top,
            signing_key=signing_key,
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
    tz: str | None = TZ,
    as_of: str | None = typer.Option(None, "--as-of", help=AS_OF_HELP, show_default=False),
) -> None:
    """List published reports: period, edition, version, format, SHA-256, who and when."""
    with errors_reported(ctx):
        report_day = _parse(day, "date") if day else None
        assert report_day is None or isinstance(report_day, date)
        rows = published(
            context(ctx).store(),
            report_day,
            tz or ReportingDay().time_zone,
            actor=context(ctx).actor,
            as_of=parse_as_of(as_of) if as_of else None,
        )
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
    tz: str | None = TZ,
    start_time: str | None = START,
    agreement: str | None = AGREEMENT,
    days: int = DAYS,
    public: bool = PUBLIC,
    version: int | None = typer.Option(
        None, "--version", min=1, help="a given version (default: the latest)", show_default=False
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="the version that was published at this time", show_default=False
    ),
) -> None:
    """Write a published report's stored bytes to --out, exactly as published."""
    with errors_reported(ctx):
        if format not in PUBLISHED_FORMATS:
            raise CeasefireError(
                f"--format: {format!r}; expected one of {', '.join(PUBLISHED_FORMATS)}"
            )
        spec = _spec(ctx, day, tz, start_time, agreement, days, public)
        found, data = published_bytes(
            context(ctx).store(),
            spec,
            format,
            version,
            actor=context(ctx).actor,
            as_of=parse_as_of(as_of) if as_of else None,
        )
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
        except OSError as exc:
            raise CeasefireError(f"{out}: cannot write ({exc.strerror})") from None
    typer.echo(f"{spec.name()} version {found} ({format}, {len(data):,} bytes) → {out}")
