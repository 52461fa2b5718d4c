"""``ceasefire evidence add|show|get|gc`` and ``ceasefire ledger access-log``.

The lead registers them: ``app.add_typer(evidence_commands.app, name="evidence")`` and
``ledger_commands.app.command("access-log")(evidence_commands.access_log)``.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import typer

from ceasefire.cli.context import context, errors_reported
from ceasefire.core.custody import EvidenceError, EvidenceMetadata
from ceasefire.workflows.access_log import access_log_entries, verify_access_log
from ceasefire.workflows.evidence import add_evidence, evidence_captures, gc, open_evidence

app = typer.Typer(
    help="Evidence files, content-addressed by SHA-256, with their capture metadata.",
    no_args_is_help=True,
)
JSON = typer.Option(False, "--json", help="print JSON on stdout")


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise EvidenceError(
            f"--captured-at {text!r}: expected a time with a UTC offset, e.g. 2025-04-20T10:00:00Z"
        )
    return moment


@app.command("add")
def add(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="the file to store", dir_okay=False),
    url: str | None = typer.Option(None, "--url", help="where it was captured from"),
    captured_at: str | None = typer.Option(
        None, "--captured-at", help="when it was captured (ISO 8601 with offset)"
    ),
    collector: str | None = typer.Option(None, "--collector", help="who collected it"),
    tool: str | None = typer.Option(None, "--tool", help="the capture tool"),
    restricted: bool = typer.Option(
        False, "--restricted", help="restricted: reads need the permission and are access-logged"
    ),
    as_json: bool = JSON,
) -> None:
    """Store FILE (type sniffed from its bytes) and print its SHA-256."""
    cli = context(ctx)
    with errors_reported(ctx):
        metadata = EvidenceMetadata(
            url=url,
            captured_at=_time(captured_at),
            collector=collector,
            tool=tool,
            original_name=file.name,
            restricted=restricted,
        )
        try:
            stream = file.open("rb")
        except OSError as exc:
            raise EvidenceError(f"{file}: cannot be read ({exc.strerror})") from None
        with stream:
            record = add_evidence(
                cli.store(), cli.actor, stream, metadata=metadata, settings=cli.settings
            )
    if as_json:
        typer.echo(json.dumps(record.as_json(), indent=2))
    else:
        typer.echo(f"{record.sha256}  {record.media_type}  {record.size} bytes")


@app.command("show")
def show(
    ctx: typer.Context,
    sha256: str = typer.Argument(..., metavar="SHA256", help="the file's SHA-256"),
    as_json: bool = JSON,
) -> None:
    """Show every capture recorded for a file (restricted ones are access-logged)."""
    cli = context(ctx)
    with errors_reported(ctx):
        records = evidence_captures(cli.store(), cli.actor, sha256)
    if as_json:
        typer.echo(json.dumps([r.as_json() for r in records], indent=2))
        return
    for record in records:
        for key, value in record.as_json().items():
            typer.echo(f"{key:14} {'' if value is None else value}")
        typer.echo("")


@app.command("get")
def get(
    ctx: typer.Context,
    sha256: str = typer.Argument(..., metavar="SHA256", help="the file's SHA-256"),
    out: Path = typer.Option(..., "--out", help="where to write the file (must not exist)"),
) -> None:
    """Write a stored file to --out, checking its hash on the way."""
    cli = context(ctx)
    with errors_reported(ctx):
        if out.exists():
            raise EvidenceError(f"--out {out}: exists already; choose a new path")
        partial = out.with_name(out.name + ".part")
        record, stream = open_evidence(cli.store(), cli.actor, sha256, settings=cli.settings)
        try:
            with stream, partial.open("xb") as target:
                shutil.copyfileobj(stream, target)
            partial.replace(out)
        finally:
            partial.unlink(missing_ok=True)
    typer.echo(f"{out}  {record.media_type}  {record.size} bytes")


@app.command("gc")
def collect(
    ctx: typer.Context,
    grace_minutes: int = typer.Option(
        60, "--grace-minutes", min=0, help="keep orphans younger than this"
    ),
    as_json: bool = JSON,
) -> None:
    """Remove orphan files (stored, but no row names them) and stale temporary files."""
    cli = context(ctx)
    with errors_reported(ctx):
        report = gc(
            cli.store(),
            cli.actor,
            settings=cli.settings,
            grace=timedelta(minutes=grace_minutes),
        )
    if as_json:
        typer.echo(json.dumps(report.as_json(), indent=2))
        return
    typer.echo(
        f"{len(report.orphans_removed)} orphans and {report.temporary_removed} temporary files "
        f"removed; {report.kept_young} younger than the grace period kept"
    )


def access_log(
    ctx: typer.Context,
    verify: bool = typer.Option(False, "--verify", help="re-hash the chain; exit 1 on a problem"),
    limit: int = typer.Option(100, "--limit", min=1, help="how many of the newest reads to list"),
    as_json: bool = JSON,
) -> None:
    """List the newest reads of restricted data, or verify the access-log chain."""
    cli = context(ctx)
    with errors_reported(ctx):
        if not verify:
            rows = access_log_entries(cli.store(), cli.actor, limit=limit)
            if as_json:
                typer.echo(json.dumps(rows, indent=2, default=str))
            for row in [] if as_json else rows:
                typer.echo(
                    f"{row['seq']}  {row['at']}  {row['actor']}  {row['permission']}  "
                    f"{row['object_ref']}"
                )
            return
        report = verify_access_log(cli.store(), cli.actor)
    if as_json:
        typer.echo(json.dumps(report.as_json(), indent=2))
    else:
        typer.echo(f"{report.entries} access-log entries checked; head {report.head_hash[:16]}…")
        for problem in report.problems[:20]:
            typer.echo(f"problem: {problem}", err=True)
    if not report.ok:
        raise typer.Exit(1)
