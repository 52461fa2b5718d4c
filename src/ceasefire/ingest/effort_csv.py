"""Observation effort as CSV: one patrol, sensor window or restriction per row.

Headers are the names of ``ceasefire.core.effort.EFFORT_COLUMNS``; ``source_name``, ``kind`` and
``start`` identify the layout and must be present. A route is written longitude first, in one of
three forms: a WKT ``LINESTRING (lon lat, lon lat, …)``, ``lon lat; lon lat`` pairs, or GeoJSON
coordinates ``[[lon, lat], …]`` (quote the cell: it holds commas). Unknown headers refuse the
file, so a typo never silently drops a field. Chunks carry raw text;
``ceasefire.core.effort.parse_effort`` reads them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ceasefire.core.effort import EFFORT_COLUMNS
from ceasefire.core.errors import IngestError
from ceasefire.ingest.base import DEFAULT_CHUNK_ROWS, RawChunk, csv_chunks

NAME = "effort-csv"
KIND = "effort"
DESCRIPTION = "observation effort: patrols, sensor uptime, places not reached (one per row)"

REQUIRED = ("source_name", "kind", "start")
_MAPPING: dict[str, str] = {name: name for name in EFFORT_COLUMNS}


def _header_cells(head: str) -> set[str]:
    first = head.splitlines()[0] if head else ""
    return {c.strip().strip('"').lower() for c in first.split(",")}


def sniff(head: str) -> bool:
    """True when the header row names ``source_name``, ``kind`` and ``start``."""
    return set(REQUIRED) <= _header_cells(head)


def read_chunks(path: Path, chunk_rows: int = DEFAULT_CHUNK_ROWS) -> Iterator[RawChunk]:
    """Chunks of raw effort columns, named as in ``EFFORT_COLUMNS``."""
    for header, chunk in csv_chunks(path, _MAPPING, chunk_rows, required_headers=REQUIRED):
        unknown = [h for h in header if h and h not in _MAPPING]
        if unknown:
            raise IngestError(
                str(path),
                f"row 1, field {unknown[0]}: unknown column; expected "
                f"{', '.join(EFFORT_COLUMNS)} (docs/formats.md)",
            )
        yield chunk
