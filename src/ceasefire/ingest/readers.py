"""The registry of input formats and detection from content.

Formats are tried in the order of :data:`READERS`; the first whose ``sniff`` accepts the file's
first bytes wins. ``--format`` names one directly.
"""

from __future__ import annotations

from pathlib import Path

from ceasefire.core.errors import IngestError
from ceasefire.ingest import (
    acled,
    ceasefire_csv,
    claims_csv,
    effort_csv,
    geojson,
    jsonl,
    storage_sites,
    ucdp,
)
from ceasefire.ingest.base import Reader, read_head

READERS: tuple[Reader, ...] = (
    acled,
    ucdp,
    claims_csv,
    effort_csv,
    storage_sites,
    geojson,
    jsonl,
    ceasefire_csv,
)
"""Known formats, most specific first."""


def reader_named(name: str) -> Reader:
    """The reader for ``--format NAME``."""
    for reader in READERS:
        if name == reader.NAME:
            return reader
    known = ", ".join(r.NAME for r in READERS)
    raise IngestError(name, f"unknown format; expected one of {known}")


def detect(path: Path) -> Reader:
    """The reader whose format the file's content matches (not its name)."""
    head = read_head(path)
    for reader in READERS:
        if reader.sniff(head):
            return reader
    known = ", ".join(r.NAME for r in READERS)
    raise IngestError(
        str(path),
        f"row 1: the format is not recognised (known: {known}); check the header row "
        "or pass --format",
    )
