"""A static map of the period's incidents, drawn from the shipped layers (no internet tiles):
countries, oblasts, the line of contact valid that day, incidents coloured by attribution and
marked by confidence."""

from __future__ import annotations

from typing import Any

import numpy as np
from shapely.geometry.base import BaseGeometry

from ceasefire.core.reports import DailyReport
from ceasefire.render.charts import SIDE_COLOURS, SIDE_LABELS, figure, svg_text
from ceasefire.render.geography import shipped_layer

MARKERS = {
    "confirmed": {"marker": "o", "s": 16, "filled": True},
    "probable": {"marker": "s", "s": 10, "filled": True},
    "possible": {"marker": "o", "s": 10, "filled": False},
    "unverified": {"marker": ".", "s": 6, "filled": True},
}
RASTER_ABOVE = 2_000
"""Above this many points the markers are embedded as one raster image, to keep SVG small."""
FRONT = (30.5, 40.5, 44.3, 52.3)
MIN_SPAN = 3.0
LOC_PREFIX = "line_of_contact_"
"""Default extent (west, east, south, north): eastern and southern Ukraine."""


def _polygons(geometry: BaseGeometry) -> list[Any]:
    if geometry.geom_type == "Polygon":
        return [geometry]
    return [g for g in getattr(geometry, "geoms", []) if g.geom_type == "Polygon"]


def _lines(geometry: BaseGeometry) -> list[Any]:
    if geometry.geom_type == "LineString":
        return [geometry]
    return [g for g in getattr(geometry, "geoms", []) if g.geom_type == "LineString"]


def _extent(report: DailyReport) -> tuple[float, float, float, float]:
    """The points' bounding box with a margin, at least ``MIN_SPAN`` degrees each way."""
    if not report.map_points:
        return FRONT
    lon = np.array([p.lon for p in report.map_points]) / 1e6
    lat = np.array([p.lat for p in report.map_points]) / 1e6
    bounds = []
    for values in (lon, lat):
        low, high = (
            float(np.percentile(values, 0.5)) - 0.6,
            float(np.percentile(values, 99.5)) + 0.6,
        )
        middle, half = (low + high) / 2, max(high - low, MIN_SPAN) / 2
        bounds.append((middle - half, middle + half))
    (west, east), (south, north) = bounds
    return west, east, south, north


def incident_map(report: DailyReport) -> str:
    """The map as an SVG element."""
    west, east, south, north = _extent(report)
    aspect = 1 / np.cos(np.radians((south + north) / 2))
    with figure(6.6, 5.2) as (fig, ax):
        ax.set_facecolor("#dbe9f4")  # sea
        for name, geometry in shipped_layer("basemap_countries"):
            colour = "#ffffff" if name == "Ukraine" else "#eeeeee"
            for polygon in _polygons(geometry):
                ax.fill(*polygon.exterior.xy, facecolor=colour, edgecolor="#666666", linewidth=0.6)
        for name, geometry in shipped_layer("oblasts_ukraine"):
            for polygon in _polygons(geometry):
                ax.plot(*polygon.exterior.xy, color="#bbbbbb", linewidth=0.4)
            anchor = geometry.representative_point()
            if west < anchor.x < east and south < anchor.y < north:
                ax.annotate(
                    name.removesuffix(" Oblast"),
                    (anchor.x, anchor.y),
                    fontsize=7,
                    color="#777777",
                    ha="center",
                    va="center",
                    zorder=2,
                )
        if report.line_of_contact:
            for _, geometry in shipped_layer(report.line_of_contact):
                for line in _lines(geometry):
                    ax.plot(*line.xy, color="#222222", linewidth=1.1)
            ax.plot(
                [],
                [],
                color="#222222",
                linewidth=1.1,
                label=f"line of contact ({report.line_of_contact.removeprefix(LOC_PREFIX)})",
            )
        raster = len(report.map_points) > RASTER_ABOVE
        for level, style in MARKERS.items():
            for side, colour in SIDE_COLOURS.items():
                chosen = [p for p in report.map_points if p.confidence == level and p.side == side]
                if not chosen:
                    continue
                lon = [p.lon / 1e6 for p in chosen]
                lat = [p.lat / 1e6 for p in chosen]
                ax.scatter(
                    lon,
                    lat,
                    s=style["s"],
                    marker=style["marker"],
                    linewidths=0.6,
                    facecolors=colour if style["filled"] else "none",
                    edgecolors=colour,
                    rasterized=raster,
                    zorder=3,
                )
        for side, colour in SIDE_COLOURS.items():
            ax.scatter([], [], s=16, color=colour, label=SIDE_LABELS[side])
        for level, style in MARKERS.items():
            ax.scatter(
                [],
                [],
                s=style["s"],
                marker=style["marker"],
                facecolors="#444444" if style["filled"] else "none",
                edgecolors="#444444",
                label=level,
            )
        ax.set_xlim(west, east)
        ax.set_ylim(south, north)
        ax.set_aspect(aspect)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(True)
        ax.legend(loc="upper left", fontsize=7, frameon=True, framealpha=0.9, ncols=2)
        ax.set_title(f"Incidents, {report.period.label()}")
        return svg_text(fig)
