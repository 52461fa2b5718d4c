"""Inline SVG charts of a report, drawn with matplotlib (Agg) so the same value always gives
the same bytes: a fixed ``svg.hashsalt``, no date metadata, text kept as text (DejaVu Sans)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from ceasefire.core.reports import DailyReport
from ceasefire.render.extras import require

SIDE_COLOURS = {"RU": "#D55E00", "UA": "#0072B2", "unattributed": "#9A9A9A"}
"""Okabe–Ito colours, readable with colour-blindness and in grey print."""
SIDE_LABELS = {
    "RU": "attributed to Russia",
    "UA": "attributed to Ukraine",
    "unattributed": "not attributed",
}
STYLE = {
    "svg.hashsalt": "ceasefire-report",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 9,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
}


@contextmanager
def figure(width_in: float, height_in: float) -> Iterator[tuple[Any, Any]]:
    """A matplotlib figure and axes in the report's style (closed afterwards)."""
    matplotlib = require("matplotlib")
    matplotlib.use("Agg", force=True)
    pyplot = require("matplotlib.pyplot")
    with matplotlib.rc_context(STYLE):
        fig, ax = pyplot.subplots(figsize=(width_in, height_in), layout="constrained")
        try:
            yield fig, ax
        finally:
            pyplot.close(fig)


def svg_text(fig: Any) -> str:
    """The figure as an SVG element (no XML prolog, no date), deterministic."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def series_chart(report: DailyReport) -> str:
    """Incidents per reporting day by side (stacked bars), the report's own day(s) outlined."""
    days = [date.fromisoformat(d.day) for d in report.series]
    labels = [f"{d:%-d %b}" for d in days]
    with figure(6.6, 2.3) as (fig, ax):
        bottom = [0] * len(days)
        for side, colour in SIDE_COLOURS.items():
            values = [d.by_side[side] for d in report.series]
            ax.bar(
                labels,
                values,
                bottom=bottom,
                color=colour,
                label=SIDE_LABELS[side],
                width=0.7,
            )
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        current = {f"{report.period.day:%-d %b}"}
        for index, label in enumerate(labels):
            if label in current:
                ax.bar(
                    [label],
                    [bottom[index]],
                    fill=False,
                    edgecolor="black",
                    linewidth=1.2,
                    width=0.7,
                )
        for index, total in enumerate(bottom):
            text = f"{total:,}" if report.series[index].observed else "no data"
            ax.annotate(
                text,
                (index, total),
                ha="center",
                va="bottom",
                fontsize=7,
                xytext=(0, 1),
                textcoords="offset points",
            )
        ax.set_ylabel("incidents per reporting day")
        ax.set_title("Incidents per reporting day, by attribution (this report's day outlined)")
        ax.set_ylim(0, max([*bottom, 1]) * 1.15)
        ax.legend(loc="upper left", ncols=3, frameon=False, fontsize=7)
        return svg_text(fig)


def acts_chart(report: DailyReport) -> str:
    """Incidents of the period by kind of act and side (horizontal stacked bars)."""
    rows = list(reversed(report.acts[:10]))
    with figure(6.6, max(1.8, 0.7 + 0.24 * len(rows))) as (fig, ax):
        labels = [r.label for r in rows]
        left = [0] * len(rows)
        for side, colour in SIDE_COLOURS.items():
            values = [r.by_side[side] for r in rows]
            ax.barh(
                labels,
                values,
                left=left,
                color=colour,
                label=SIDE_LABELS[side],
                height=0.65,
            )
            left = [a + b for a, b in zip(left, values, strict=True)]
        for index, total in enumerate(left):
            ax.annotate(
                f"{total:,}",
                (total, index),
                va="center",
                fontsize=7,
                xytext=(2, 0),
                textcoords="offset points",
            )
        ax.set_xlabel("incidents in the period")
        ax.set_title("Incidents by kind of act and attribution")
        ax.set_xlim(0, max([*left, 1]) * 1.12)
        ax.legend(loc="lower right", frameon=False, fontsize=7)
        return svg_text(fig)
