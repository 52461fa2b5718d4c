"""Import a file of observations or claims: atomic per file, idempotent, nothing lost.

Rules (the contract of ``ceasefire ingest``):

* ``on_invalid="quarantine"`` keeps the valid rows and stores each invalid row in the quarantine
  table with file, row, field and reason; ``"reject"`` stores nothing if any row is invalid.
* Importing the same file again stores nothing new. The same natural key with different content
  is stored as a new revision linked to the previous one.
* The whole file is one transaction: a killed import leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import Connection, insert, select, update

from ceasefire.core.access import authorize_any, intake_permissions
from ceasefire.core.actor import Actor
from ceasefire.core.claims import parse_claims
from ceasefire.core.errors import IngestError, RowProblem
from ceasefire.core.ledger.merkle import MerkleFold
from ceasefire.core.observations import canonicalise, parse_columns
from ceasefire.ingest.base import RawChunk
from ceasefire.ingest.readers import detect, reader_named
from ceasefire.settings import Settings
from ceasefire.store.claims import write_claims
from ceasefire.store.database import Store
from ceasefire.store.observations import drop_incoming, write_chunk
from ceasefire.store.schema import imports, quarantine
from ceasefire.workflows.effort import effort_chunk, storage_sites_chunk

OnInvalid = Literal["quarantine", "reject"]
Progress = Callable[[int], None]


@dataclass
class ImportSummary:
    """What an import did; ``as_json()`` is what ``ceasefire ingest --json`` prints."""

    file: str
    format: str
    kind: str
    import_id: int | None = None
    rows_read: int = 0
    accepted: int = 0
    revised: int = 0
    duplicates: int = 0
    quarantined: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        """The machine-readable summary."""
        return {
            "file": self.file,
            "format": self.format,
            "kind": self.kind,
            "import_id": self.import_id,
            "rows": self.rows_read,
            "accepted": self.accepted,
            "revised": self.revised,
            "duplicates": self.duplicates,
            "quarantined": self.quarantined,
        }


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, streamed."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise IngestError(str(path), f"cannot read the file: {exc.strerror}") from exc
    return digest.hexdigest()


def ingest_file(
    store: Store,
    actor: Actor,
    path: Path,
    *,
    settings: Settings,
    format_name: str | None = None,
    on_invalid: OnInvalid = "quarantine",
    progress: Progress | None = None,
) -> ImportSummary:
    """Import ``path`` into ``store`` on behalf of ``actor``; see the module docstring."""
    if not path.is_file():
        raise IngestError(str(path), "no such file")
    reader = reader_named(format_name) if format_name else detect(path)
    summary = ImportSummary(file=path.name, format=reader.NAME, kind=reader.KIND)
    authorize_any(actor, intake_permissions(reader.KIND))
    digest = file_sha256(path)
    with store.unit_of_work(actor) as uow:
        connection = uow.connection
        import_id = connection.execute(
            insert(imports)
            .values(
                file_name=path.name,
                file_sha256=digest,
                format=reader.NAME,
                kind=reader.KIND,
                actor=actor.ref,
                on_invalid=on_invalid,
                received_at=uow.now,
            )
            .returning(imports.c.id)
        ).scalar_one()
        summary.import_id = int(import_id)
        already = _quarantined_before(connection, digest)
        stored_hashes = MerkleFold()  # a running fold: no list of a million hashes
        new_quarantine = 0
        for chunk in reader.read_chunks(path, settings.chunk_rows):
            problems = list(chunk.problems)
            summary.rows_read += chunk.size + len({p.row for p in chunk.problems})
            if reader.KIND == "claims":
                stored_hashes.extend(_claims_chunk(connection, summary, chunk, problems))
            elif reader.KIND == "effort":
                stored_hashes.extend(effort_chunk(connection, summary, chunk, problems, settings))
            elif reader.KIND == "storage_sites":
                stored_hashes.extend(
                    storage_sites_chunk(connection, summary, chunk, problems, settings)
                )
            else:
                stored_hashes.extend(
                    _observations_chunk(connection, summary, chunk, problems, settings)
                )
            if problems and on_invalid == "reject":
                first = problems[0]
                raise IngestError(
                    str(path),
                    f"rejected, nothing stored: {len(problems)} problem(s); first: row "
                    f"{first.row}, field {first.field}: {first.reason}",
                    problems,
                )
            summary.problems += problems
            new_quarantine += _quarantine(
                connection,
                import_id,
                file_name=path.name,
                chunk=chunk,
                problems=problems,
                already=already,
            )
            if progress is not None:
                progress(summary.rows_read)
        summary.quarantined = len({p.row for p in summary.problems})
        drop_incoming(connection)
        if summary.accepted + summary.revised + new_quarantine == 0:
            # Nothing new: leave no trace, so a re-import stores nothing at all.
            uow.rollback()
            summary.import_id = None
            return summary
        connection.execute(
            update(imports)
            .where(imports.c.id == import_id)
            .values(
                rows_read=summary.rows_read,
                accepted=summary.accepted,
                revised=summary.revised,
                duplicates=summary.duplicates,
                quarantined=summary.quarantined,
            )
        )
        uow.record(
            f"{reader.KIND}.imported",
            "import",
            f"import:{import_id}",
            {
                "file_name": path.name,
                "file_sha256": digest,
                "format": reader.NAME,
                "on_invalid": on_invalid,
                "accepted": summary.accepted,
                "revised": summary.revised,
                "duplicates": summary.duplicates,
                "quarantined": summary.quarantined,
                "rows_merkle_root": stored_hashes.root().hex(),
                "rows_stored": stored_hashes.count,
            },
        )
    return summary


def _observations_chunk(
    connection: Connection,
    summary: ImportSummary,
    chunk: RawChunk,
    problems: list[RowProblem],
    settings: Settings,
) -> list[bytes]:
    try:
        batch, parse_problems = parse_columns(
            chunk.columns, row_numbers=chunk.rows, area=settings.area_of_interest
        )
    except ValueError as exc:
        raise IngestError(summary.file, f"row 1: {exc}") from exc
    problems += parse_problems
    keys, blobs, hashes = canonicalise(batch)
    outcome = write_chunk(
        connection,
        int(summary.import_id or 0),
        batch=batch,
        keys=keys.tolist(),
        blobs=blobs,
        hashes=hashes,
    )
    summary.accepted += outcome.accepted
    summary.revised += outcome.revised
    summary.duplicates += outcome.duplicates
    problems += [problem for _, problem in outcome.conflicts]
    return outcome.stored_hashes


def _claims_chunk(
    connection: Connection, summary: ImportSummary, chunk: RawChunk, problems: list[RowProblem]
) -> list[bytes]:
    try:
        batch, parse_problems = parse_claims(chunk.columns, chunk.rows)
    except ValueError as exc:
        raise IngestError(summary.file, f"row 1: {exc}") from exc
    problems += parse_problems
    outcome = write_claims(connection, int(summary.import_id or 0), batch)
    summary.accepted += outcome.accepted
    summary.revised += outcome.revised
    summary.duplicates += outcome.duplicates
    problems += outcome.conflicts
    return outcome.stored_hashes


def _quarantined_before(connection: Connection, file_digest: str) -> set[tuple[int, str, str]]:
    rows = connection.execute(
        select(quarantine.c.row, quarantine.c.field, quarantine.c.reason)
        .join(imports, imports.c.id == quarantine.c.import_id)
        .where(imports.c.file_sha256 == file_digest)
    )
    return {(r.row, r.field, r.reason) for r in rows}


def _quarantine(
    connection: Connection,
    import_id: int,
    *,
    file_name: str,
    chunk: RawChunk,
    problems: list[RowProblem],
    already: set[tuple[int, str, str]],
) -> int:
    fresh = [p for p in problems if (p.row, p.field, p.reason) not in already]
    if not fresh:
        return 0
    position = {row: i for i, row in enumerate(chunk.rows)}

    def raw(row: int) -> str | None:
        at = position.get(row)
        if at is None:
            return None
        cells = {name: values[at] for name, values in chunk.columns.items() if values[at]}
        return json.dumps(cells, ensure_ascii=False, sort_keys=True)

    connection.execute(
        insert(quarantine),
        [
            {
                "import_id": import_id,
                "file_name": file_name,
                "row": p.row,
                "field": p.field,
                "reason": p.reason,
                "raw": raw(p.row),
            }
            for p in fresh
        ],
    )
    already.update((p.row, p.field, p.reason) for p in fresh)
    return len(fresh)
