"""Hand-written SVG charts and map: the same value gives the same bytes; the map carries the
reference line, withdrawal zones, protected objects and a legend; many incidents become cells."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date
from xml.etree import ElementTree

import numpy as np

from ceasefire.core.reports import DailyReport, build_daily_report, reporting_period
from ceasefire.core.reports.model import MapPoint, MapRegistry, MapZone
from ceasefire.render.charts import acts_chart, nice_ticks, series_chart
from ceasefire.render.map import GRID_ABOVE, incident_map
from tests.core.reports.fixtures import CLAIMS, EFFORT, FINDINGS, INCIDENTS, REGIONS

ZONES = (
    MapZone("example", "AD-1", "RU", "line_of_contact_2025-04-18", 15_000),
    MapZone("example", "AD-1", "UA", "line_of_contact_2025-04-18", 15_000),
)
PLANTS = (MapRegistry("gppd-ukraine", "Power plants", "package:gppd_v1.3_ukraine.csv"),)


def _report() -> DailyReport:
    report = build_daily_report(
        reporting_period(date(2025, 4, 19)),
        incidents=INCIDENTS,
        findings=FINDINGS,
        claims=CLAIMS,
        effort=EFFORT,
        regions=REGIONS,
        line_of_contact="line_of_contact_2025-04-18",
    )
    return dataclasses.replace(report, map_zones=ZONES, map_registries=PLANTS)


def _crowded(count: int) -> DailyReport:
    rng = np.random.default_rng(7)
    lon = rng.uniform(36.0, 38.5, count)
    lat = rng.uniform(47.5, 49.0, count)
    points = tuple(
        MapPoint(f"I-{i}", round(x * 1e6), round(y * 1e6), "possible", "unattributed")
        for i, (x, y) in enumerate(zip(lon.tolist(), lat.tolist(), strict=True))
    )
    return dataclasses.replace(_report(), map_points=points)


def test_charts_and_map_are_the_same_bytes_every_time() -> None:
    for draw in (series_chart, acts_chart, incident_map):
        first, second = draw(_report()), draw(_report())
        assert first == second
        ElementTree.fromstring(first)  # well-formed XML
        assert first.startswith("<svg xmlns=")


def test_map_shows_line_zones_objects_and_a_legend() -> None:
    svg = incident_map(_report())
    assert "line of contact (2025-04-18)" in svg
    assert "withdrawal zones, 15 km" in svg
    assert "power plant (registry)" in svg
    assert 'stroke-dasharray="3 2"' in svg  # a zone's edge
    assert svg.count('stroke="#6a3d9a"') > 3  # registry objects as triangles
    for word in ("attributed to Russia", "attributed to Ukraine", "not attributed", "confirmed"):
        assert word in svg


def test_many_incidents_are_counted_in_cells() -> None:
    few, many = incident_map(_crowded(GRID_ABOVE)), incident_map(_crowded(5 * GRID_ABOVE))
    assert "cell (area ∝ count)" in many and "cell (area" not in few
    assert many.count("<circle") < few.count("<circle")


def test_series_chart_labels_days_and_totals() -> None:
    svg = series_chart(_report())
    assert "no data" in svg or "19 Apr" in svg
    assert "19 Apr" in svg
    assert nice_ticks(9_897)[-1] == 10_000 and nice_ticks(0) == [0, 1]


def test_rendering_needs_no_matplotlib() -> None:
    code = (
        "import sys; from tests.render.test_svg import _report; "
        "from ceasefire.render import render_bytes; render_bytes(_report(), 'html'); "
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
