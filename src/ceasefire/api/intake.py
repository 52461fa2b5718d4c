"""Submissions over HTTP: one record through the single-record path, files through the import.

* One observation (``POST /api/observations``) goes to the process's submission writer
  (:mod:`ceasefire.api.group_commit`): the records queued at a moment are validated together
  (each judged as a one-line JSON Lines file, with the checks and messages of
  ``ceasefire ingest``) and committed in one transaction; each request is answered once the
  transaction holding its record has committed.
* A file (``/bulk``: CSV, JSON Lines, GeoJSON) is written to a temporary file under the name the
  client gave (in memory, on ``/dev/shm``, where there is one; outside the writer lock) and
  imported by :func:`ceasefire.workflows.ingest.ingest_file` — so validation, quarantine,
  revisions and idempotency are exactly those of the command line. Error messages name the
  client's file, not the temporary path.

Either way posting the same observation twice stores it once.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import BaseModel, Field

from ceasefire.api.service import Writes
from ceasefire.core.actor import Actor
from ceasefire.core.errors import IngestError
from ceasefire.ingest.readers import detect, reader_named
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.workflows.ingest import ImportSummary, OnInvalid, ingest_file

Kind = Literal["observations", "claims", "effort", "storage_sites"]
SCRATCH = "/dev/shm" if Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK) else None
"""Where uploads are staged: a memory file system when there is one (a temporary folder there
costs ~0.1 ms, against 1-4 ms on a disk), else the system's temporary folder. Bodies are
bounded by the request-size limit."""


class ProblemOut(BaseModel):
    """One row that was not stored, and why."""

    row: int
    field: str
    reason: str


class ImportOut(BaseModel):
    """What an import did (the same figures as ``ceasefire ingest --json``)."""

    file: str
    format: str
    kind: str
    import_id: int | None = Field(description="null when nothing new was stored")
    rows: int
    accepted: int
    revised: int
    duplicates: int
    quarantined: int
    problems: list[ProblemOut] = Field(default_factory=list)

    @classmethod
    def of(cls, summary: ImportSummary) -> ImportOut:
        """The response for an import summary (at most 1,000 problems listed)."""
        problems = [ProblemOut(row=p.row, field=p.field, reason=p.reason) for p in summary.problems]
        return cls.model_validate(summary.as_json() | {"problems": problems[:1000]})


ALREADY_STORED: dict[int | str, dict[str, Any]] = {
    200: {"model": ImportOut, "description": "nothing new stored (every row a duplicate)"}
}
"""The second answer to a submission sent again (the first is 201)."""


def client_name(name: str | None, default: str) -> str:
    """A safe file name from what the client called its upload.

    >>> client_name("../../etc/obs 1.csv", "upload")
    'obs_1.csv'
    """
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._")[:120]
    return cleaned or default


def one_record_csv(record: Mapping[str, Any]) -> bytes:
    """A header and one row holding ``record`` (values as text)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(record))
    writer.writerow(["" if v is None else str(v) for v in record.values()])
    return out.getvalue().encode()


def ingest_upload(
    write: Writes,
    store: Store,
    actor: Actor,
    body: bytes | IO[bytes],
    *,
    name: str,
    settings: Settings,
    kind: Kind,
    format_name: str | None = None,
    on_invalid: OnInvalid = "quarantine",
) -> ImportSummary:
    """Import ``body`` (bytes or a readable file) as if it were the file ``name``.

    The file is staged before ``write`` takes the writer lock; only the import runs under it.
    """
    with tempfile.TemporaryDirectory(prefix="ceasefire-upload-", dir=SCRATCH) as folder:
        path = Path(folder) / name
        with path.open("wb") as handle:
            if isinstance(body, bytes):
                handle.write(body)
            else:
                shutil.copyfileobj(body, handle, 1 << 20)
        try:
            reader = reader_named(format_name) if format_name else detect(path)
            if kind != reader.KIND:
                raise IngestError(
                    str(path),
                    f"row 1: this is {reader.KIND} ({reader.NAME}), but this route takes {kind}",
                )
            return write(
                ingest_file,
                store,
                actor,
                path,
                settings=settings,
                format_name=reader.NAME,
                on_invalid=on_invalid,
            )
        except IngestError as exc:
            raise _renamed(exc, str(path), name) from None


def _renamed(exc: IngestError, temporary: str, name: str) -> IngestError:
    message = str(exc)
    if message.startswith(f"{exc.source}: "):
        message = message[len(exc.source) + 2 :]
    return IngestError(name, message.replace(temporary, name), exc.problems)
