"""File observations one record at a time (the API's ``POST /api/observations``).

The same contract as importing each record as a one-line JSON Lines file with
``ceasefire ingest --on-invalid reject`` (file name ``observation.jsonl``): the same role check,
the same validation and error messages naming row and field, the same canonical bytes and
content hash, duplicates and revisions by ``(source_name, key)``, salted commitments of
restricted fields and the same ``observations.imported`` event per record — without a temporary
file, and with the writes of many records in one transaction (:mod:`ceasefire.store.submissions`).

Validation (:func:`prepare`, :func:`prepare_many`) needs no database; :func:`prepare_many`
checks many records (from any actors) in one columnar pass, each as if it were alone, and
:func:`store_prepared` writes any number of prepared records in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from ceasefire.core.access import authorize_any, intake_permissions
from ceasefire.core.actor import Actor
from ceasefire.core.errors import CeasefireError, IngestError, PermissionDenied, RowProblem
from ceasefire.core.observations import canonicalise, parse_columns
from ceasefire.ingest.base import MAX_FIELD_CHARS
from ceasefire.ingest.jsonl import ALWAYS, object_cells
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.store.submissions import FILE_NAME, FORMAT, Stored, Submission, store_submissions
from ceasefire.workflows.ingest import ImportSummary

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class SubmitOutcome:
    """What became of one record: stored (new or a revision) or a duplicate."""

    import_id: int | None
    """``None`` when nothing new was stored (the same content is already there)."""
    accepted: int
    revised: int
    duplicates: int

    @classmethod
    def of(cls, stored: Stored) -> SubmitOutcome:
        """The outcome of a stored submission."""
        return cls(stored.import_id, stored.accepted, stored.revised, stored.duplicates)

    def summary(self) -> ImportSummary:
        """The record as the import summary of a one-line file (what the API answers)."""
        return ImportSummary(
            file=FILE_NAME,
            format=FORMAT,
            kind="observations",
            import_id=self.import_id,
            rows_read=1,
            accepted=self.accepted,
            revised=self.revised,
            duplicates=self.duplicates,
        )


def record_line(record: Mapping[str, object]) -> bytes:
    """``record`` as one JSON line (its SHA-256 is the import's ``file_sha256``).

    >>> record_line({"act": "shelling", "lat": 48.5})
    b'{"act": "shelling", "lat": 48.5}\\n'
    """
    return json.dumps(dict(record), ensure_ascii=False, allow_nan=True).encode() + b"\n"


Entry = tuple[Actor, Mapping[str, object]]
"""Who files a record, and the record (one observation in the flat layout)."""


def prepare(
    actor: Actor,
    record: Mapping[str, object],
    *,
    area: BBox | None,
    row: int = 1,
    now: datetime | None = None,
) -> Submission:
    """Check ``actor`` may file observations and validate ``record``; its canonical form.

    Raises :class:`IngestError` (naming ``observation.jsonl``, the row and each field) when the
    record is not valid, with the message ``ceasefire ingest --on-invalid reject`` gives, and
    :class:`~ceasefire.core.errors.PermissionDenied` when the role may not file observations.

    >>> from ceasefire.core.actor import Role
    >>> done = prepare(Actor(user="m", role=Role.MONITOR), {"source_kind": "media",
    ...     "source_name": "Wire", "key": "W-1", "start": "2025-04-20T10:00:00Z",
    ...     "act": "shelling", "lat": 48.5, "lon": 37.7}, area=None)
    >>> done.natural_key, len(done.content_hash)
    (('Wire', 'W-1'), 64)
    """
    (found,) = prepare_many([(actor, record)], area=area, rows=[row], now=now)
    if isinstance(found, CeasefireError):
        raise found
    return found


def prepare_many(
    entries: Sequence[Entry],
    *,
    area: BBox | None,
    rows: Sequence[int] | None = None,
    now: datetime | None = None,
) -> list[Submission | CeasefireError]:
    """:func:`prepare` for several records at once: each is checked as if it were alone (row
    ``rows[i]``, default 1, of its own file), but the columnar validator and the canonical
    form run once over all of them. A refused record gets its error in its place."""
    numbers = list(rows) if rows is not None else [1] * len(entries)
    results: list[Submission | CeasefireError | None] = [None] * len(entries)
    valid: list[int] = []
    lines: list[bytes] = []
    cells_of: list[dict[str, str | None]] = []
    for i, (actor, record) in enumerate(entries):
        try:
            authorize_any(actor, intake_permissions("observations"))
        except PermissionDenied as exc:
            results[i] = exc
            continue
        line = record_line(record)
        problems = _line_problems(record, line, numbers[i])
        cells: dict[str, str | None] = {}
        if not problems:
            cells, problems = object_cells(record, numbers[i])
        if problems:
            results[i] = _rejected(problems)
            continue
        valid.append(i)
        lines.append(line)
        cells_of.append(cells)
    if valid:
        _validate(entries, valid, lines, cells_of, numbers, results, area, now)
    return [r if r is not None else _rejected([]) for r in results]


def _validate(  # noqa: PLR0917 - one private step of prepare_many
    entries: Sequence[Entry],
    valid: list[int],
    lines: list[bytes],
    cells_of: list[dict[str, str | None]],
    numbers: list[int],
    results: list[Submission | CeasefireError | None],
    area: BBox | None,
    now: datetime | None,
) -> None:
    """One columnar pass over the records in ``valid`` (position ``j`` is row ``j`` inside)."""
    names = dict.fromkeys((*ALWAYS, *(n for cells in cells_of for n in cells)))
    raw = {name: [cells.get(name) for cells in cells_of] for name in names}
    batch, problems = parse_columns(raw, row_numbers=range(len(valid)), now=now, area=area)
    refused: dict[int, list[RowProblem]] = {}
    for problem in problems:
        i = valid[problem.row]
        refused.setdefault(i, []).append(RowProblem(numbers[i], problem.field, problem.reason))
    for i, found in refused.items():
        results[i] = _rejected(found)
    if batch.size == 0:
        return
    keys, blobs, hashes = canonicalise(batch)
    for j, cells, key, blob, digest in zip(
        batch.rows.tolist(), batch.records(), keys.tolist(), blobs, hashes, strict=True
    ):
        i = valid[j]
        results[i] = Submission(
            actor=entries[i][0],
            line_sha256=hashlib.sha256(lines[j]).hexdigest(),
            cells=cells,
            key=str(key),
            canonical=blob,
            content_hash=digest,
            row=numbers[i],
        )


def _rejected(problems: list[RowProblem]) -> IngestError:
    """The error of ``ceasefire ingest --on-invalid reject`` for a refused one-line file."""
    if not problems:
        return IngestError(FILE_NAME, "rejected, nothing stored")
    first = problems[0]
    return IngestError(
        FILE_NAME,
        f"rejected, nothing stored: {len(problems)} problem(s); first: row "
        f"{first.row}, field {first.field}: {first.reason}",
        problems,
    )


def _line_problems(record: Mapping[str, object], line: bytes, row: int) -> list[RowProblem]:
    """What the JSON Lines reader refuses before it looks at the members."""
    if len(line) > MAX_FIELD_CHARS:
        return [RowProblem(row, "(row)", f"line longer than {MAX_FIELD_CHARS} bytes")]
    for value in record.values():
        if isinstance(value, float) and not math.isfinite(value):
            name = "NaN" if math.isnan(value) else ("-Infinity" if value < 0 else "Infinity")
            return [RowProblem(row, "(row)", f"not valid JSON: {name} is not a number JSON allows")]
    return []


def store_prepared(store: Store, submissions: Sequence[Submission]) -> list[SubmitOutcome]:
    """Store prepared records (of any actors) in one transaction; one outcome each, in order."""
    if not submissions:
        return []
    with store.unit_of_work(submissions[0].actor) as uow:
        stored = store_submissions(uow.connection, uow.now, submissions)
        uow.events += sum(s.import_id is not None for s in stored)
    return [SubmitOutcome.of(s) for s in stored]


def submit_observations(
    store: Store,
    actor: Actor,
    records: Sequence[Mapping[str, object]],
    *,
    settings: Settings,
) -> list[SubmitOutcome]:
    """File ``records`` on behalf of ``actor``: each as if it were its own one-line file.

    All records are validated first (record *n* is row *n*); if any is invalid nothing is
    stored and :class:`IngestError` names the first problem. Then all are stored in one
    transaction: a record whose content is already stored is a duplicate (nothing stored), one
    whose natural key is known with other content a new revision.
    """
    found = prepare_many(
        [(actor, record) for record in records],
        area=settings.area_of_interest,
        rows=range(1, len(records) + 1),
    )
    for outcome in found:
        if isinstance(outcome, CeasefireError):
            raise outcome
    return store_prepared(store, [s for s in found if isinstance(s, Submission)])
