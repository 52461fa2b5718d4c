"""The effort CSV reader: detection, column mapping, refusals, and no exception but IngestError."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ceasefire
from ceasefire.core.effort import parse_effort
from ceasefire.core.errors import IngestError
from ceasefire.ingest import effort_csv
from ceasefire.ingest.readers import detect

FIXTURES = Path(__file__).parents[1] / "fixtures"
DEMO = Path(ceasefire.__file__).parent / "data" / "demo"
UKRAINE = (22.0, 44.0, 41.0, 53.0)


@pytest.mark.parametrize(
    "path", [FIXTURES / "effort_sample.csv", DEMO / "effort_generated_2025-04-17_22.csv"]
)
def test_effort_files_are_detected_by_content_and_read_without_problems(
    path: Path, tmp_path: Path
) -> None:
    renamed = tmp_path / "upload.dat"
    shutil.copy(path, renamed)
    assert detect(renamed) is effort_csv
    (chunk,) = list(effort_csv.read_chunks(renamed))
    records, problems = parse_effort(chunk.columns, chunk.rows, area=UKRAINE)
    assert problems == []
    assert len(records) == chunk.size
    assert chunk.rows[0] == 2


def test_the_demo_file_says_it_is_generated() -> None:
    (chunk,) = list(effort_csv.read_chunks(DEMO / "effort_generated_2025-04-17_22.csv"))
    assert all("(generated)" in name for name in chunk.columns["source_name"] if name)
    assert {"patrol", "sensor", "restriction"} == set(chunk.columns["kind"])


def test_an_unknown_header_refuses_the_file(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("source_name,kind,start,uptime_minutes\nM,sensor,2025-04-20,5\n")
    with pytest.raises(IngestError, match="field uptime_minutes: unknown column"):
        list(effort_csv.read_chunks(path))


def test_a_missing_required_header_refuses_the_file(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("source_name,kind,team\nM,patrol,T1\n")
    with pytest.raises(IngestError, match="missing column"):
        list(effort_csv.read_chunks(path))


def test_observation_csv_is_not_taken_for_effort(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text("source_kind,source_name,start,act,lat,lon\nmonitor_team,T1,2025-04-20,"
                    "shelling,48.1,37.2\n")  # fmt: skip
    assert detect(path).NAME == "ceasefire-csv"


HEADER = b"source_name,kind,start,end,team,route,sensor_id,sensor_kind,uptime_min,lat,lon\n"


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=300))
def test_random_tails_only_raise_ingest_error(tail: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "effort.csv"
        path.write_bytes(HEADER + tail)
        with contextlib.suppress(IngestError):
            for chunk in effort_csv.read_chunks(path, chunk_rows=3):
                parse_effort(chunk.columns, chunk.rows, area=UKRAINE)


def _documented(marker: str) -> str:
    text = (Path(__file__).parents[2] / "docs" / "formats.md").read_text(encoding="utf-8")
    start, end = f"<!-- {marker}:start -->\n", f"\n<!-- {marker}:end -->"
    assert start in text, f"docs/formats.md lacks the {marker} markers"
    return text.split(start, 1)[1].split(end, 1)[0]


def columns_table(columns: dict[str, str]) -> str:
    """A layout as the Markdown table docs/formats.md holds."""
    lines = ["| column | meaning |", "|---|---|"]
    lines += [f"| `{name}` | {help_} |" for name, help_ in columns.items()]
    return "\n".join(lines)


def test_the_effort_and_storage_layouts_are_documented_as_in_the_code() -> None:
    from ceasefire.core.effort import EFFORT_COLUMNS, STORAGE_COLUMNS

    assert _documented("effort-columns") == columns_table(EFFORT_COLUMNS)
    assert _documented("storage-columns") == columns_table(STORAGE_COLUMNS)
