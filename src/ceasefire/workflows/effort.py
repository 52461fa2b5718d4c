"""Import chunks of observation effort and of weapon storage sites (called by ``ingest_file``).

Each handler parses a chunk with the pure core, stores what is valid inside the import's unit
of work, adds every problem to ``problems`` (the caller quarantines them) and returns the
SHA-256 digests of the rows it stored, for the import's Merkle root. Same contract as the
observation and claims handlers in ``ceasefire.workflows.ingest``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection

from ceasefire.core.effort import parse_effort, parse_storage_sites, undeclared_counts
from ceasefire.core.errors import IngestError, RowProblem
from ceasefire.ingest.base import RawChunk
from ceasefire.settings import Settings
from ceasefire.store.effort import current_sites, write_effort, write_storage
from ceasefire.store.revisions import WriteOutcome

if TYPE_CHECKING:
    from ceasefire.workflows.ingest import ImportSummary


def _count(summary: ImportSummary, outcome: WriteOutcome, problems: list[RowProblem]) -> None:
    summary.accepted += outcome.accepted
    summary.revised += outcome.revised
    summary.duplicates += outcome.duplicates
    problems += outcome.conflicts


def effort_chunk(
    connection: Connection,
    summary: ImportSummary,
    chunk: RawChunk,
    problems: list[RowProblem],
    settings: Settings | None = None,
) -> list[bytes]:
    """Parse and store a chunk of effort records; return the stored rows' digests."""
    area = settings.area_of_interest if settings is not None else None
    try:
        records, parse_problems = parse_effort(chunk.columns, chunk.rows, area=area)
    except ValueError as exc:
        raise IngestError(summary.file, f"row 1: {exc}") from exc
    problems += parse_problems
    outcome = write_effort(connection, int(summary.import_id or 0), records)
    _count(summary, outcome, problems)
    return outcome.stored_hashes


def storage_sites_chunk(
    connection: Connection,
    summary: ImportSummary,
    chunk: RawChunk,
    problems: list[RowProblem],
    settings: Settings | None = None,
) -> list[bytes]:
    """Parse and store declared sites and inspections; an inspection of a site declared in an
    earlier import is checked against the site's current declaration in the store."""
    area = settings.area_of_interest if settings is not None else None
    try:
        sites, inspections, parse_problems = parse_storage_sites(
            chunk.columns, chunk.rows, area=area
        )
    except ValueError as exc:
        raise IngestError(summary.file, f"row 1: {exc}") from exc
    problems += parse_problems
    declared_here = {site.site_id for site in sites}
    elsewhere = {i.site_id for i in inspections if i.site_id not in declared_here}
    stored = current_sites(connection, elsewhere)
    kept = []
    for inspection in inspections:
        if inspection.site_id in declared_here:
            kept.append(inspection)
            continue
        site = stored.get(inspection.site_id)
        found = (
            undeclared_counts(inspection, site)
            if site is not None
            else [
                RowProblem(
                    count.row or 0,
                    "site_id",
                    f"site {inspection.site_id} is not declared in this file or the store",
                )
                for count in inspection.counts
            ]
        )
        if found:
            problems += found
            flagged = {p.row for p in found}
            first = min(flagged)
            problems += [
                RowProblem(
                    count.row or 0,
                    "site_id",
                    f"inspection {inspection.key} held back: row {first} is invalid",
                )
                for count in inspection.counts
                if count.row not in flagged
            ]
        else:
            kept.append(inspection)
    outcome = write_storage(connection, int(summary.import_id or 0), sites, kept)
    _count(summary, outcome, problems)
    return outcome.stored_hashes
