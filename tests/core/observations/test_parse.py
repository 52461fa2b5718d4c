from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from ceasefire.core.observations import parse_columns

NOW = datetime(2025, 6, 1, tzinfo=UTC)
UKRAINE = (22.0, 44.0, 41.0, 53.0)


def _raw(**overrides: list[str]) -> dict[str, list[str]]:
    raw = {
        "source_kind": ["monitor_team"],
        "source_name": ["T1"],
        "start": ["2025-04-20T10:00"],
        "act": ["shelling"],
        "lat": ["48.28"],
        "lon": ["37.18"],
    }
    raw.update(overrides)
    return raw


def _fields(raw: dict[str, list[str]]) -> list[str]:
    _, problems = parse_columns(raw, now=NOW, area=UKRAINE)
    return [p.field for p in problems]


def test_a_valid_row_becomes_one_observation_in_micro_degrees() -> None:
    batch, problems = parse_columns(_raw(), now=NOW)
    assert problems == []
    assert batch.columns["lat"][0] == 48_280_000
    assert batch.columns["location_kind"][0] == "point"


def test_date_only_start_means_midnight_in_the_declared_zone() -> None:
    batch, _ = parse_columns(_raw(start=["2025-04-19"], source_tz=["Europe/Moscow"]), now=NOW)
    assert batch.columns["start"][0] == "2025-04-18T21:00:00Z"
    assert batch.columns["end"][0] == "2025-04-19T21:00:00Z"
    assert batch.columns["time_precision"][0] == "day"


def test_swapped_axes_are_named_as_such() -> None:
    _, problems = parse_columns(_raw(lat=["37.0"], lon=["48.0"]), now=NOW, area=UKRAINE)
    assert [p.field for p in problems] == ["lat"]
    assert "swapped" in problems[0].reason


def test_unknown_act_names_the_field_and_row() -> None:
    _, problems = parse_columns(_raw(act=["bombardment"]), row_numbers=[7], now=NOW)
    assert (problems[0].row, problems[0].field) == (7, "act")
    assert "bombardment" in problems[0].reason


def test_enum_values_are_case_insensitive() -> None:
    batch, problems = parse_columns(_raw(act=["Shelling.MLRS"]), now=NOW)
    assert problems == []
    assert batch.columns["act"][0] == "shelling.mlrs"


def test_future_and_ancient_dates_are_out_of_range() -> None:
    assert _fields(_raw(start=["2030-01-01"])) == ["start"]
    assert _fields(_raw(start=["1850-01-01"])) == ["start"]


def test_end_before_start_is_refused() -> None:
    assert _fields(_raw(end=["2025-04-19T10:00"])) == ["end"]


def test_sector_needs_bearings_and_distance() -> None:
    raw = _raw(lat=[""], lon=[""], observer_lat=["48.3"], observer_lon=["37.2"])
    assert set(_fields(raw)) == {"bearing_min_deg", "distance_max_m"}


def test_no_location_at_all_is_refused() -> None:
    assert _fields(_raw(lat=[""], lon=[""])) == ["location_kind"]


def test_place_name_alone_is_a_place_to_resolve() -> None:
    batch, problems = parse_columns(_raw(lat=[""], lon=[""], place_name=["Pokrovsk"]), now=NOW)
    assert problems == []
    assert batch.columns["location_kind"][0] == "place"


def test_bad_numbers_and_ranges() -> None:
    assert _fields(_raw(lat=["91"])) == ["lat"]
    assert _fields(_raw(radius_m=["-5"])) == ["radius_m"]
    assert _fields(_raw(radius_m=["1.5"])) == ["radius_m"]
    assert _fields(_raw(sig_explosion=["12.0"])) == []


def test_unknown_time_zone_is_refused() -> None:
    assert "source_tz" in _fields(_raw(source_tz=["Mars/Olympus"]))


def test_good_rows_survive_bad_neighbours() -> None:
    raw = {k: v * 3 for k, v in _raw().items()}
    raw["act"] = ["shelling", "nonsense", "drone_strike.fpv"]
    batch, problems = parse_columns(raw, row_numbers=[2, 3, 4], now=NOW)
    assert batch.size == 2
    assert batch.rows.tolist() == [2, 4]
    assert [(p.row, p.field) for p in problems] == [(3, "act")]


cell = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["48.1", "37", "2025-04-20"]))


@given(st.lists(st.tuples(cell, cell, cell, cell, cell), min_size=1, max_size=8))
def test_any_cells_give_rows_or_problems_never_exceptions(
    cells: list[tuple[str | None, ...]],
) -> None:
    names = ["source_kind", "start", "act", "lat", "lon"]
    raw = {name: [row[i] for row in cells] for i, name in enumerate(names)}
    raw["source_name"] = ["S"] * len(cells)
    batch, problems = parse_columns(raw, now=NOW, area=UKRAINE)
    bad_rows = {p.row for p in problems}
    assert batch.size + len(bad_rows) == len(cells)
