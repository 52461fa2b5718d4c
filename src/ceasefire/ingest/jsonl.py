"""JSON Lines: one JSON object per line whose keys are the flat column names.

Row numbers are line numbers (the first line is row 1; blank lines are skipped but counted).
Values may be strings, numbers or null; numbers become their text. A line that is not valid
UTF-8 or JSON, is not an object, names an unknown column or holds a list, object or boolean is a
problem for that row only; the other lines go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from ceasefire.core.errors import IngestError, RowProblem
from ceasefire.core.observations.columns import NAMES
from ceasefire.ingest.base import DEFAULT_CHUNK_ROWS, MAX_FIELD_CHARS, RawChunk

NAME = "jsonl"
KIND = "observations"
DESCRIPTION = "JSON Lines: one object per line with the flat column names"

_KNOWN = frozenset(NAMES)
ALWAYS = ("source_kind", "source_name", "start", "act")
"""Columns every chunk carries (``None`` where absent), so the core sees each row even if empty."""
SNIFF_TRUNCATED = 60_000
"""A head at least this long may end inside its first line."""


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def loads(text: str) -> object:
    """``json.loads`` refusing NaN and Infinity, which the flat layout cannot hold."""
    return json.loads(text, parse_constant=_refuse_constant)


def object_cells(
    value: object, row: int, known: frozenset[str] = _KNOWN
) -> tuple[dict[str, str | None], list[RowProblem]]:
    """Text cells of one JSON object in the flat layout, and a problem per bad member."""
    if not isinstance(value, Mapping):
        kind = type(value).__name__ if value is not None else "null"
        return {}, [RowProblem(row, "(row)", f"expected a JSON object, got {kind}")]
    cells: dict[str, str | None] = {}
    problems: list[RowProblem] = []
    for name, item in value.items():
        if name not in known and "\x00" in str(name):
            problems.append(RowProblem(row, "(row)", "a member name contains a NUL character"))
        elif name not in known:
            problems.append(
                RowProblem(row, str(name), "unknown column; expected names from docs/formats.md")
            )
        elif item is None or isinstance(item, str):
            cells[name] = item
        elif isinstance(item, bool) or not isinstance(item, int | float):
            kind = "boolean" if isinstance(item, bool) else type(item).__name__
            problems.append(RowProblem(row, name, f"expected text or a number, got {kind}"))
        else:
            cells[name] = repr(item)
    return cells, problems


def sniff(head: str) -> bool:
    """True when the first non-blank line is a JSON object (or starts one longer than the head)."""
    for line in head.splitlines(keepends=True):
        if not line.strip():
            continue
        if not line.lstrip().startswith("{"):
            return False
        try:
            return isinstance(loads(line), dict)
        except (ValueError, RecursionError):
            return not line.endswith("\n") and len(head) >= SNIFF_TRUNCATED
    return False


def read_chunks(path: Path, chunk_rows: int = DEFAULT_CHUNK_ROWS) -> Iterator[RawChunk]:
    """Chunks of raw flat columns; each bad line is a problem of its own row."""

    def fresh() -> RawChunk:
        return RawChunk(columns={name: [] for name in ALWAYS}, rows=[])

    chunk = fresh()
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise IngestError(str(path), f"cannot read the file: {exc.strerror}") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            raw = line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line
            if not raw.strip():
                continue
            cells, problems = _line_cells(raw, number)
            if problems:
                chunk.problems.extend(problems)
            else:
                _append(chunk, cells, number)
            if chunk.size >= chunk_rows:
                yield chunk
                chunk = fresh()
    if chunk.rows or chunk.problems:
        yield chunk


def _line_cells(raw: bytes, number: int) -> tuple[dict[str, str | None], list[RowProblem]]:
    if len(raw) > MAX_FIELD_CHARS:
        return {}, [RowProblem(number, "(row)", f"line longer than {MAX_FIELD_CHARS} bytes")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return {}, [
            RowProblem(
                number,
                "(row)",
                f"not valid UTF-8 (byte {exc.start + 1} of the line); save the file as UTF-8",
            )
        ]
    try:
        value = loads(text)
    except json.JSONDecodeError as exc:
        return {}, [RowProblem(number, "(row)", f"not valid JSON at column {exc.colno}: {exc.msg}")]
    except (ValueError, RecursionError) as exc:
        return {}, [RowProblem(number, "(row)", f"not valid JSON: {exc}")]
    return object_cells(value, number)


def _append(chunk: RawChunk, cells: dict[str, str | None], number: int) -> None:
    """Add one row, padding columns seen before but absent here (and back-filling new ones)."""
    for name in cells:
        if name not in chunk.columns:
            chunk.columns[name] = [None] * chunk.size
    for name, values in chunk.columns.items():
        values.append(cells.get(name))
    chunk.rows.append(number)
