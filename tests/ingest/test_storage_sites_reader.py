"""The storage-sites CSV reader: detection, one chunk per file, refusals."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ceasefire
from ceasefire.core.effort import parse_storage_sites
from ceasefire.core.errors import IngestError
from ceasefire.ingest import storage_sites
from ceasefire.ingest.readers import detect

FIXTURES = Path(__file__).parents[1] / "fixtures"
DEMO = Path(ceasefire.__file__).parent / "data" / "demo"


@pytest.mark.parametrize(
    "path", [FIXTURES / "storage_sites_sample.csv", DEMO / "storage_sites_generated_2025-04.csv"]
)
def test_storage_files_are_detected_and_read_without_problems(path: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "upload.txt"
    shutil.copy(path, renamed)
    assert detect(renamed) is storage_sites
    (chunk,) = list(storage_sites.read_chunks(renamed, chunk_rows=1))
    sites, inspections, problems = parse_storage_sites(chunk.columns, chunk.rows)
    assert problems == []
    assert sites and inspections


def test_the_file_is_one_chunk_so_a_site_is_never_split(tmp_path: Path) -> None:
    chunks = list(storage_sites.read_chunks(FIXTURES / "storage_sites_sample.csv", chunk_rows=1))
    assert len(chunks) == 1 and chunks[0].rows == [2, 3, 4]


def test_a_file_without_declared_or_counted_refuses(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("site_id,weapon_type,party\nS-1,tank,Ukraine\n")
    with pytest.raises(IngestError, match="declared_count or counted"):
        list(storage_sites.read_chunks(path))


def test_an_unknown_header_refuses_the_file(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("site_id,weapon_type,declared_count,colour\nS-1,tank,3,red\n")
    with pytest.raises(IngestError, match="field colour: unknown column"):
        list(storage_sites.read_chunks(path))


HEADER = b"site_id,party,declared_at,weapon_type,calibre_mm,declared_count,inspected_at,counted\n"


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=300))
def test_random_tails_only_raise_ingest_error(tail: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sites.csv"
        path.write_bytes(HEADER + tail)
        with contextlib.suppress(IngestError):
            for chunk in storage_sites.read_chunks(path):
                parse_storage_sites(chunk.columns, chunk.rows)
