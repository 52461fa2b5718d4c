"""``ceasefire observations list``."""

from __future__ import annotations

import csv
import json
import sys
from datetime import UTC, datetime
from enum import StrEnum

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.cli.context import context, errors_reported
from ceasefire.core.errors import ConfigurationError
from ceasefire.core.observations.columns import NAMES
from ceasefire.workflows.observations import ObservationFilter, list_observations

app = typer.Typer(help="Observations as received (current revisions).", no_args_is_help=True)


class Output(StrEnum):
    TABLE = "table"
    CSV = "csv"
    GEOJSON = "geojson"


def _time(text: str | None, name: str) -> datetime | None:
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ConfigurationError(f"--{name} {text!r}: expected an ISO 8601 date or time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if text is None:
        return None
    try:
        west, south, east, north = (float(p) for p in text.split(","))
    except ValueError:
        raise ConfigurationError(
            f"--bbox {text!r}: expected four numbers west,south,east,north in degrees"
        ) from None
    if west > east or south > north:
        raise ConfigurationError(f"--bbox {text!r}: west must be <= east and south <= north")
    return west, south, east, north


@app.command("list")
def list_command(
    ctx: typer.Context,
    since: str | None = typer.Option(
        None, "--from", help="event time from (ISO 8601, UTC if no offset)", show_default=False
    ),
    until: str | None = typer.Option(
        None, "--to", help="event time to (exclusive)", show_default=False
    ),
    bbox: str | None = typer.Option(
        None, "--bbox", help="west,south,east,north in degrees", show_default=False
    ),
    act: list[str] = typer.Option([], "--act", help="act (and its refinements); repeatable"),
    source: str | None = typer.Option(None, "--source", help="source name", show_default=False),
    limit: int | None = typer.Option(
        None, "--limit", min=1, help="at most this many rows", show_default=False
    ),
    output: Output = typer.Option(Output.TABLE, "--output", "-o", help="table, csv or geojson"),
) -> None:
    """List observations, oldest first."""
    with errors_reported(ctx):
        where = ObservationFilter(
            start=_time(since, "from"),
            end=_time(until, "to"),
            bbox=_bbox(bbox),
            acts=tuple(act),
            source=source,
            limit=limit,
        )
        rows = list_observations(context(ctx).store(), where, actor=context(ctx).actor)
        if output is Output.CSV:
            _csv(rows)
        elif output is Output.GEOJSON:
            _geojson(rows)
        else:
            _table(rows)


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    return value


def _csv(rows: object) -> None:
    writer = csv.writer(sys.stdout)
    header = ["id", "revision", "content_hash", *NAMES]
    writer.writerow(header)
    for row in rows:  # type: ignore[attr-defined]
        writer.writerow(["" if row.get(h) is None else _plain(row[h]) for h in header])


def _geojson(rows: object) -> None:
    out = sys.stdout
    out.write('{"type":"FeatureCollection","features":[')
    first = True
    for row in rows:  # type: ignore[attr-defined]
        lat = row.get("lat", row.get("observer_lat"))
        lon = row.get("lon", row.get("observer_lon"))
        geometry = None if lat is None else {"type": "Point", "coordinates": [lon, lat]}
        props = {k: _plain(v) for k, v in row.items() if k not in ("lat", "lon")}
        feature = {"type": "Feature", "geometry": geometry, "properties": props}
        out.write(("" if first else ",") + "\n" + json.dumps(feature, ensure_ascii=False))
        first = False
    out.write("\n]}\n")


def _table(rows: object) -> None:
    table = Table("id", "start (UTC)", "act", "where", "source", "rel/cred")
    count = 0
    for row in rows:  # type: ignore[attr-defined]
        count += 1
        if "lat" in row:
            where = f"{row['lat']:.4f}, {row['lon']:.4f}"
        elif "observer_lat" in row:
            where = f"from {row['observer_lat']:.3f}, {row['observer_lon']:.3f}"
        else:
            where = str(row.get("place_name") or row.get("admin1") or row.get("country"))
        table.add_row(
            str(row["id"]),
            str(_plain(row["start"])),
            str(row["act"]),
            where,
            str(row["source_name"]),
            f"{row.get('reliability', 'F')}{row.get('credibility', '6')}",
        )
    console = Console()
    console.print(table)
    console.print(f"{count:,} observation(s)")
