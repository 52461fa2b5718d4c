"""A static map of the period, written by hand as SVG from the shipped layers (no internet
tiles): countries and oblasts, the withdrawal zones of the terms in force, the line of contact
valid that day, the protected objects of the registries in force, and the incidents — coloured by
attribution, marked by confidence. Above ``GRID_ABOVE`` located incidents they are counted into
grid cells (circle area ∝ count), since ten thousand dots read as one smear.

Geometry goes to SVG path strings through numpy (equirectangular, true to scale at the map's
middle latitude), clipped to the extent and simplified to half a point: deterministic bytes.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry

from ceasefire.core.reports import DailyReport
from ceasefire.render.charts import INK, SIDE_COLOURS, SIDE_LABELS, WIDTH, label, svg
from ceasefire.render.geography import display_zone, registry_points, shipped_layer

CONFIDENCE_MARKS = ("confirmed", "probable", "possible", "unverified")
GRID_ABOVE = 1_500
"""Above this many located incidents the map shows grid cells instead of single markers."""
CELL_PT = 9.0
"""Grid cell size, in points on the page."""
FRONT = (30.5, 40.5, 44.3, 52.3)
"""Default extent (west, east, south, north): eastern and southern Ukraine."""
MIN_SPAN = 3.0
LOC_PREFIX = "line_of_contact_"
HEIGHT = 390.0
TOP = 16.0
OBJECT_COLOUR = "#6a3d9a"


class Frame:
    """The map's extent and its projection onto the page (points)."""

    def __init__(self, west: float, east: float, south: float, north: float) -> None:
        aspect = 1 / np.cos(np.radians((south + north) / 2))
        width, height = WIDTH, HEIGHT - TOP
        scale = min(width / (east - west), height / ((north - south) * aspect))
        middle_x, middle_y = (west + east) / 2, (south + north) / 2
        half_w, half_h = width / scale / 2, height / (scale * aspect) / 2
        self.bounds = (middle_x - half_w, middle_y - half_h, middle_x + half_w, middle_y + half_h)
        self.scale, self.aspect = scale, aspect

    def xy(
        self, lon: npt.ArrayLike, lat: npt.ArrayLike
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """Page coordinates of longitudes and latitudes."""
        west, _, _, north = self.bounds
        x = (np.asarray(lon, dtype=np.float64) - west) * self.scale
        y = TOP + (north - np.asarray(lat, dtype=np.float64)) * self.scale * self.aspect
        return x, y

    def path(self, geometry: BaseGeometry, *, closed: bool) -> str:
        """The ``d`` of an SVG path: the geometry clipped to the frame and simplified."""
        tolerance = 0.5 / self.scale
        clipped = shapely.clip_by_rect(geometry, *self.bounds)
        if clipped.is_empty:
            return ""
        simple = shapely.simplify(clipped, tolerance)
        parts = []
        for ring in _rings(simple):
            coords = shapely.get_coordinates(ring)
            if len(coords) < 2:
                continue
            x, y = self.xy(coords[:, 0], coords[:, 1])
            points = " ".join(
                f"{a:.1f},{b:.1f}" for a, b in zip(x.tolist(), y.tolist(), strict=True)
            )
            parts.append(f"M{points}{'Z' if closed else ''}")
        return "".join(parts)


def _rings(geometry: BaseGeometry) -> list[BaseGeometry]:
    """Exterior and interior rings of polygons, and line strings, of any geometry."""
    out: list[BaseGeometry] = []
    for part in shapely.get_parts(geometry).tolist():
        if part.geom_type == "Polygon":
            out.append(part.exterior)
            out.extend(part.interiors)
        elif part.geom_type in ("LineString", "LinearRing"):
            out.append(part)
        elif part.geom_type in ("MultiPolygon", "MultiLineString", "GeometryCollection"):
            out.extend(_rings(part))
    return out


def _extent(report: DailyReport) -> tuple[float, float, float, float]:
    """The points' bounding box with a margin, at least ``MIN_SPAN`` degrees each way."""
    if not report.map_points:
        return FRONT
    lon = np.array([p.lon for p in report.map_points]) / 1e6
    lat = np.array([p.lat for p in report.map_points]) / 1e6
    bounds = []
    for values in (lon, lat):
        low = float(np.percentile(values, 0.5)) - 0.6
        high = float(np.percentile(values, 99.5)) + 0.6
        middle, half = (low + high) / 2, max(high - low, MIN_SPAN) / 2
        bounds.append((middle - half, middle + half))
    (west, east), (south, north) = bounds
    return west, east, south, north


def _path(d: str, style: str) -> str:
    return f'<path d="{d}" {style}/>' if d else ""


def _base(frame: Frame) -> list[str]:
    out = [f'<rect x="0" y="{TOP}" width="{WIDTH}" height="{HEIGHT - TOP}" fill="#dbe9f4"/>']
    for name, geometry in shipped_layer("basemap_countries"):
        fill = "#ffffff" if name == "Ukraine" else "#eeeeee"
        d = frame.path(geometry, closed=True)
        out.append(_path(d, f'fill="{fill}" stroke="#666666" stroke-width="0.6"'))
    labels = []
    for name, geometry in shipped_layer("oblasts_ukraine"):
        d = frame.path(geometry.boundary, closed=False)
        out.append(_path(d, 'fill="none" stroke="#bbbbbb" stroke-width="0.4"'))
        anchor = geometry.representative_point()
        x, y = frame.xy([anchor.x], [anchor.y])
        if 20 < x[0] < WIDTH - 20 and TOP + 8 < y[0] < HEIGHT - 4:
            text = name.removesuffix(" Oblast")
            labels.append(label(float(x[0]), float(y[0]), text, anchor="middle", fill="#888888"))
    return out + labels


def _zones(report: DailyReport, frame: Frame) -> list[str]:
    out = []
    for zone in sorted(report.map_zones, key=lambda z: -z.distance_m):
        geometry = display_zone(zone.line, zone.party, zone.distance_m)
        if geometry is None or geometry.is_empty:
            continue
        colour = SIDE_COLOURS.get(zone.party, "#777777")
        d = frame.path(geometry, closed=True)
        style = (
            f'fill="{colour}" fill-opacity="0.07" stroke="{colour}" stroke-opacity="0.6" '
            'stroke-width="0.5" stroke-dasharray="3 2" fill-rule="evenodd"'
        )
        out.append(_path(d, style))
    return out


def _line(report: DailyReport, frame: Frame) -> list[str]:
    if not report.line_of_contact:
        return []
    out = []
    for _, geometry in shipped_layer(report.line_of_contact):
        d = frame.path(geometry, closed=False)
        out.append(_path(d, f'fill="none" stroke="{INK}" stroke-width="1.1"'))
    return out


def _objects(report: DailyReport, frame: Frame) -> list[str]:
    out = []
    for registry in report.map_registries:
        points = registry_points(registry.file)
        if not points:
            continue
        x, y = frame.xy([p[1] for p in points], [p[2] for p in points])
        for a, b in zip(x.tolist(), y.tolist(), strict=True):
            if 0 < a < WIDTH and TOP < b < HEIGHT:
                out.append(_triangle(a, b, OBJECT_COLOUR))
    return out


def _triangle(x: float, y: float, colour: str, size: float = 3.2) -> str:
    return (
        f'<path d="M{x:.1f},{y - size:.1f}L{x + size:.1f},{y + size * 0.75:.1f}'
        f'L{x - size:.1f},{y + size * 0.75:.1f}Z" fill="white" stroke="{colour}" '
        'stroke-width="0.9"/>'
    )


def _marker(x: float, y: float, confidence: str, colour: str) -> str:
    if confidence == "confirmed":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.3" fill="{colour}"/>'
    if confidence == "probable":
        return (
            f'<rect x="{x - 1.7:.1f}" y="{y - 1.7:.1f}" width="3.4" height="3.4" fill="{colour}"/>'
        )
    if confidence == "possible":
        return (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.9" fill="none" stroke="{colour}" '
            'stroke-width="0.7"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.1" fill="{colour}"/>'


def _incidents(report: DailyReport, frame: Frame) -> tuple[list[str], bool]:
    """Markers (or grid cells above ``GRID_ABOVE``) and whether cells were drawn."""
    points = report.map_points
    lon = np.array([p.lon for p in points], dtype=np.float64) / 1e6
    lat = np.array([p.lat for p in points], dtype=np.float64) / 1e6
    x, y = frame.xy(lon, lat)
    inside = (x > 0) & (x < WIDTH) & (y > TOP) & (y < HEIGHT)
    if len(points) <= GRID_ABOVE:
        order = sorted(
            np.flatnonzero(inside).tolist(),
            key=lambda i: (
                -CONFIDENCE_MARKS.index(points[i].confidence)
                if points[i].confidence in CONFIDENCE_MARKS
                else 0,
                i,
            ),
        )
        return [
            _marker(x[i], y[i], points[i].confidence, SIDE_COLOURS[points[i].side]) for i in order
        ], False
    sides = list(SIDE_COLOURS)
    side = np.array([sides.index(p.side) if p.side in sides else 2 for p in points])
    firm = np.array([p.confidence in ("confirmed", "probable") for p in points])
    col = np.floor(x / CELL_PT).astype(np.int64)
    row = np.floor((y - TOP) / CELL_PT).astype(np.int64)
    cell = (row * 10_000 + col)[inside]
    keys, index, counts = np.unique(cell, return_inverse=True, return_counts=True)
    by_side = np.zeros((len(keys), 3), dtype=np.int64)
    np.add.at(by_side, (index, side[inside]), 1)
    firm_count = np.bincount(index, weights=firm[inside].astype(np.float64), minlength=len(keys))
    biggest = max(int(counts.max()) if len(counts) else 1, 1)
    out = []
    for k in np.argsort(-counts, kind="stable")[::-1].tolist():
        cx = (keys[k] % 10_000 + 0.5) * CELL_PT
        cy = TOP + (keys[k] // 10_000 + 0.5) * CELL_PT
        r = 1.2 + (CELL_PT * 0.75 - 1.2) * np.sqrt(counts[k] / biggest)
        colour = SIDE_COLOURS[sides[int(np.argmax(by_side[k]))]]
        dashed = "" if firm_count[k] * 2 >= counts[k] else ' stroke-dasharray="1.5 1"'
        out.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{colour}" fill-opacity="0.55" '
            f'stroke="{colour}" stroke-width="0.8"{dashed}/>'
        )
    return out, True


def _cell_km(frame: Frame) -> int:
    """The side of a grid cell on the ground, in whole kilometres (at the map's middle)."""
    _, south, _, north = frame.bounds
    degrees = CELL_PT / float(frame.scale)
    km: float = degrees * 111.32 * float(np.cos(np.radians((south + north) / 2)))
    return max(round(km), 1)


def _legend(report: DailyReport, gridded: bool, cell_km: int = 0) -> list[str]:
    rows: list[tuple[str, str]] = []
    if report.line_of_contact:
        when = report.line_of_contact.removeprefix(LOC_PREFIX)
        rows.append(
            (
                f'<line x1="0" y1="-2.5" x2="12" y2="-2.5" stroke="{INK}" stroke-width="1.1"/>',
                f"line of contact ({when})",
            )
        )
    distances = sorted({z.distance_m for z in report.map_zones})
    if distances:
        km = "/".join(f"{d // 1000:,}" for d in distances)
        rows.append(
            (
                '<rect x="0" y="-6" width="12" height="6" fill="#777777" fill-opacity="0.1" '
                'stroke="#777777" stroke-dasharray="3 2" stroke-width="0.5"/>',
                f"withdrawal zones, {km} km (each side's own)",
            )
        )
    if report.map_registries:
        rows.append((_triangle(6, -3, OBJECT_COLOUR, 2.8), "power plant (registry)"))
    for side, colour in SIDE_COLOURS.items():
        rows.append(
            (f'<rect x="2" y="-6" width="8" height="6" fill="{colour}"/>', SIDE_LABELS[side])
        )
    if gridded:
        rows.append(
            (
                '<circle cx="6" cy="-3" r="3.5" fill="#777777" fill-opacity="0.55" '
                'stroke="#777777"/>',
                f"incidents in a ~{cell_km} km cell (area ∝ count)",
            )
        )
        rows.append(
            (
                '<circle cx="6" cy="-3" r="3" fill="none" stroke="#444444"/>',
                "mostly confirmed or probable",
            )
        )
        rows.append(
            (
                '<circle cx="6" cy="-3" r="3" fill="none" stroke="#444444" '
                'stroke-dasharray="1.5 1"/>',
                "mostly possible or unverified",
            )
        )
    else:
        for level in CONFIDENCE_MARKS:
            rows.append((_marker(6, -3, level, "#444444"), level))
    width = 12 + max(len(text) for _, text in rows) * 0.6 * 7 + 22
    height = 8 + 10 * len(rows)
    out = [
        f'<g transform="translate(6 {TOP + 6})">',
        f'<rect width="{width:.1f}" height="{height}" fill="white" fill-opacity="0.9" '
        'stroke="#999999" stroke-width="0.5"/>',
    ]
    for index, (symbol, text) in enumerate(rows):
        y = 13 + 10 * index
        out.append(f'<g transform="translate(5 {y})">{symbol}</g>')
        out.append(label(22, y, text))
    out.append("</g>")
    return out


def incident_map(report: DailyReport) -> str:
    """The map as an SVG element (deterministic bytes)."""
    frame = Frame(*_extent(report))
    markers, gridded = _incidents(report, frame)
    title = f"Incidents, {report.period.label()}"
    body = [
        label(0, 11, title, size=9, bold=True),
        f'<svg x="0" y="{TOP}" width="{WIDTH}" height="{HEIGHT - TOP}" '
        f'viewBox="0 {TOP} {WIDTH} {HEIGHT - TOP}" overflow="hidden">',
        *_base(frame),
        *_zones(report, frame),
        *_line(report, frame),
        *_objects(report, frame),
        *markers,
        "</svg>",
        f'<rect x="0" y="{TOP}" width="{WIDTH}" height="{HEIGHT - TOP}" fill="none" '
        'stroke="#666666" stroke-width="0.8"/>',
        *_legend(report, gridded, _cell_km(frame)),
    ]
    return svg(WIDTH, HEIGHT, body, title)
