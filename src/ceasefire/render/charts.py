"""Inline SVG charts of a report, written by hand from the report value: stacked bars as
``<rect>``, text kept as text (DejaVu Sans), coordinates rounded to 0.1 unit. No plotting library
and nothing random or dated, so the same value always gives the same bytes, in milliseconds.

Units are points: a chart is as wide as the printed page's text (6.6 in = 475 pt) and scales with
``width: 100%`` in the HTML.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

from ceasefire.core.reports import DailyReport

SIDE_COLOURS = {"RU": "#D55E00", "UA": "#0072B2", "unattributed": "#9A9A9A"}
"""Okabe–Ito colours, readable with colour-blindness and in grey print."""
SIDE_LABELS = {
    "RU": "attributed to Russia",
    "UA": "attributed to Ukraine",
    "unattributed": "not attributed",
}
WIDTH = 475.2
FONT = "DejaVu Sans, sans-serif"
INK = "#222222"
GRID = "#dddddd"


def text_width(text: str, size: float) -> float:
    """Approximate width of ``text`` in DejaVu Sans at ``size`` (0.6 em per character)."""
    return 0.6 * size * len(text)


def label(
    x: float,
    y: float,
    text: str,
    *,
    size: float = 7,
    anchor: str = "start",
    fill: str = INK,
    bold: bool = False,
) -> str:
    """An SVG ``<text>`` element (escaped)."""
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}" '
        f'fill="{fill}"{weight}>{escape(text)}</text>'
    )


def rect(x: float, y: float, w: float, h: float, fill: str, *, extra: str = "") -> str:
    """An SVG ``<rect>`` (zero-sized ones are left out)."""
    if w <= 0 or h <= 0:
        return ""
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}"{extra}/>'


def svg(width: float, height: float, body: Sequence[str], title: str) -> str:
    """An SVG element with a viewBox in points and the report's font."""
    parts = "".join(p for p in body if p)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.1f} {height:.1f}" '
        f'width="{width:.1f}pt" height="{height:.1f}pt" font-family="{FONT}" role="img">'
        f"<title>{escape(title)}</title>{parts}</svg>"
    )


def nice_ticks(top: int, count: int = 5) -> list[int]:
    """Round tick values from 0 to at least ``top``.

    >>> nice_ticks(9897)
    [0, 2000, 4000, 6000, 8000, 10000]
    """
    raw = max(top, 1) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    step = max(int(step), 1)
    return list(range(0, (math.ceil(max(top, 1) / step)) * step + 1, step))


def legend(x: float, y: float, size: float = 7) -> list[str]:
    """The three sides' swatches in one row."""
    out = []
    for side, colour in SIDE_COLOURS.items():
        out.append(rect(x, y - size * 0.8, 14, size * 0.8, colour))
        out.append(label(x + 18, y, SIDE_LABELS[side], size=size))
        x += 18 + text_width(SIDE_LABELS[side], size) + 14
    return out


def series_chart(report: DailyReport) -> str:
    """Incidents per reporting day by side (stacked bars), the report's own day outlined."""
    height, left, right, top, bottom = 170.0, 48.0, 8.0, 40.0, 20.0
    days = [date.fromisoformat(d.day) for d in report.series]
    totals = [sum(d.by_side.values()) for d in report.series]
    ticks = nice_ticks(max([*totals, 1]))
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    scale = plot_h / ticks[-1]
    base = top + plot_h
    title = "Incidents per reporting day, by attribution (this report's day outlined)"
    body = [label(left, 11, title, size=9, bold=True), *legend(left, 26)]
    for tick in ticks:
        y = base - tick * scale
        body.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + plot_w:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID if tick else INK}" stroke-width="{0.5 if tick else 0.8}"/>'
        )
        body.append(label(left - 4, y + 2.5, f"{tick:,}", anchor="end"))
    body.append(
        label(10, top + plot_h / 2, "incidents", size=7, anchor="middle").replace(
            "<text ", f'<text transform="rotate(-90 10 {top + plot_h / 2:.1f})" ', 1
        )
    )
    slot = plot_w / max(len(days), 1)
    bar = slot * 0.7
    for index, (day, count) in enumerate(zip(days, report.series, strict=True)):
        x = left + index * slot + (slot - bar) / 2
        y = base
        for side, colour in SIDE_COLOURS.items():
            h = count.by_side[side] * scale
            body.append(rect(x, y - h, bar, h, colour))
            y -= h
        if day == report.period.day and totals[index]:
            body.append(
                rect(x, y, bar, base - y, "none", extra=f' stroke="{INK}" stroke-width="1.2"')
            )
        shown = f"{totals[index]:,}" if count.observed else "no data"
        body.append(label(x + bar / 2, y - 3, shown, anchor="middle"))
        body.append(label(x + bar / 2, base + 11, f"{day:%-d %b}", size=7.5, anchor="middle"))
    return svg(WIDTH, height, body, title)


def acts_chart(report: DailyReport) -> str:
    """Incidents of the period by kind of act and side (horizontal stacked bars)."""
    rows = report.acts[:10]
    row_h, top, bottom = 16.0, 40.0, 24.0
    height = top + bottom + row_h * max(len(rows), 1)
    left = 12 + max([text_width(r.label, 7.5) for r in rows] + [40.0])
    right = 40.0
    totals = [sum(r.by_side.values()) for r in rows]
    ticks = nice_ticks(max([*totals, 1]))
    plot_w = WIDTH - left - right
    scale = plot_w / ticks[-1]
    base = top + row_h * max(len(rows), 1)
    title = "Incidents by kind of act and attribution"
    body = [label(8, 11, title, size=9, bold=True), *legend(8, 26)]
    for tick in ticks:
        x = left + tick * scale
        body.append(
            f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{base:.1f}" '
            f'stroke="{GRID if tick else INK}" stroke-width="{0.5 if tick else 0.8}"/>'
        )
        body.append(label(x, base + 10, f"{tick:,}", anchor="middle"))
    body.append(label(left + plot_w / 2, base + 21, "incidents in the period", anchor="middle"))
    if not rows:
        body.append(label(left + 6, top + 11, "No incident in the period.", fill="#777777"))
    for index, row in enumerate(rows):
        y = top + index * row_h + row_h * 0.175
        h = row_h * 0.65
        x = left
        for side, colour in SIDE_COLOURS.items():
            w = row.by_side[side] * scale
            body.append(rect(x, y, w, h, colour))
            x += w
        body.append(label(left - 4, y + h - 2.5, row.label, size=7.5, anchor="end"))
        body.append(label(x + 3, y + h - 2.5, f"{totals[index]:,}"))
    return svg(WIDTH, height, body, title)
