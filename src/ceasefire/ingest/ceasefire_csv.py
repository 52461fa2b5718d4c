"""Our own CSV layout: one header per column of the flat observation layout.

The headers are the names in ``ceasefire.core.observations.columns.COLUMNS`` (see
``docs/formats.md``); ``source_kind``, ``source_name``, ``start`` and ``act`` are required.
Unknown headers are refused, so a typo never silently drops a field.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ceasefire.core.errors import IngestError
from ceasefire.core.observations.columns import NAMES
from ceasefire.ingest.base import DEFAULT_CHUNK_ROWS, RawChunk, csv_chunks

NAME = "ceasefire-csv"
KIND = "observations"
DESCRIPTION = "ceasefire's own observation CSV (headers = flat column names)"
_REQUIRED = ("source_kind", "source_name", "start", "act")


def sniff(head: str) -> bool:
    """True when the first line is a header of our column names including the required ones."""
    first = head.splitlines()[0] if head else ""
    cells = {c.strip().strip('"') for c in first.split(",")}
    return set(_REQUIRED) <= cells


def read_chunks(path: Path, chunk_rows: int = DEFAULT_CHUNK_ROWS) -> Iterator[RawChunk]:
    """Chunks of raw columns, named as in the flat layout."""
    mapping = {name: name for name in NAMES}
    for header, chunk in csv_chunks(path, mapping, chunk_rows, required_headers=_REQUIRED):
        unknown = [h for h in header if h and h not in mapping]
        if unknown:
            raise IngestError(
                str(path),
                f"row 1, field {unknown[0]}: unknown column; expected names from docs/formats.md",
            )
        yield chunk
