"""Rendering (an edge): one report value → JSON, Markdown, HTML, PDF, or CSV of its findings.

JSON is canonical (RFC 8785, the bytes a publication commits to). HTML uses Jinja2 templates
with inline SVG charts and a map written directly as SVG from the shipped layers (no internet
tiles); the PDF is WeasyPrint's rendering of the same HTML. Jinja2 and WeasyPrint
are the ``[reports]`` extra: a missing one is named with the command to install it.
"""

from __future__ import annotations

from pathlib import Path

from ceasefire.core.errors import CeasefireError
from ceasefire.core.reports import DailyReport
from ceasefire.render.json_report import read_published, report_json

FORMATS = ("json", "md", "html", "pdf", "csv")

__all__ = ["FORMATS", "read_published", "render_bytes", "render_report", "report_json"]


def render_bytes(report: DailyReport, format: str) -> bytes:
    """The report rendered in ``format`` (see :data:`FORMATS`)."""
    if format == "json":
        return report_json(report)
    if format == "csv":
        from ceasefire.render.tables import findings_csv

        return findings_csv(report)
    if format == "md":
        from ceasefire.render.html import render_markdown

        return render_markdown(report).encode("utf-8")
    if format == "html":
        from ceasefire.render.html import render_html

        return render_html(report, full=True).encode("utf-8")
    if format == "pdf":
        from ceasefire.render.pdf import render_pdf

        return render_pdf(report)
    raise CeasefireError(f"unknown report format {format!r}; expected one of {', '.join(FORMATS)}")


def render_report(report: DailyReport, format: str, path: Path) -> Path:
    """Write the report rendered in ``format`` to ``path`` (parent folders created)."""
    data = render_bytes(report, format)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise CeasefireError(f"{path}: cannot write the report ({exc.strerror})") from None
    return path
