"""Publication policy: delay, coarsening and redaction of monitor-revealing geometry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from ceasefire.core.errors import ConfigurationError
from ceasefire.core.reports.model import Regions
from ceasefire.core.reports.policy import (
    MONITOR_FIELDS,
    Coarsening,
    PublicationPolicy,
    coarsen_degrees,
    coarsen_micro,
    public_radius_m,
    redact,
    withheld,
)

NOW = datetime(2025, 4, 25, 12, 0, tzinfo=UTC)


def _s(moment: datetime) -> int:
    return int(moment.timestamp())


def test_incident_younger_than_the_delay_is_withheld_and_older_is_shown() -> None:
    policy = PublicationPolicy(delay_hours=72)
    ends = np.array(
        [_s(NOW - timedelta(hours=73)), _s(NOW - timedelta(hours=71)), _s(NOW)], dtype=np.int64
    )
    assert withheld(ends, NOW, policy).tolist() == [False, True, True]


def test_edge_of_the_delay_is_published_and_undated_is_withheld() -> None:
    policy = PublicationPolicy(delay_hours=24)
    edge = _s(NOW - timedelta(hours=24))
    assert withheld(np.array([edge, edge + 1, -1], dtype=np.int64), NOW, policy).tolist() == [
        False,
        True,
        True,
    ]


def test_zero_delay_shows_everything_dated() -> None:
    policy = PublicationPolicy(delay_hours=0)
    assert not withheld(np.array([_s(NOW)], dtype=np.int64), NOW, policy).any()


def test_grid_moves_points_to_the_cell_centre_including_negative_coordinates() -> None:
    lon, lat = coarsen_micro(
        np.array([37_706_000, -50_000]), np.array([48_527_000, -33_999_999]),
        PublicationPolicy(grid_deg=0.1),
    )  # fmt: skip
    assert lon.tolist() == [37_750_000, -50_000]
    assert lat.tolist() == [48_550_000, -33_950_000]


@settings(max_examples=50)
@given(
    st.floats(min_value=-179.9, max_value=179.9),
    st.floats(min_value=-89.9, max_value=89.9),
    st.sampled_from([0.01, 0.1, 0.25, 1.0]),
)
def test_coarsened_point_stays_in_its_cell_and_radius_covers_it(
    lon: float, lat: float, grid: float
) -> None:
    policy = PublicationPolicy(grid_deg=grid)
    x, y, radius = coarsen_degrees(np.array([lon]), np.array([lat]), policy)
    assert abs(x[0] - lon) <= grid / 2 + 1e-6
    assert abs(y[0] - lat) <= grid / 2 + 1e-6
    metres = np.hypot(x[0] - lon, y[0] - lat) * 111_195
    assert radius[0] >= metres - 1


def test_points_in_one_cell_become_indistinguishable() -> None:
    x, y, _ = coarsen_degrees(
        np.array([37.701, 37.799]), np.array([48.501, 48.599]), PublicationPolicy()
    )
    assert x[0] == x[1] and y[0] == y[1]


def test_region_coarsening_snaps_to_the_centroid_and_falls_back_to_the_grid() -> None:
    regions = Regions(("West",), (box(30.0, 48.0, 32.0, 50.0),))
    policy = PublicationPolicy(coarsening=Coarsening.REGION)
    x, y, radius = coarsen_degrees(
        np.array([30.3, 40.04, np.nan]), np.array([48.2, 48.04, np.nan]), policy, regions
    )
    assert (x[0], y[0]) == (31.0, 49.0)
    assert radius[0] > 150_000  # half the region's diagonal
    assert (round(x[1], 6), round(y[1], 6)) == (40.05, 48.05)
    assert np.isnan(x[2]) and radius[2] == 0


def test_public_radius_never_claims_more_precision_than_the_grid() -> None:
    policy = PublicationPolicy(grid_deg=0.1)
    assert public_radius_m(300, policy) == public_radius_m(None, policy) > 7_000
    assert public_radius_m(50_000, policy) == 50_000


def test_redaction_removes_observer_geometry_and_routes_at_any_depth() -> None:
    record = {
        "incident_id": "INC-000001",
        "lat": 48.5,
        "observer_lat": 48.4,
        "observer_lon": 37.6,
        "bearing_min_deg": 80,
        "bearing_max_deg": 100,
        "distance_min_m": 2000,
        "distance_max_m": 3000,
        "fire_from_bearing_deg": 95,
        "effort": [{"route": [[37.1, 48.2]], "team": "Team 5", "kind": "patrol"}],
    }
    public = redact(record)
    assert public == {
        "incident_id": "INC-000001",
        "lat": 48.5,
        "fire_from_bearing_deg": 95,  # where the fire came from, not where a monitor stood
        "effort": [{"kind": "patrol"}],
    }
    assert not MONITOR_FIELDS & set(public)


@pytest.mark.parametrize("kwargs", [{"delay_hours": -1}, {"grid_deg": 0.0}, {"grid_deg": 45.0}])
def test_unusable_policy_is_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ConfigurationError):
        PublicationPolicy(**kwargs)  # type: ignore[arg-type]


def test_description_names_the_delay_cutoff_and_grid() -> None:
    text = PublicationPolicy(delay_hours=72, grid_deg=0.1).describe(NOW)
    assert "72 hours" in text and "2025-04-22 12:00 UTC" in text and "0.1° grid" in text
