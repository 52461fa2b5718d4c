"""Party claims as CSV: one claim per row, columns of the claims layout.

Headers are the names of ``ceasefire.core.claims.CLAIM_COLUMNS`` (``period_covered`` is read as
``period``, the name used in ``anchors/claims_2025_partial_ceasefires.csv``). ``claimant``,
``metric`` and ``value`` identify the layout; ``claimant``, ``period`` and ``metric`` must be
present. Chunks carry raw text; ``ceasefire.core.claims.parse_claims`` reads them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ceasefire.core.claims import CLAIM_COLUMNS
from ceasefire.core.errors import IngestError
from ceasefire.ingest.base import DEFAULT_CHUNK_ROWS, RawChunk, csv_chunks

NAME = "party-claims"
KIND = "claims"
DESCRIPTION = "parties' aggregate claims (claimant, period, metric, value, breakdown, source)"

ALIASES: dict[str, str] = {"period_covered": "period"}
"""Other header names read as a claims column."""

_MAPPING: dict[str, str] = {name: name for name in CLAIM_COLUMNS} | ALIASES
_SIGNATURE = ("claimant", "metric", "value")


def _header_cells(head: str) -> set[str]:
    first = head.splitlines()[0] if head else ""
    return {c.strip().strip('"').lower() for c in first.split(",")}


def sniff(head: str) -> bool:
    """True when the header row names ``claimant``, ``metric`` and ``value``."""
    return set(_SIGNATURE) <= _header_cells(head)


def read_chunks(path: Path, chunk_rows: int = DEFAULT_CHUNK_ROWS) -> Iterator[RawChunk]:
    """Chunks of raw claim columns, named as in ``CLAIM_COLUMNS``."""
    for header, chunk in csv_chunks(path, _MAPPING, chunk_rows):
        unknown = [h for h in header if h and h not in _MAPPING]
        if unknown:
            raise IngestError(
                str(path),
                f"row 1, field {unknown[0]}: unknown column; expected "
                f"{', '.join(CLAIM_COLUMNS)} (docs/formats.md)",
            )
        missing = [n for n in ("claimant", "period", "metric") if n not in chunk.columns]
        if missing:
            raise IngestError(str(path), f"row 1: missing column(s) {', '.join(missing)}")
        if "period" in header and "period_covered" in header:
            raise IngestError(
                str(path), "row 1, field period_covered: give period or period_covered, not both"
            )
        yield chunk
