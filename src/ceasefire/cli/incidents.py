"""``ceasefire incidents list|show`` and ``ceasefire export membership|incidents|findings``."""

from __future__ import annotations

import csv
import json
import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.cli.context import context, errors_reported
from ceasefire.cli.observations import _time
from ceasefire.core.errors import CeasefireError
from ceasefire.workflows.as_of import as_of_notice, incidents_as_of, parse_as_of
from ceasefire.workflows.exports import (
    FINDING_FORMATS,
    INCIDENT_FORMATS,
    Export,
    export_findings,
    export_incidents,
)
from ceasefire.workflows.incidents import IncidentFilter, list_incidents, membership, show_incident
from ceasefire.workflows.publish import publication_policy

app = typer.Typer(help="Incidents: what the platform believes happened.", no_args_is_help=True)
export_app = typer.Typer(help="Export verification results.", no_args_is_help=True)


class Output(StrEnum):
    TABLE = "table"
    JSON = "json"


def _when(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else "undated"


def _where(record: dict[str, object]) -> str:
    lat, lon = record.get("lat"), record.get("lon")
    if isinstance(lat, float) and isinstance(lon, float):
        radius = record.get("radius_m")
        return f"{lat:.4f}, {lon:.4f}" + (
            f" ±{int(radius) / 1000:.1f} km" if isinstance(radius, int) else ""
        )
    return "unlocatable"


@app.command("list")
def list_command(
    ctx: typer.Context,
    since: str | None = typer.Option(None, "--from", help="from (ISO 8601)", show_default=False),
    until: str | None = typer.Option(None, "--to", help="to, exclusive", show_default=False),
    confidence: list[str] = typer.Option(
        [],
        "--confidence",
        help="confirmed, probable, possible, unverified or discounted; repeatable",
    ),
    party: str | None = typer.Option(
        None, "--party", help="attributed party code", show_default=False
    ),
    act: str | None = typer.Option(None, "--act", help="act (and refinements)", show_default=False),
    limit: int | None = typer.Option(
        None, "--limit", min=1, show_default=False, help="at most this many"
    ),
    output: Output = typer.Option(Output.TABLE, "--output", "-o", help="table or json"),
    as_of: str | None = typer.Option(
        None, "--as-of", help="as the system saw it at this time (ISO 8601)", show_default=False
    ),
) -> None:
    """List incidents, oldest first."""
    with errors_reported(ctx):
        where = IncidentFilter(
            start=_time(since, "from"),
            end=_time(until, "to"),
            confidence=tuple(confidence),
            party=party,
            act=act,
            limit=limit,
        )
        if as_of:
            moment = parse_as_of(as_of)
            rows = incidents_as_of(context(ctx).store(), moment, where, actor=context(ctx).actor)
            typer.echo(as_of_notice(moment), err=True)
        else:
            rows = list(list_incidents(context(ctx).store(), where, actor=context(ctx).actor))
    if output is Output.JSON:
        for row in rows:
            typer.echo(json.dumps(row, default=str, sort_keys=True))
        return
    table = Table("incident", "when (UTC)", "act", "where", "obs", "confidence", "attribution")
    for r in rows:
        attribution = str(r.get("party") or r.get("attribution"))
        table.add_row(
            str(r["incident_id"]),
            _when(r.get("start")),
            str(r.get("act", "")),
            _where(r),
            str(len(r.get("observations", []))),  # type: ignore[arg-type]
            str(r.get("confidence")),
            attribution,
        )
    console = Console(width=140)
    console.print(table)
    console.print(f"{len(rows):,} incident(s)")


@app.command("show")
def show(
    ctx: typer.Context,
    incident_id: str = typer.Argument(..., help="incident ID, e.g. INC-000042", show_default=False),
) -> None:
    """One incident: the observations behind it, why they were merged, the explanations."""
    with errors_reported(ctx):
        detail = show_incident(context(ctx).store(), incident_id, actor=context(ctx).actor)
    r = detail.incident
    console = Console(width=140)
    status = "" if detail.active else " [retired]"
    console.print(
        f"[bold]{r['incident_id']}[/bold]{status} version {r.get('version')}: "
        f"{r.get('act')} at {_where(r)}, {_when(r.get('start'))} – "
        f"{_when(r.get('end'))} UTC"
    )
    console.print(
        f"Confidence: [bold]{r.get('confidence')}[/bold] — {r.get('confidence_reason', '')}"
    )
    console.print(
        f"Attribution: [bold]{r.get('party') or r.get('attribution')}[/bold] "
        f"({r.get('attribution_confidence') or '-'}) — {r.get('attribution_basis', '')}"
    )
    if r.get("merge_reason"):
        console.print(f"Why these observations are one incident: {r['merge_reason']}")
    for text in r.get("decisions", []):  # type: ignore[attr-defined]
        console.print(f"Decision applied: {text}")
    table = Table(
        "obs",
        "when (UTC)",
        "source",
        "kind",
        "act",
        "where",
        "alleged",
        "text",
        title="Observations",
    )
    for o in detail.observations:
        table.add_row(
            str(o["id"]),
            _when(o.get("start")),
            str(o.get("source_name")),
            f"{o.get('source_kind')} {o.get('reliability', 'F')}{o.get('credibility', '6')}",
            str(o.get("act")),
            _where(o),
            str(o.get("alleged_perpetrator", "")),
            str(o.get("text", ""))[:50],
        )
    console.print(table)
    for d in detail.decisions:
        console.print(f"Decision {d['kind']} by {d['actor']} at {d['decided_at']}: {d['reason']}")
    for parent, kind, count in detail.parents:
        console.print(f"Lineage: {kind} from {parent} ({count} observations)")
    for child, kind, count in detail.children:
        console.print(f"Lineage: {kind} into {child} ({count} observations)")


@export_app.command("membership")
def export_membership(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", help="CSV file to write", show_default=False),
) -> None:
    """CSV of observation_id,incident_id with each incident's confidence and attribution."""
    with errors_reported(ctx):
        rows = membership(context(ctx).store(), actor=context(ctx).actor)
        target = sys.stdout if str(out) == "-" else out.open("w", newline="", encoding="utf-8")
        try:
            writer = csv.writer(target)
            writer.writerow(
                [
                    "observation_id",
                    "incident_id",
                    "source_name",
                    "key",
                    "confidence",
                    "party",
                    "attribution",
                ]
            )
            count = 0
            for obs_id, source, key, incident, confidence, party, attribution in rows:
                writer.writerow(
                    [obs_id, incident, source, key, confidence, party or "", attribution]
                )
                count += 1
        finally:
            if target is not sys.stdout:
                target.close()
    if str(out) != "-":
        typer.echo(f"{count:,} memberships written to {out}")


PUBLIC_EXPORT = typer.Option(
    False,
    "--public",
    help="apply the publication policy: recent incidents withheld, positions coarsened, "
    "monitors' positions and the explanation texts left out",
)


def _write_export(done: Export, out: Path, what: str) -> None:
    try:
        if str(out) == "-":
            sys.stdout.buffer.write(done.data)
            sys.stdout.flush()
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(done.data)
    except OSError as exc:
        raise CeasefireError(f"{out}: cannot write the export ({exc.strerror})") from None
    if str(out) != "-":
        typer.echo(f"{done.rows:,} {what} written to {out}")
    for reason, count in sorted(done.left_out.items()):
        typer.echo(f"  {count:,} left out: {reason}", err=True)


@export_app.command("incidents")
def export_incidents_command(
    ctx: typer.Context,
    format: str = typer.Option(..., "--format", help=", ".join(INCIDENT_FORMATS)),
    out: Path = typer.Option(..., "--out", help="file to write (- for stdout)", show_default=False),
    public: bool = PUBLIC_EXPORT,
) -> None:
    """Active incidents as GeoJSON, CSV or rows in ACLED's layout (source "ceasefire")."""
    with errors_reported(ctx):
        settings = context(ctx).settings
        done = export_incidents(
            context(ctx).store(),
            format,
            policy=publication_policy(settings) if public else None,
            actor=context(ctx).actor,
        )
        _write_export(done, out, "incidents")


@export_app.command("findings")
def export_findings_command(
    ctx: typer.Context,
    format: str = typer.Option(..., "--format", help=", ".join(FINDING_FORMATS)),
    out: Path = typer.Option(..., "--out", help="file to write (- for stdout)", show_default=False),
    public: bool = PUBLIC_EXPORT,
) -> None:
    """Active findings with their traces, at their incident's position, as CSV or GeoJSON."""
    with errors_reported(ctx):
        settings = context(ctx).settings
        done = export_findings(
            context(ctx).store(),
            format,
            policy=publication_policy(settings) if public else None,
            actor=context(ctx).actor,
        )
        _write_export(done, out, "findings")
