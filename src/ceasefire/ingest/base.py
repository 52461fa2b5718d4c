"""The reader contract: every input format becomes chunks of raw text columns.

A reader is a module with ``NAME`` (the ``--format`` value), ``KIND`` (``"observations"`` or
``"claims"``), ``sniff(head)`` (does this file's first bytes look like my format?) and
``read_chunks(path, chunk_rows)`` yielding :class:`RawChunk`. Readers only read and map columns
to the flat layout of ``ceasefire.core.observations.columns`` (or of claims); validation is the
core's job. Row numbers are as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Protocol

from ceasefire.core.errors import IngestError, RowProblem

DEFAULT_CHUNK_ROWS = 50_000
MAX_FIELD_CHARS = 1_000_000


@dataclass
class RawChunk:
    """Up to ``chunk_rows`` rows of one file as text columns in the flat layout."""

    columns: dict[str, list[str | None]]
    rows: list[int]
    problems: list[RowProblem] = field(default_factory=list)
    """Rows the reader could not map at all (they are not in ``columns``)."""

    @property
    def size(self) -> int:
        return len(self.rows)


class Reader(Protocol):
    """What ``ceasefire.ingest.readers`` expects of a format module."""

    NAME: str
    KIND: str
    DESCRIPTION: str

    def sniff(self, head: str) -> bool: ...

    def read_chunks(
        self, path: Path, chunk_rows: int = DEFAULT_CHUNK_ROWS
    ) -> Iterator[RawChunk]: ...


def read_head(path: Path, size: int = 65_536) -> str:
    """The first bytes of a file as text, for sniffing; refuses binary and undecodable files."""
    try:
        with path.open("rb") as handle:
            data = handle.read(size)
    except OSError as exc:
        raise IngestError(str(path), f"cannot read the file: {exc.strerror}") from exc
    if not data.strip():
        raise IngestError(str(path), "the file is empty")
    if b"\x00" in data:
        raise IngestError(str(path), "the file is binary, not text (found NUL bytes)")
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        return decoder.decode(data, final=False)
    except UnicodeDecodeError as exc:
        raise IngestError(
            str(path),
            f"row {_line_at(data, exc.start)}: not valid UTF-8 (byte {exc.start}); "
            "save the file as UTF-8",
        ) from exc


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


class _LineCounter:
    """Wraps a text stream; tells which line a csv.reader is on and reports decoding errors."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle = path.open("r", encoding="utf-8-sig", newline="")
        self.line = 0

    def __iter__(self) -> _LineCounter:
        return self

    def __next__(self) -> str:
        try:
            text = next(self.handle)
        except UnicodeDecodeError as exc:
            raise IngestError(
                str(self.path), f"row {self.line + 1}: not valid UTF-8; save the file as UTF-8"
            ) from exc
        self.line += 1
        return text

    def close(self) -> None:
        self.handle.close()


def csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for each record of a CSV file; the header is row 1.

    Row numbers count records, so a quoted field spanning lines still gives one row number.
    """
    csv.field_size_limit(min(sys.maxsize, MAX_FIELD_CHARS))
    lines = _LineCounter(path)
    try:
        reader = csv.reader(lines, strict=True)
        number = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise IngestError(str(path), f"row {number + 1}: malformed CSV ({exc})") from exc
            number += 1
            yield number, cells
    finally:
        lines.close()


def _row_problem(path: Path) -> IngestError:
    """The error a full, counted read of the file meets (after the fast read failed)."""
    try:
        for _ in csv_rows(path):
            pass
    except IngestError as exc:
        return exc
    return IngestError(str(path), "cannot read the file as CSV")


def _records(path: Path) -> Iterator[list[list[str]]]:
    """Blocks of raw records after the header, read without per-line bookkeeping."""
    csv.field_size_limit(min(sys.maxsize, MAX_FIELD_CHARS))
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            while block := list(islice(reader, BLOCK_ROWS)):
                yield block
    except (csv.Error, UnicodeDecodeError):
        raise _row_problem(path) from None


BLOCK_ROWS = 10_000


def csv_chunks(
    path: Path,
    mapping: dict[str, str],
    chunk_rows: int,
    *,
    required_headers: tuple[str, ...] = (),
) -> Iterator[tuple[list[str], RawChunk]]:
    """Chunks of a CSV file whose headers map onto flat columns by ``mapping`` (file → ours).

    Yields (header, chunk); header cells not in ``mapping`` are ignored. Rows with the wrong
    number of cells become problems; blank rows are skipped. Records are read in blocks and
    turned into columns with one transposition per block.
    """
    blocks = _records(path)
    first = next(blocks, None)
    if not first:
        raise IngestError(str(path), "the file is empty")
    header = [h.strip() for h in first[0]]
    if not any(header):
        raise IngestError(
            str(path), "row 1: the header is empty; the first line must name the columns"
        )
    missing = [h for h in required_headers if h not in header]
    if missing:
        raise IngestError(str(path), f"row 1: missing column(s) {', '.join(missing)}")
    seen: set[str] = set()
    for h in header:
        if h in seen and h in mapping:
            raise IngestError(str(path), f"row 1, field {h}: column appears twice")
        seen.add(h)
    picks = [(i, mapping[h]) for i, h in enumerate(header) if h in mapping]
    width = len(header)

    def fresh() -> RawChunk:
        return RawChunk(columns={ours: [] for _, ours in picks}, rows=[])

    chunk = fresh()
    number = 1  # the header
    pending = [first[1:]]
    for block in _chain(pending, blocks):
        start = number + 1
        number += len(block)
        good = [c for c in block if len(c) == width and (c[0].strip() or "".join(c).strip())]
        if len(good) == len(block):
            chunk.rows.extend(range(start, start + len(block)))
        else:
            good = []
            for offset, cells in enumerate(block):
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) != width:
                    chunk.problems.append(
                        RowProblem(
                            start + offset,
                            "(row)",
                            f"has {len(cells)} cells, the header has {width}",
                        )
                    )
                    continue
                chunk.rows.append(start + offset)
                good.append(cells)
        if good:
            columns = list(zip(*good, strict=True))
            for index, ours in picks:
                chunk.columns[ours].extend(columns[index])
        if len(chunk.rows) >= chunk_rows:
            yield header, chunk
            chunk = fresh()
    if chunk.rows or chunk.problems:
        yield header, chunk


def _chain(
    head: list[list[list[str]]], rest: Iterator[list[list[str]]]
) -> Iterator[list[list[str]]]:
    for block in head:
        if block:
            yield block
    yield from rest
