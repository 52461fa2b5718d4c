"""ACLED's CSV export layout, mapped onto the flat observation layout.

ACLED data may not be redistributed, so this project ships no ACLED rows: the fixtures are rows
we wrote in ACLED's layout. Mapping (``docs/formats.md`` has the full table): key =
``event_id_cnty``; source ``dataset`` / ``ACLED``; act from ``event_type``/``sub_event_type``
refined by ``notes`` (``ceasefire.core.mappings``); window from ``event_date`` and
``time_precision`` in the country's local days; radius from ``geo_precision``;
``alleged_perpetrator`` = ``actor1``; ``fatalities`` → ``unk_killed``; ``notes`` → ``text``;
``source`` → ``derived_from``; ``timestamp`` → ``reported_at``; ``civilian_targeting`` →
target class ``civilian``. Rows that are not military acts (protests, arrests) are problems.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path

from ceasefire.core.errors import RowProblem
from ceasefire.core.mappings import (
    ACLED_GEO_PRECISION_RADIUS_M,
    ACLED_TIME_ZONES,
    NotAnAct,
    acled_act,
    acled_window,
)
from ceasefire.core.taxonomy import SourceKind, TargetClass
from ceasefire.ingest.base import DEFAULT_CHUNK_ROWS, RawChunk, csv_chunks

NAME = "acled"
KIND = "observations"
DESCRIPTION = "ACLED CSV export layout (event_id_cnty, event_date, event_type, …)"

HEADERS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "latitude",
            "longitude")  # fmt: skip
SOURCE_NAME = "ACLED"
OUT = (
    "key", "source_kind", "source_name", "derived_from", "start", "end", "time_precision",
    "source_tz", "reported_at", "lat", "lon", "radius_m", "place_name", "admin1", "country",
    "act", "target_class", "alleged_perpetrator", "unk_killed", "text",
)  # fmt: skip
DERIVED_FROM_MAX = 200


def sniff(head: str) -> bool:
    """True when the header row names ``event_id_cnty``, ``event_date`` and ``event_type``."""
    first = head.splitlines()[0] if head else ""
    cells = {c.strip().strip('"').lower() for c in first.split(",")}
    return {"event_id_cnty", "event_date", "event_type"} <= cells


def read_chunks(path: Path, chunk_rows: int = DEFAULT_CHUNK_ROWS) -> Iterator[RawChunk]:
    """Chunks of flat columns; rows ACLED codes as non-military events become problems."""
    mapping = {name: name for name in HEADERS}
    for _, chunk in csv_chunks(path, mapping, chunk_rows, required_headers=REQUIRED):
        out = RawChunk(columns={name: [] for name in OUT}, rows=[], problems=chunk.problems)
        for index, row in enumerate(chunk.rows):
            cells = {name: values[index] for name, values in chunk.columns.items()}
            try:
                mapped = map_row(cells)
            except NotAnAct as refused:
                out.problems.append(RowProblem(row, "event_type", str(refused)))
                continue
            out.rows.append(row)
            for name in OUT:
                out.columns[name].append(mapped.get(name))
        yield out


def map_row(cells: Mapping[str, str | None]) -> dict[str, str | None]:
    """One ACLED row (header → text) as flat columns; raises NotAnAct for non-military events."""

    def cell(name: str) -> str:
        return (cells.get(name) or "").strip()

    notes = cell("notes")
    act = acled_act(cell("event_type"), cell("sub_event_type"), notes)
    start, end, precision = _window(cell("event_date"), cell("time_precision"))
    source = cell("source")
    text = notes
    if len(source) > DERIVED_FROM_MAX:
        text = f"{notes}\n[sources: {source}]" if notes else f"[sources: {source}]"
        source = source[: DERIVED_FROM_MAX - 1] + "…"
    radius = ACLED_GEO_PRECISION_RADIUS_M.get(_int(cell("geo_precision")) or 0)
    targeting = cell("civilian_targeting").lower().startswith("civilian")
    return {
        "key": cell("event_id_cnty"),
        "source_kind": SourceKind.DATASET.value,
        "source_name": SOURCE_NAME,
        "derived_from": source or None,
        "start": start,
        "end": end,
        "time_precision": precision,
        "source_tz": ACLED_TIME_ZONES.get(cell("iso"), "UTC"),
        "reported_at": _epoch(cell("timestamp")),
        "lat": cell("latitude"),
        "lon": cell("longitude"),
        "radius_m": str(radius) if radius is not None else None,
        "place_name": cell("location") or None,
        "admin1": cell("admin1") or None,
        "country": cell("country") or None,
        "act": act.value,
        "target_class": TargetClass.CIVILIAN.value if targeting else None,
        "alleged_perpetrator": cell("actor1") or None,
        "unk_killed": cell("fatalities") or None,
        "text": text or None,
    }


def _int(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


def read_event_date(text: str) -> date | None:
    """ACLED writes dates as ``2025-04-20``, ``20 April 2025`` or ``20-04-2025``."""
    for layout in ("%Y-%m-%d", "%d %B %Y", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    return None


def _window(event_date: str, precision: str) -> tuple[str, str | None, str | None]:
    """(start, end, time_precision) as text; an unreadable date passes through for the core."""
    day = read_event_date(event_date)
    if day is None:
        return event_date, None, None
    try:
        start, end, kind = acled_window(day, _int(precision) or 1)
    except OverflowError:  # a date at the end of the calendar: the core refuses it
        return event_date, None, None
    return start.isoformat(), end.isoformat(), kind.value


def _epoch(text: str) -> str | None:
    """ACLED's ``timestamp`` (Unix seconds) as UTC ISO text; other text passes through."""
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 11:
        return text
    try:
        return datetime.fromtimestamp(int(text), UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return text
