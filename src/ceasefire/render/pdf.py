"""The PDF edition: WeasyPrint's rendering of the HTML with the top findings only."""

from __future__ import annotations

from ceasefire.core.reports import DailyReport
from ceasefire.render.extras import require
from ceasefire.render.html import render_html


def html_to_pdf(html: str) -> bytes:
    """PDF bytes of an HTML document (fonts from the system: DejaVu covers Cyrillic)."""
    weasyprint = require("weasyprint")
    return bytes(weasyprint.HTML(string=html).write_pdf())


def render_pdf(report: DailyReport) -> bytes:
    """The report as PDF (A4, page numbers, the top findings; the full list is in the HTML)."""
    return html_to_pdf(render_html(report, full=False))
