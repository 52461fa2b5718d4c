"""The GeoJSON reader: Points with flat properties; everything else named by row and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ceasefire.core.errors import IngestError, RowProblem
from ceasefire.core.observations import parse_columns
from ceasefire.ingest import geojson

FIXTURES = Path(__file__).parents[1] / "fixtures"
UKRAINE = (22.0, 44.0, 41.0, 53.0)
PROPS = {"source_kind": "monitor_team", "source_name": "T1", "start": "2025-04-20T10:00",
         "act": "shelling"}  # fmt: skip


def _write(tmp_path: Path, features: list[object]) -> Path:
    path = tmp_path / "f.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def _feature(geometry: object, **props: object) -> dict[str, object]:
    return {"type": "Feature", "geometry": geometry, "properties": {**PROPS, **props}}


def _problems(path: Path) -> list[RowProblem]:
    return [p for chunk in geojson.read_chunks(path) for p in chunk.problems]


def test_sample_gives_four_observations_numbered_from_one() -> None:
    (chunk,) = geojson.read_chunks(FIXTURES / "observations_sample.geojson")
    assert chunk.rows == [1, 2, 3, 4]
    batch, problems = parse_columns(chunk.columns, row_numbers=chunk.rows, area=UKRAINE)
    assert problems == []
    records = {r["key"]: r for r in batch.records()}
    assert (records["G-0001"]["lat"], records["G-0001"]["lon"]) == (46_635_400, 32_616_900)
    assert records["3"]["location_kind"] == "point"  # numeric feature id, 3-D coordinates
    assert records["G-0004-own"]["location_kind"] == "place"  # null geometry, place name


def test_linestring_is_a_problem_of_its_row(tmp_path: Path) -> None:
    path = _write(tmp_path, [
        _feature({"type": "Point", "coordinates": [37.1, 48.2]}),
        _feature({"type": "LineString", "coordinates": [[37.1, 48.2], [37.2, 48.3]]}),
    ])  # fmt: skip
    assert _problems(path) == [RowProblem(2, "geometry", "expected a Point, got 'LineString'")]


def test_self_intersecting_polygon_is_named_as_such(tmp_path: Path) -> None:
    bowtie = [[[37.0, 48.0], [37.2, 48.2], [37.2, 48.0], [37.0, 48.2], [37.0, 48.0]]]
    path = _write(tmp_path, [_feature({"type": "Polygon", "coordinates": bowtie})])
    (problem,) = _problems(path)
    assert (problem.row, problem.field) == (1, "geometry")
    assert "expected a Point" in problem.reason and "Self-intersection" in problem.reason


def test_bad_coordinates_and_members_are_row_problems(tmp_path: Path) -> None:
    path = _write(tmp_path, [
        _feature({"type": "Point", "coordinates": ["37", 48]}),
        _feature({"type": "Point", "coordinates": [37.1, 48.2]}, lat="49.0"),
        "not a feature",
        _feature(None, colour="red"),
        _feature(None, act=["shelling"]),
    ])  # fmt: skip
    assert [(p.row, p.field) for p in _problems(path)] == [
        (1, "geometry"), (2, "lat"), (3, "(feature)"), (4, "colour"), (5, "act"),
    ]  # fmt: skip


def test_swapped_axes_are_caught_by_the_core(tmp_path: Path) -> None:
    path = _write(tmp_path, [_feature({"type": "Point", "coordinates": [48.0, 37.0]})])
    (chunk,) = geojson.read_chunks(path)
    _, problems = parse_columns(chunk.columns, row_numbers=chunk.rows, area=UKRAINE)
    assert [(p.row, p.field) for p in problems] == [(1, "lat")]
    assert "swapped" in problems[0].reason


def test_truncated_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "t.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [{"type": "Feat')
    with pytest.raises(IngestError, match=r"line 2, column \d+: not valid JSON"):
        list(geojson.read_chunks(path))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"type": "Feature", "geometry": null, "properties": {}}', "FeatureCollection"),
        ("[1, 2]", "FeatureCollection"),
        ('{"type": "FeatureCollection", "features": {}}', "field features"),
        ("   \n", "empty"),
    ],
)
def test_wrong_top_level_refuses_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "w.geojson"
    path.write_text(text)
    with pytest.raises(IngestError, match=message):
        list(geojson.read_chunks(path))


def test_latin1_file_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "l.geojson"
    text = json.dumps({"type": "FeatureCollection", "features": []}, indent=1)
    path.write_bytes(text.replace("[]", '["Orikhiv é"]').encode("latin-1"))
    with pytest.raises(IngestError, match="line 3: not valid UTF-8"):
        list(geojson.read_chunks(path))
