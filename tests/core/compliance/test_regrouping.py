"""A rise in heavy weapons near the line: counted per effort-hour, tested exactly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import shapely
from shapely.geometry.base import BaseGeometry

from ceasefire.core.agreement import Agreement
from ceasefire.core.compliance.model import Incidents, Verdict
from ceasefire.core.compliance.regrouping import (
    Period,
    RiseWindow,
    effort_in,
    rise_p_value,
    weapon_rise,
)
from ceasefire.core.compliance.standing import FindingKind
from ceasefire.core.effort import EffortKind, EffortRecord, SensorKind

T0 = datetime(2025, 4, 10, tzinfo=UTC)
PERIOD = Period(T0 + timedelta(days=7), T0 + timedelta(days=8))
BASELINE = Period(T0, T0 + timedelta(days=7))
WINDOW = RiseWindow(PERIOD, BASELINE)
# The line runs north-south at 37.0° E; Russia holds the east, Ukraine the west.
LAYERS: dict[str, BaseGeometry] = {
    "line.geojson": shapely.LineString([(37.0, 47.0), (37.0, 49.0)]),
    "control.geojson#party=RU": shapely.box(37.0, 46.0, 39.0, 50.0),
    "control.geojson#party=UA": shapely.box(35.0, 46.0, 37.0, 50.0),
}
AGREEMENT = Agreement.model_validate(
    {
        "id": "test-withdrawal",
        "title": "Hand-made withdrawal",
        "parties": [
            {"code": "RU", "name": "Russia", "kind": "state"},
            {"code": "UA", "name": "Ukraine", "kind": "state"},
        ],
        "instruments": [
            {
                "id": "i",
                "kind": "agreement_text",
                "date": "2025-01-01",
                "issuer": "test",
                "title": "test",
                "source_url": "https://example.org/test",
            },
        ],
        "weapon_classes": [
            {"id": "mlrs", "title": "MLRS", "precedence": 1, "rules": [{"type": "mlrs"}]}
        ],
        "terms": [
            {
                "id": "W-1",
                "kind": "heavy_weapon_withdrawal",
                "title": "Withdraw MLRS 35 km",
                "prohibited_acts": ["weapon_sighting"],
                "versions": {
                    "RU": {"instrument": "i", "withdrawal_m": {"mlrs": 35000}},
                    "UA": {"instrument": "i", "withdrawal_m": {"mlrs": 35000}},
                },
            }
        ],
        "geography": {
            "reference_lines": [
                {
                    "id": "line",
                    "name": "line",
                    "file": "line.geojson",
                    "valid_from": "2025-01-01T00:00Z",
                    "provenance": {"source": "hand-made"},
                }
            ],
            "control_areas": [
                {
                    "id": "control",
                    "name": "control",
                    "file": "control.geojson",
                    "valid_from": "2025-01-01T00:00Z",
                    "provenance": {"source": "hand-made"},
                }
            ],
        },
    }
)


def sightings(count: int, span: Period, lon: float = 37.2) -> list[dict[str, Any]]:
    """``count`` MLRS sightings spread over ``span``, 0.2° east of the line (Russia's side)."""
    step = (span.end - span.start) / max(count, 1)
    return [
        {
            "start_s": int((span.start + step * k).timestamp()),
            "end_s": int((span.start + step * k).timestamp()),
            "lon": lon,
            "lat": 48.0,
            "act": "weapon_sighting",
            "weapon_type": "mlrs.light",
            "calibre_mm": 122.0,
            "party": "RU",
            "attribution": "attributed",
            "confidence": "probable",
        }
        for k in range(count)
    ]


def incidents(rows: list[dict[str, Any]]) -> Incidents:
    names = {key for row in rows for key in row}
    return Incidents.from_columns(len(rows), **{n: [r.get(n) for r in rows] for n in names})


def patrols(hours: float, span: Period, *, teams: int = 1) -> list[EffortRecord]:
    """``teams`` patrols of ``hours`` each day of ``span``, on Russia's side of the line."""
    out = []
    day = span.start
    while day < span.end:
        for team in range(teams):
            out.append(
                EffortRecord(
                    key=f"p-{team}-{day:%m%d}",
                    source_name="test",
                    kind=EffortKind.PATROL,
                    start=day + timedelta(hours=8),
                    end=day + timedelta(hours=8 + hours),
                    team=f"T{team}",
                    route=((37_100_000, 48_000_000), (37_200_000, 48_100_000)),
                )
            )
        day += timedelta(days=1)
    return out


def within(zone: BaseGeometry) -> Callable[[int, BaseGeometry], bool]:
    return lambda _index, geometry: bool(shapely.intersects(zone, geometry))


def rise(rows: list[dict[str, Any]], effort: list[EffortRecord]) -> list[Any]:
    return weapon_rise(AGREEMENT, incidents(rows), effort, [WINDOW], LAYERS.__getitem__)


def test_exact_rate_test_matches_a_hand_computed_binomial_tail() -> None:
    # 3 sightings in 1 h against 0 in 1 h: P(X >= 3 | n=3, p=1/2) = 1/8
    assert rise_p_value(3, 1.0, 0, 1.0) == pytest.approx(0.125)
    assert rise_p_value(0, 1.0, 5, 1.0) == 1.0
    with pytest.raises(ValueError, match="positive observation effort"):
        rise_p_value(1, 0.0, 1, 1.0)


def test_a_sharp_rise_at_the_same_effort_is_a_violation_with_rates_and_p_value() -> None:
    effort = patrols(6, BASELINE) + patrols(6, PERIOD)
    (finding,) = rise(sightings(7, BASELINE) + sightings(12, PERIOD), effort)
    assert finding.kind is FindingKind.WEAPONS_RISE
    assert (finding.verdict, finding.responsible_party) == (Verdict.VIOLATION, "RU")
    assert (finding.term_id, finding.version_party) == ("W-1", "RU")
    assert "12 sighting(s)" in finding.trace and "7 in the baseline" in finding.trace
    assert "Rate 2.000 per effort-hour against 0.167" in finding.trace
    assert "p = " in finding.trace


def test_doubling_patrols_at_the_same_weapon_density_gives_no_finding() -> None:
    # Baseline: one 6-hour patrol a day sees ten MLRS a day. Period: two patrols see twenty.
    rows = sightings(70, BASELINE) + sightings(20, PERIOD)
    doubled = patrols(6, BASELINE) + patrols(6, PERIOD, teams=2)
    assert rise(rows, doubled) == []
    assert effort_in(doubled, PERIOD, within(LAYERS["control.geojson#party=RU"])).hours == 12
    # Twenty seen by one patrol (twice the rate) would be a rise: effort is what decides.
    (finding,) = rise(rows, patrols(6, BASELINE) + patrols(6, PERIOD))
    assert finding.verdict is Verdict.VIOLATION


def test_a_small_rise_is_not_significant() -> None:
    effort = patrols(6, BASELINE) + patrols(6, PERIOD)
    assert rise(sightings(7, BASELINE) + sightings(2, PERIOD), effort) == []


def test_no_effort_in_the_baseline_is_indeterminate_not_a_rise() -> None:
    (finding,) = rise(sightings(1, BASELINE) + sightings(12, PERIOD), patrols(6, PERIOD))
    assert finding.verdict is Verdict.INDETERMINATE
    assert "Insufficient observation effort" in finding.trace
    assert "the baseline" in finding.trace


def test_zero_effort_everywhere_is_indeterminate() -> None:
    (finding,) = rise(sightings(3, PERIOD), [])
    assert finding.verdict is Verdict.INDETERMINATE
    assert "0.0 patrol-h + 0.0 UAV-h" in finding.trace


def test_effort_on_the_other_side_does_not_cover_this_side() -> None:
    far = [
        EffortRecord(
            key="uav",
            source_name="test",
            kind=EffortKind.SENSOR,
            start=PERIOD.start,
            end=PERIOD.end,
            sensor_id="U1",
            sensor_kind=SensorKind.UAV,
            uptime_min=240,
            lat=48_000_000,
            lon=36_800_000,
        )
    ]
    ru = LAYERS["control.geojson#party=RU"]
    ua = LAYERS["control.geojson#party=UA"]
    assert effort_in(far, PERIOD, within(ru)).hours == 0
    assert effort_in(far, PERIOD, within(ua)).uav_h == pytest.approx(4.0)
    # ... and in the whole rule: a UAV over Ukraine's side does not cover Russia's.
    (finding,) = rise(sightings(3, PERIOD), far)
    assert finding.verdict is Verdict.INDETERMINATE


def test_weapons_outside_the_zone_are_not_counted() -> None:
    effort = patrols(6, BASELINE) + patrols(6, PERIOD)
    far_away = sightings(12, PERIOD, lon=38.5)  # about 110 km from the line
    assert rise(sightings(7, BASELINE) + far_away, effort) == []
