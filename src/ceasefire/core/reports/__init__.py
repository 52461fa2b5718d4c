"""Report values: the daily report built from values, ready for any renderer.

``build_daily_report`` takes incidents (columns), findings, claims, effort, the regions and the
previous report's published figures, and returns a :class:`DailyReport` that holds integers and
text only (its JSON form is canonical). Rendering (HTML, PDF, Markdown, JSON) is the edge
``ceasefire.render``.
"""

from ceasefire.core.reports.build import build_daily_report
from ceasefire.core.reports.model import (
    ClaimRecord,
    DailyReport,
    FindingRecord,
    PublishedFigures,
    Regions,
    ReportIncidents,
)
from ceasefire.core.reports.period import ReportingPeriod, reporting_period

__all__ = [
    "ClaimRecord",
    "DailyReport",
    "FindingRecord",
    "PublishedFigures",
    "Regions",
    "ReportIncidents",
    "ReportingPeriod",
    "build_daily_report",
    "reporting_period",
]
