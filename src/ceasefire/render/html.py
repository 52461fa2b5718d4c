"""HTML and Markdown of a report value, from Jinja2 templates in ``render/templates``.

The HTML is self-contained (inline CSS, inline SVG charts and map) and prints on A4: the PDF is
WeasyPrint's rendering of it with ``full=False`` (the top findings only; the full list is in
the HTML and the CSV).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from ceasefire.core.compliance.trace import SHORT_NAMES
from ceasefire.core.reports import DailyReport
from ceasefire.render.charts import SIDE_COLOURS, acts_chart, series_chart
from ceasefire.render.extras import require
from ceasefire.render.map import incident_map

UNIT_WORDS = {
    "incident": "incidents",
    "finding": "findings",
    "restriction": "restrictions",
    "violation": "violations",
    "episode": "episodes",
    "drone_use": "drone uses",
    "attack": "attacks",
    "object": "objects",
    "region": "regions",
    "hour": "hours",
    "event": "events",
    "signature": "signatures",
    "person": "persons",
    "other": "(unit not stated)",
}
VERDICT_WORDS = {
    "violation": "violation",
    "indeterminate": "indeterminate",
    "no_violation": "no violation",
}


def percent(part: int, whole: int) -> str:
    """``37 %`` (``–`` when the whole is zero); integers in, text out."""
    if whole == 0:
        return "–"
    return f"{round(100 * part / whole)} %"


def signed(value: int) -> str:
    """``+12``, ``−3`` or ``0``."""
    if value > 0:
        return f"+{value:,}"
    if value < 0:
        return f"−{-value:,}"
    return "0"


def hours(minutes: int) -> str:
    """Minutes as hours with one decimal."""
    return f"{minutes / 60:,.1f}"


@lru_cache(maxsize=1)
def _environment() -> Any:
    jinja2 = require("jinja2")
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ceasefire.render", "templates"),
        autoescape=lambda name: name is None or ".html" in name,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(
        percent=percent,
        signed=signed,
        hours=hours,
        unit=lambda u: UNIT_WORDS.get(u, u),
        verdict=lambda v: VERDICT_WORDS.get(v, v),
        party=lambda p: SHORT_NAMES.get(p or "", p or "—"),
        thousands=lambda n: f"{n:,}",
        host=lambda url: urlsplit(url).netloc.removeprefix("www.") or url,
    )
    return env


def _context(report: DailyReport, full: bool) -> dict[str, Any]:
    return {
        "r": report,
        "full": full,
        "top": report.top(),
        "colours": SIDE_COLOURS,
        "sides": ("RU", "UA", "unattributed"),
        "side_words": {"RU": "Russia", "UA": "Ukraine", "unattributed": "not attributed"},
        "confidences": ("confirmed", "probable", "possible", "unverified"),
    }


def render_html(report: DailyReport, *, full: bool = True) -> str:
    """The report as one HTML document; ``full`` lists every finding (else the top ones)."""
    context = _context(report, full)
    context["charts"] = {
        "series": series_chart(report),
        "acts": acts_chart(report),
        "map": incident_map(report),
    }
    return str(_environment().get_template("report.html.j2").render(context))


def render_markdown(report: DailyReport) -> str:
    """The report as Markdown (tables; no charts or map)."""
    env = _environment()
    template = env.get_template("report.md.j2")
    return str(template.render(_context(report, True)))
