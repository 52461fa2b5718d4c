"""Evidence custody: store a file with its capture metadata, hand it out, collect orphans.

The order of :func:`add_evidence` is the custody procedure of ``docs/evidence.md``: stream the
file (size-limited, hashed, type sniffed from its bytes) into a temporary file, fsync, rename it
to ``ab/cd/<sha256>``, fsync the directory, and only then commit the row and its ledger event in
one unit of work. A failure before the commit leaves at most an orphan file, which :func:`gc`
removes once it is older than the grace period; never a row without its file.
"""

from __future__ import annotations

import hashlib
import io
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from sqlalchemy import Connection
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import IntegrityError

from ceasefire.core.access import Permission, authorize
from ceasefire.core.actor import Actor
from ceasefire.core.custody import (
    EvidenceError,
    EvidenceMetadata,
    EvidenceRecord,
    columns_differ,
    evidence_record,
    normalise_sha256,
    stored_event,
)
from ceasefire.core.errors import CeasefireError, ConfigurationError, NotFound
from ceasefire.core.ledger.verify import Problem, check_row
from ceasefire.settings import Settings
from ceasefire.store import custody as custody_store
from ceasefire.store.database import Store
from ceasefire.store.evidence_files import EvidenceDirectory
from ceasefire.store.ledger import stored_bytes
from ceasefire.workflows.access_log import record_access

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

GRACE = timedelta(hours=1)
"""Orphans younger than this are kept: their row may be about to commit."""


def evidence_root(url: str | URL, settings: Settings) -> Path:
    """The evidence directory: the setting, else ``evidence`` next to the SQLite file."""
    if settings.evidence_dir:
        return Path(settings.evidence_dir)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Path(str(parsed.database)).resolve().parent / "evidence"
    raise ConfigurationError(
        "the evidence directory is not set: set CEASEFIRE_EVIDENCE_DIR (it has a default only "
        "for a SQLite database file)"
    )


def evidence_directory(store: Store, settings: Settings | None = None) -> EvidenceDirectory:
    """The :class:`EvidenceDirectory` of ``store`` under ``settings`` (defaults when None)."""
    return EvidenceDirectory(evidence_root(store.url, settings or Settings()))


def add_evidence(
    store: Store,
    actor: Actor,
    stream: BinaryIO,
    *,
    metadata: EvidenceMetadata,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> EvidenceRecord:
    """Store the file read from ``stream`` with its capture ``metadata``; return its record.

    The same content with the same metadata is stored once (the existing record is returned);
    the same content with other metadata is one file with a second capture row.
    """
    authorize(actor, Permission.UPLOAD_EVIDENCE)
    settings = settings or Settings()
    directory = evidence_directory(store, settings)
    source = metadata.original_name or "evidence"
    received = directory.receive(stream, limit=settings.evidence_max_bytes, source=source)
    try:
        record = evidence_record(received.sha256, received.size, received.media_type, metadata)
        directory.place(received)
    except BaseException:
        directory.discard(received)
        raise
    try:
        return _commit(store, actor, record, now)
    except IntegrityError:  # the same capture committed concurrently: it is stored
        with store.reader.connect() as connection:
            existing = custody_store.find_record(connection, record.content_hash)
        if existing is None:
            raise
        return existing


def _commit(
    store: Store, actor: Actor, record: EvidenceRecord, now: datetime | None
) -> EvidenceRecord:
    with store.unit_of_work(actor, now=now) as uow:
        existing = custody_store.find_record(uow.connection, record.content_hash)
        if existing is not None:
            return existing
        row_id = custody_store.insert_record(uow.connection, record, at=uow.now, by=actor.ref)
        uow.record(
            "evidence.stored", "evidence", f"evidence:{record.sha256}", stored_event(record, row_id)
        )
        return replace(record, row_id=row_id, stored_at=uow.now, stored_by=actor.ref)


def evidence_captures(store: Store, actor: Actor, sha256: str) -> list[EvidenceRecord]:
    """Every capture recorded for the file ``sha256``, oldest first (metadata only).

    Restricted evidence needs ``Permission.READ_RESTRICTED_EVIDENCE`` and the read is written
    to the access log first.
    """
    digest = normalise_sha256(sha256)
    authorize(actor, Permission.READ_EVIDENCE)
    with store.reader.connect() as connection:
        records = custody_store.records_of(connection, digest)
    if not records:
        raise NotFound(f"evidence {digest}: no file with this SHA-256 is in the record")
    if any(r.metadata.restricted for r in records):
        authorize(actor, Permission.READ_RESTRICTED_EVIDENCE)
        record_access(store, actor, Permission.READ_RESTRICTED_EVIDENCE, f"evidence:{digest}")
    return records


def open_evidence(
    store: Store, actor: Actor, sha256: str, *, settings: Settings | None = None
) -> tuple[EvidenceRecord, BinaryIO]:
    """The first capture record of file ``sha256`` and the file, open for reading.

    The stream re-hashes what it reads and raises :class:`EvidenceError` at the end if the
    file on disk no longer has its hash. Close it when done.
    """
    records = evidence_captures(store, actor, sha256)
    directory = evidence_directory(store, settings)
    stream = io.BufferedReader(_HashChecked(directory.open(records[0].sha256), records[0].sha256))
    return records[0], stream


class _HashChecked(io.RawIOBase):
    """Reads a stored file and checks its SHA-256 when the end is reached."""

    def __init__(self, inner: BinaryIO, sha256: str) -> None:
        self._inner = inner
        self._sha256 = sha256
        self._digest = hashlib.sha256()
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        data = self._inner.read(len(view))
        view[: len(data)] = data
        self._digest.update(data)
        if not data and not self._done:
            self._done = True
            if self._digest.hexdigest() != self._sha256:
                raise EvidenceError(
                    f"evidence {self._sha256}: the stored file does not hash to its name; it "
                    "was altered on disk (run `ceasefire ledger verify`)"
                )
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


@dataclass
class GcReport:
    """What :func:`gc` removed and kept."""

    orphans_removed: list[str] = field(default_factory=list)
    temporary_removed: int = 0
    kept_young: int = 0

    def as_json(self) -> dict[str, object]:
        """The machine-readable report."""
        return {
            "orphans_removed": self.orphans_removed,
            "temporary_removed": self.temporary_removed,
            "kept_young": self.kept_young,
        }


def gc(
    store: Store,
    actor: Actor,
    *,
    settings: Settings | None = None,
    grace: timedelta = GRACE,
    now: float | None = None,
) -> GcReport:
    """Remove orphans: stored files no row names, and temporary files, older than ``grace``.

    A file whose row is committed while this runs is kept: storing a file renames a fresh copy
    over it, which makes it young again, and the age is checked again just before removal.
    """
    authorize(actor, Permission.UPLOAD_EVIDENCE)
    directory = evidence_directory(store, settings)
    cutoff = (time.time() if now is None else now) - grace.total_seconds()
    found = list(directory.files())
    with store.reader.connect() as connection:
        known = custody_store.stored_digests(
            connection, [f.sha256 for f in found if f.sha256 is not None]
        )
    report = GcReport()
    for item in found:
        if item.sha256 in known:
            continue
        if item.modified >= cutoff or not directory.remove(item, older_than=cutoff):
            report.kept_young += 1
        elif item.sha256 is None:
            report.temporary_removed += 1
        else:
            report.orphans_removed.append(item.sha256)
    return report


def check_evidence_entry(
    connection: Connection, where: str, content: dict[str, Any], covered: set[int]
) -> tuple[list[Problem], int]:
    """Ledger verify: the row an ``evidence`` entry commits to, and the file it names.

    The row's canonical bytes must hash to the committed ``record_sha256``, its columns must say
    what those bytes say, and the file on disk must still hash to its name.
    """
    row_id, committed = content.get("row"), content.get("sha256")
    if not isinstance(row_id, int) or not isinstance(committed, str):
        return [Problem(where, "its evidence event names no row or file")], 0
    covered.add(row_id)
    row = custody_store.row_of(connection, row_id)
    if row is None:
        return [Problem(where, f"the evidence_files row {row_id} it commits to is missing")], 0
    name = f"evidence_files row {row_id}"
    canonical = stored_bytes(row["canonical"])
    problems = check_row(
        name, str(row["content_hash"]), canonical, str(content.get("record_sha256"))
    )
    wrong = columns_differ(canonical, {c: row[c] for c in custody_store.RECORD_COLUMNS})
    problems += [Problem(name, f"column {c} differs from its canonical record") for c in wrong]
    problems += _file_problems(connection, committed)
    return problems, 1


def _file_problems(connection: Connection, sha256: str) -> list[Problem]:
    where = f"evidence file {sha256}"
    try:
        # verify_ledger takes no settings: the evidence directory comes from the environment.
        directory = EvidenceDirectory(evidence_root(connection.engine.url, Settings.from_env()))
        found = directory.rehash(sha256)
    except CeasefireError as exc:
        return [Problem(where, f"not checked: {exc}")]
    if found is None:
        return [Problem(where, f"missing from the evidence directory {directory.root}")]
    if found != sha256:
        return [Problem(where, "its bytes do not hash to its name: the file was altered")]
    return []


def uncommitted_evidence(
    connection: Connection, covered: set[int], pending: set[str]
) -> list[Problem]:
    """Evidence rows that no ledger entry commits to (pending events are skipped)."""
    return [
        Problem(f"evidence_files row {row_id}", "no ledger entry commits to it")
        for row_id, sha256 in custody_store.row_ids(connection)
        if row_id not in covered and f"evidence:{sha256}" not in pending
    ]
