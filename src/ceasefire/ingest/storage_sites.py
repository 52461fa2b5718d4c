"""Weapon storage sites as CSV: one row per site × item, declarations and inspection counts.

Headers are the names of ``ceasefire.core.effort.STORAGE_COLUMNS``; ``site_id`` and
``weapon_type`` with ``declared_count`` or ``counted`` identify the layout. A row with
``declared_count`` declares an item (site fields repeat on each such row); a row with ``counted``
and ``inspected_at`` records what an inspection found; a row may do both.

Why CSV and not a nested JSON or YAML document: declared inventories are exchanged as tables
(the Minsk-era withdrawal lists were), inspection teams fill spreadsheets, and a flat row keeps
the one error scheme of every other format: the spreadsheet row and the column name. A site's
rows are read together, so the file is one chunk (at most :data:`MAX_ROWS` rows).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ceasefire.core.effort import STORAGE_COLUMNS
from ceasefire.core.errors import IngestError
from ceasefire.ingest.base import DEFAULT_CHUNK_ROWS, RawChunk, csv_chunks

NAME = "storage-sites"
KIND = "storage_sites"
DESCRIPTION = "weapon storage sites: declared inventories and inspection counts (site × item)"

REQUIRED = ("site_id", "weapon_type")
MAX_ROWS = 200_000
"""A site's rows may be anywhere in the file, so the file is read as one chunk."""
_MAPPING: dict[str, str] = {name: name for name in STORAGE_COLUMNS}


def _header_cells(head: str) -> set[str]:
    first = head.splitlines()[0] if head else ""
    return {c.strip().strip('"').lower() for c in first.split(",")}


def sniff(head: str) -> bool:
    """True when the header names ``site_id``, ``weapon_type`` and a declared or counted column."""
    cells = _header_cells(head)
    return set(REQUIRED) <= cells and bool({"declared_count", "counted"} & cells)


def read_chunks(path: Path, chunk_rows: int = DEFAULT_CHUNK_ROWS) -> Iterator[RawChunk]:
    """The whole file as one chunk of raw columns (``chunk_rows`` is not used: see above)."""
    chunks = csv_chunks(path, _MAPPING, MAX_ROWS + 1, required_headers=REQUIRED)
    for header, chunk in chunks:
        unknown = [h for h in header if h and h not in _MAPPING]
        if unknown:
            raise IngestError(
                str(path),
                f"row 1, field {unknown[0]}: unknown column; expected "
                f"{', '.join(STORAGE_COLUMNS)} (docs/formats.md)",
            )
        if not {"declared_count", "counted"} & set(chunk.columns):
            raise IngestError(str(path), "row 1: missing column declared_count or counted")
        if chunk.size > MAX_ROWS:
            raise IngestError(
                str(path), f"more than {MAX_ROWS} rows; split the file by site and import each"
            )
        yield chunk
