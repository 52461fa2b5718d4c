"""The JSON Lines reader: row = line number; a bad line is a problem of its own row."""

from __future__ import annotations

from pathlib import Path

from ceasefire.core.observations import parse_columns
from ceasefire.ingest import jsonl

FIXTURES = Path(__file__).parents[1] / "fixtures"
GOOD = ('{"source_kind": "monitor_team", "source_name": "T1", "start": "2025-04-20T10:00", '
        '"act": "shelling", "lat": 48.2, "lon": 37.1}')  # fmt: skip


def test_sample_rows_are_line_numbers_and_blank_lines_count() -> None:
    (chunk,) = jsonl.read_chunks(FIXTURES / "observations_sample.jsonl")
    assert chunk.rows == [1, 2, 4, 5]
    batch, problems = parse_columns(chunk.columns, row_numbers=chunk.rows)
    assert problems == []
    sector = batch.records()[0]
    assert sector["location_kind"] == "sector"
    assert sector["observer_lat"] == 48_587_000


def test_bad_lines_are_problems_and_good_lines_go_on(tmp_path: Path) -> None:
    path = tmp_path / "o.jsonl"
    path.write_bytes(
        b"\n".join([
            GOOD.encode(),
            b'{"source_kind": "monitor_team", "start": ',
            b"[1, 2]",
            "{\"text\": \"Orikhiv \u00e9\"}".encode("latin-1"),
            b'{"act": true}',
            b'{"lat": NaN}',
            b'{"colour": "red"}',
            GOOD.encode(),
        ])
    )  # fmt: skip
    chunks = list(jsonl.read_chunks(path))
    rows = [r for c in chunks for r in c.rows]
    problems = [(p.row, p.field) for c in chunks for p in c.problems]
    assert rows == [1, 8]
    assert problems == [(2, "(row)"), (3, "(row)"), (4, "(row)"), (5, "act"), (6, "(row)"),
                        (7, "colour")]  # fmt: skip
    reasons = [p.reason for c in chunks for p in c.problems]
    assert reasons[0].startswith("not valid JSON at column")
    assert "UTF-8" in reasons[2]


def test_chunks_pad_columns_missing_from_some_lines(tmp_path: Path) -> None:
    path = tmp_path / "o.jsonl"
    path.write_text(GOOD + "\n" + GOOD.replace('"lat": 48.2, "lon": 37.1', '"place_name": "X"'))
    chunks = list(jsonl.read_chunks(path, chunk_rows=10))
    assert len(chunks) == 1
    columns = chunks[0].columns
    assert columns["lat"] == ["48.2", None]
    assert columns["place_name"] == [None, "X"]
