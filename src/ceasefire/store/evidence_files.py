"""The evidence directory: files content-addressed by SHA-256 at ``ab/cd/<sha256>``.

Receiving a file streams it, with a size limit, into a temporary file in ``incoming/`` (same file
system, so the rename is atomic), hashing and sniffing it on the way; the file is fsynced, then
renamed into place and its directory fsynced. Only then does the caller commit the row: a crash in
between leaves an *orphan* (a file no row names), which :meth:`EvidenceDirectory.orphans` finds
and the garbage collector removes after a grace period. No name from user input is ever part of a
path: every path is derived from a validated hex digest.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ceasefire.core.custody import EvidenceError, Sniffer, evidence_path_parts, is_evidence_name

CHUNK = 1024 * 1024
INCOMING = "incoming"
FILE_MODE = 0o440


@dataclass(frozen=True)
class Received:
    """A file streamed into ``incoming/``, hashed and sniffed, not yet in place."""

    sha256: str
    size: int
    media_type: str
    temporary: Path


@dataclass(frozen=True)
class StoredFile:
    """A file found in the evidence directory (stored or still incoming)."""

    path: Path
    sha256: str | None
    modified: float


def _fsync_directory(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class EvidenceDirectory:
    """The evidence files under one root directory."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, sha256: str) -> Path:
        """Where the file with this digest lives (the digest is validated first)."""
        first, second, name = evidence_path_parts(sha256)
        return self.root / first / second / name

    def receive(self, stream: BinaryIO, *, limit: int, source: str) -> Received:
        """Stream ``stream`` into a temporary file, at most ``limit`` bytes; fsync it.

        Raises :class:`EvidenceError` (and leaves no file) when the stream is empty or larger
        than ``limit``; ``source`` names the input in messages.
        """
        incoming = self.root / INCOMING
        incoming.mkdir(parents=True, exist_ok=True)
        temporary = incoming / f"{secrets.token_hex(16)}.part"
        digest = hashlib.sha256()
        sniffer = Sniffer()
        try:
            with temporary.open("xb") as out:
                while chunk := stream.read(CHUNK):
                    if sniffer.size + len(chunk) > limit:
                        raise EvidenceError(
                            f"{source}: larger than the evidence size limit of {limit:,} bytes "
                            "(CEASEFIRE_EVIDENCE_MAX_BYTES); nothing was stored"
                        )
                    digest.update(chunk)
                    sniffer.feed(chunk)
                    out.write(chunk)
                if sniffer.size == 0:
                    raise EvidenceError(f"{source}: the file is empty; nothing was stored")
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return Received(digest.hexdigest(), sniffer.size, sniffer.media_type(), temporary)

    def place(self, received: Received) -> Path:
        """Rename a received file to ``ab/cd/<sha256>`` and fsync the directories that changed.

        When the file is there already (the same content again), it is replaced by the new
        copy, which is byte-identical and resets its age for the garbage collector.
        """
        target = self.path_of(received.sha256)
        created = [p for p in (target.parent.parent, target.parent) if not p.exists()]
        target.parent.mkdir(parents=True, exist_ok=True)
        received.temporary.chmod(FILE_MODE)
        received.temporary.replace(target)
        _fsync_directory(target.parent)
        for directory in reversed(created):
            _fsync_directory(directory.parent)
        return target

    def discard(self, received: Received) -> None:
        """Remove a received file that will not be placed."""
        received.temporary.unlink(missing_ok=True)

    def open(self, sha256: str) -> BinaryIO:
        """The stored file, opened for reading; :class:`EvidenceError` when it is missing."""
        path = self.path_of(sha256)
        try:
            return path.open("rb")
        except FileNotFoundError:
            raise EvidenceError(
                f"evidence {sha256}: the file is missing from the evidence directory {self.root}"
            ) from None

    def rehash(self, sha256: str) -> str | None:
        """SHA-256 of the stored file as it is now, or ``None`` when it is missing."""
        try:
            with self.path_of(sha256).open("rb") as stored:
                return hashlib.file_digest(stored, "sha256").hexdigest()
        except FileNotFoundError:
            return None

    def files(self) -> Iterator[StoredFile]:
        """Every stored file (``sha256`` set) and every temporary file (``sha256`` None).

        Anything else under the root is left alone and not listed.
        """
        if not self.root.is_dir():
            return
        for first in sorted(self.root.iterdir()):
            if first.name == INCOMING and first.is_dir():
                for part in sorted(first.glob("*.part")):
                    yield StoredFile(part, None, part.stat().st_mtime)
                continue
            if not (len(first.name) == 2 and first.is_dir()):
                continue
            for second in sorted(first.iterdir()):
                if not second.is_dir():
                    continue
                for item in sorted(second.iterdir()):
                    name = item.name
                    if (
                        is_evidence_name(name)
                        and name[:2] == first.name
                        and name[2:4] == second.name
                    ):
                        yield StoredFile(item, name, item.stat().st_mtime)

    def remove(self, found: StoredFile, *, older_than: float) -> bool:
        """Delete a listed file if it is still older than ``older_than`` (a POSIX time)."""
        try:
            if found.path.stat().st_mtime >= older_than:
                return False
            found.path.unlink()
        except FileNotFoundError:
            return False
        return True
