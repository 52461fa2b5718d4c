"""Evidence custody, the pure part: what a file is, where it lives, what the record says.

* :class:`Sniffer` decides a file's media type from its content (magic bytes; UTF-8 text and
  JSON by decoding), never from its name; fed chunk by chunk while the file streams in.
* :func:`evidence_path_parts` turns a SHA-256 hex digest into the relative location
  ``ab/cd/<digest>`` after checking it is exactly 64 hex digits, so nothing a user types
  becomes a path.
* :func:`evidence_record` builds the canonical record of a stored file and its capture metadata;
  its bytes are stored with the row and the ledger commits to their hash.

>>> sniff(b"%PDF-1.7 ...")
'application/pdf'
>>> evidence_path_parts("AB" + "cd" * 31)
('ab', 'cd', 'abcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd')
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ceasefire.core.errors import CeasefireError
from ceasefire.core.ledger.canonical import canonical_bytes, content_hash, utc_text

OCTET_STREAM = "application/octet-stream"
HEAD_BYTES = 4096
"""How much of the start of a file the magic-byte tests look at."""
JSON_PARSE_LIMIT = 8 * 1024 * 1024
"""Text up to this size is parsed in full to call it JSON; longer text is JSON when it starts
with ``{`` or ``[`` and ends with the matching bracket."""
_HEX64 = re.compile(r"[0-9a-f]{64}")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
"""Bytes that do not occur in plain text (tab, line feed, form feed and return do); in UTF-8
they never occur inside a multi-byte character, so the raw bytes can be searched."""


class EvidenceError(CeasefireError):
    """An evidence file cannot be stored or read (too large, empty, altered, bad digest)."""


def normalise_sha256(text: str) -> str:
    """A SHA-256 hex digest in lower case, or :class:`EvidenceError` naming what was wrong.

    >>> normalise_sha256(" " + "0F" * 32 + " ")[:4]
    '0f0f'
    """
    digest = text.strip().lower()
    if not _HEX64.fullmatch(digest):
        raise EvidenceError(f"{text[:80]!r}: expected a SHA-256 digest, 64 hexadecimal digits")
    return digest


def evidence_path_parts(sha256: str) -> tuple[str, str, str]:
    """The stored file's place under the evidence directory: ``(ab, cd, digest)``."""
    digest = normalise_sha256(sha256)
    return digest[:2], digest[2:4], digest


def is_evidence_name(name: str) -> bool:
    """True for a stored file name (64 lower-case hex digits); temporary files are not.

    >>> is_evidence_name("a" * 64), is_evidence_name("a" * 63 + ".part")
    (True, False)
    """
    return bool(_HEX64.fullmatch(name))


def _magic(head: bytes) -> str | None:
    """The media type told by magic bytes, or ``None`` when the head is not a known format."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head[4:8] == b"ftyp":
        return "video/quicktime" if head[8:12] == b"qt  " else "video/mp4"
    if head[4:8] in (b"moov", b"mdat", b"wide") and len(head) >= 8:
        return "video/quicktime"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm" if b"webm" in head[:64] else "video/x-matroska"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "application/zip"
    return None


class Sniffer:
    """Decides a media type from content fed in order; :meth:`media_type` at the end.

    >>> s = Sniffer(); s.feed(b'{"a": '); s.feed(b'[1, 2]}'); s.media_type()
    'application/json'
    >>> s = Sniffer(); s.feed("Донецьк".encode()); s.media_type()
    'text/plain; charset=utf-8'
    """

    def __init__(self) -> None:
        self._head = bytearray()
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._text = True
        self._kept: list[str] = []
        self._kept_size = 0
        self._first = ""
        self._last = ""
        self.size = 0

    def feed(self, chunk: bytes) -> None:
        """Look at the next chunk of the file."""
        if not chunk:
            return
        self.size += len(chunk)
        if len(self._head) < HEAD_BYTES:
            self._head += chunk[: HEAD_BYTES - len(self._head)]
        if not self._text:
            return
        if _CONTROL_BYTES.search(chunk):
            self._text = False
            return
        try:
            text = self._decoder.decode(chunk)
        except UnicodeDecodeError:
            self._text = False
            return
        stripped = text.strip()
        if stripped:
            self._first = self._first or stripped.lstrip("\ufeff")[:1]
            self._last = stripped[-1]
        if self._kept_size <= JSON_PARSE_LIMIT:
            self._kept.append(text)
            self._kept_size += len(chunk)

    def media_type(self) -> str:
        """The media type of everything fed; ``application/octet-stream`` when unknown."""
        found = _magic(bytes(self._head))
        if found is not None:
            return found
        if not self._text or self.size == 0:
            return OCTET_STREAM
        try:
            self._decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return OCTET_STREAM
        if self._looks_like_json():
            return "application/json"
        return "text/plain; charset=utf-8"

    def _looks_like_json(self) -> bool:
        if (self._first, self._last) not in (("{", "}"), ("[", "]")):
            return False
        if self._kept_size > JSON_PARSE_LIMIT:
            return True
        try:
            json.loads("".join(self._kept).lstrip("\ufeff"))
        except ValueError:
            return False
        return True


def sniff(data: bytes) -> str:
    """The media type of a whole file held in memory (see :class:`Sniffer`)."""
    sniffer = Sniffer()
    sniffer.feed(data)
    return sniffer.media_type()


class EvidenceMetadata(BaseModel):
    """What the caller says about a capture; kept with the file's hash.

    ``original_name`` is only text: it never becomes a path and never decides the type.
    """

    model_config = ConfigDict(frozen=True)

    url: str | None = Field(default=None, max_length=2000)
    captured_at: datetime | None = None
    collector: str | None = Field(default=None, max_length=200)
    tool: str | None = Field(default=None, max_length=200)
    original_name: str | None = Field(default=None, max_length=500)
    restricted: bool = False

    @field_validator("captured_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("expected a time with a UTC offset, e.g. 2025-04-20T10:00:00Z")
        return value


@dataclass(frozen=True, slots=True)
class EvidenceRecord:
    """A stored file and one capture of it, as the record holds them."""

    sha256: str
    size: int
    media_type: str
    metadata: EvidenceMetadata
    canonical: bytes
    content_hash: str
    row_id: int | None = None
    stored_at: datetime | None = None
    stored_by: str | None = None

    def as_json(self) -> dict[str, object]:
        """The record for display (``--json``)."""
        return {
            **json.loads(self.canonical),
            "record_sha256": self.content_hash,
            "stored_at": utc_text(self.stored_at) if self.stored_at else None,
            "stored_by": self.stored_by,
        }


def evidence_record(
    sha256: str, size: int, media_type: str, metadata: EvidenceMetadata
) -> EvidenceRecord:
    """The canonical record of a file and its capture (no time or actor: adding the same file
    with the same metadata twice gives the same bytes, so it is stored once).

    >>> r = evidence_record("0" * 64, 3, "text/plain; charset=utf-8", EvidenceMetadata())
    >>> r.canonical[:40]
    b'{"captured_at":null,"collector":null,"me'
    """
    content: dict[str, Any] = {
        "sha256": normalise_sha256(sha256),
        "size": size,
        "media_type": media_type,
        "url": metadata.url,
        "captured_at": utc_text(metadata.captured_at) if metadata.captured_at else None,
        "collector": metadata.collector,
        "tool": metadata.tool,
        "original_name": metadata.original_name,
        "restricted": metadata.restricted,
    }
    data = canonical_bytes(content)
    return EvidenceRecord(
        sha256=content["sha256"],
        size=size,
        media_type=media_type,
        metadata=metadata,
        canonical=data,
        content_hash=content_hash(data),
    )


def stored_event(record: EvidenceRecord, row_id: int) -> dict[str, object]:
    """What the ledger event of a stored capture holds: the file's hash and the hash of the
    canonical record (not the metadata itself, which may name a monitor)."""
    return {
        "row": row_id,
        "sha256": record.sha256,
        "record_sha256": record.content_hash,
        "size": record.size,
        "media_type": record.media_type,
        "restricted": record.metadata.restricted,
    }


def columns_differ(canonical: bytes, columns: dict[str, object]) -> list[str]:
    """Names of the row's columns that say something else than its stored canonical bytes
    (compared by parsing the bytes, never by re-serialising the columns)."""
    try:
        stored = json.loads(canonical)
    except ValueError:
        return ["canonical"]
    if not isinstance(stored, dict):
        return ["canonical"]
    wrong = []
    for name, value in columns.items():
        shown = utc_text(value) if isinstance(value, datetime) else value
        if stored.get(name) != shown:
            wrong.append(name)
    return wrong
