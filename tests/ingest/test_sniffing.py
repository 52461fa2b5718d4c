"""Format detection from content: each fixture picks its own reader, whatever its name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import ceasefire
from ceasefire.core.errors import IngestError
from ceasefire.ingest.readers import READERS, detect, reader_named

FIXTURES = Path(__file__).parents[1] / "fixtures"
DEMO = Path(ceasefire.__file__).parent / "data" / "demo"


@pytest.mark.parametrize(
    ("path", "name"),
    [
        (FIXTURES / "acled_sample.csv", "acled"),
        (FIXTURES / "acled_sample_revised.csv", "acled"),
        (FIXTURES / "ucdp_ged_sample.csv", "ucdp-ged"),
        (DEMO / "ucdp_ged_candidate_ukraine_2022-2023_subset.csv", "ucdp-ged"),
        (DEMO / "claims_2025_partial_ceasefires.csv", "party-claims"),
        (FIXTURES / "observations_sample.geojson", "geojson"),
        (FIXTURES / "observations_sample.jsonl", "jsonl"),
    ],
)
def test_fixture_is_detected_by_content(path: Path, name: str, tmp_path: Path) -> None:
    renamed = tmp_path / "upload.dat"  # the name must not matter
    shutil.copy(path, renamed)
    assert name == detect(renamed).NAME


def test_our_csv_is_detected_after_the_specific_layouts(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text("source_kind,source_name,start,act,lat,lon\n"
                    "monitor_team,T1,2025-04-20,shelling,48.1,37.2\n")  # fmt: skip
    assert detect(path).NAME == "ceasefire-csv"


def test_one_line_geojson_is_not_taken_for_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text('{"type": "FeatureCollection", "features": []}')
    assert detect(path).NAME == "geojson"


def test_registry_order_is_most_specific_first() -> None:
    assert [r.NAME for r in READERS] == [
        "acled", "ucdp-ged", "party-claims", "effort-csv", "storage-sites", "geojson", "jsonl",
        "ceasefire-csv",
    ]  # fmt: skip
    assert {r.KIND for r in READERS} == {"observations", "claims", "effort", "storage_sites"}
    assert reader_named("party-claims").KIND == "claims"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"name,colour\nx,red\n", "not recognised"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ("event_id_cnty,event_date,event_type\nUKR1,é,x\n".encode("latin-1"), "UTF-8"),
    ],
)
def test_unrecognised_files_are_refused_in_one_line(
    data: bytes, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    with pytest.raises(IngestError, match=message) as raised:
        detect(path)
    assert "\n" not in str(raised.value)
