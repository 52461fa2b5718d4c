"""Effort rows: patrols, sensor windows and restrictions, each bad cell named by row and field."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.effort import EFFORT_COLUMNS, EffortKind, parse_effort

UKRAINE = (22.0, 44.0, 41.0, 53.0)
NOW = datetime(2025, 6, 1, tzinfo=UTC)
BASE = {
    "source_name": "Mission (generated)",
    "kind": "patrol",
    "team": "T1",
    "start": "2025-04-20T08:00",
    "end": "2025-04-20T12:00",
    "source_tz": "Europe/Kyiv",
    "route": "37.17 48.28; 37.21 48.30",
}


def _parse(*rows: dict[str, str]) -> tuple[list, list]:  # type: ignore[type-arg]
    names = sorted({name for row in rows for name in row})
    columns = {name: [row.get(name, "") for row in rows] for name in names}
    return parse_effort(columns, list(range(2, 2 + len(rows))), area=UKRAINE, now=NOW)


def test_a_patrol_gets_utc_times_micro_degrees_and_its_route_length() -> None:
    (record,), problems = _parse(BASE)
    assert problems == []
    assert record.kind is EffortKind.PATROL
    assert record.start == datetime(2025, 4, 20, 5, 0, tzinfo=UTC)
    assert record.route == ((37170000, 48280000), (37210000, 48300000))
    assert (record.distance_m, record.distance_from) == (3709, "route")
    assert b'"route":[[37170000,48280000],[37210000,48300000]]' in record.canonical()


def test_a_reported_distance_is_kept_as_reported() -> None:
    (record,), _ = _parse(BASE | {"distance_m": "4200"})
    assert (record.distance_m, record.distance_from) == (4200, "reported")


def test_uav_flight_hours_become_whole_minutes() -> None:
    row = BASE | {"kind": "sensor", "team": "", "sensor_id": "UAV-1", "sensor_kind": "uav",
                  "flight_hours": "3.5"}  # fmt: skip
    (record,), problems = _parse(row)
    assert (record.uptime_min, problems) == (210, [])


def test_the_same_patrol_corrected_keeps_its_derived_key() -> None:
    (first,), _ = _parse(BASE)
    (corrected,), _ = _parse(BASE | {"distance_m": "4000"})
    assert first.key == corrected.key
    assert first.content_hash() != corrected.content_hash()


def _fields(problems: list) -> list[tuple[int, str]]:  # type: ignore[type-arg]
    return [(p.row, p.field) for p in problems]


def test_bad_rows_are_named_by_row_and_field_and_good_rows_go_on() -> None:
    records, problems = _parse(
        BASE,
        BASE | {"route": "LINESTRING (37.17 48.28"},
        BASE | {"route": "48.28 37.17; 48.30 37.21"},
        BASE | {"kind": "sensor", "sensor_id": "C1", "sensor_kind": "camera", "uptime_min": "-5",
                "lat": "48.5", "lon": "37.7"},
        BASE | {"kind": "walk"},
        BASE | {"end": "2025-04-20T07:00"},
    )  # fmt: skip
    assert len(records) == 1
    assert _fields(problems) == [(3, "route"), (4, "route"), (5, "uptime_min"), (6, "kind"),
                                 (7, "end")]  # fmt: skip
    assert "swapped" in problems[1].reason


def test_uptime_longer_than_the_window_is_refused() -> None:
    row = BASE | {"kind": "sensor", "sensor_id": "C1", "sensor_kind": "camera",
                  "uptime_min": "300", "lat": "48.5", "lon": "37.7"}  # fmt: skip
    _, problems = _parse(row)
    assert _fields(problems) == [(2, "uptime_min")]
    assert "240-minute window" in problems[0].reason


def test_a_restriction_needs_a_reason_and_a_place() -> None:
    row = {"source_name": "M", "kind": "restriction", "start": "2025-04-20T10:00"}
    _, problems = _parse(row)
    assert _fields(problems) == [(2, "reason"), (2, "place_name")]


def test_a_key_used_twice_with_different_content_is_a_problem() -> None:
    records, problems = _parse(BASE | {"key": "k"}, BASE | {"key": "k", "team": "T9"})
    assert (len(records), _fields(problems)) == (1, [(3, "key")])


cell = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["patrol", "sensor", "restriction", "uav", "camera", "security", "-1",
                     "2025-04-20", "9999-12-31", "0001-01-01T00:00", "3.333", "NaN", "1e400",
                     "LINESTRING (1 2, 3 4)", "[[1, 2], [3]]", "48.5", "37.2", "Europe/Kyiv"]),
)  # fmt: skip


@settings(max_examples=50, deadline=None)
@given(st.lists(st.fixed_dictionaries(dict.fromkeys(EFFORT_COLUMNS, cell)), max_size=4))
def test_any_cells_give_records_or_problems_never_an_exception(rows: list) -> None:  # type: ignore[type-arg]
    records, problems = _parse(*rows)
    assert len(records) + len({p.row for p in problems}) == len(rows)
