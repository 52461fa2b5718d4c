"""Rendering one report value: JSON byte for byte, HTML with every section, Markdown, CSV, PDF."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from ceasefire.core.reports import DailyReport, build_daily_report, reporting_period
from ceasefire.render import read_published, render_bytes, render_report
from tests.core.reports.fixtures import CLAIMS, EFFORT, FINDINGS, INCIDENTS, REGIONS

if os.environ.get("CI") != "true":  # CI installs the [reports] extra: a missing one fails there
    pytest.importorskip("jinja2")
    pytest.importorskip("matplotlib")


def _report() -> DailyReport:
    return build_daily_report(
        reporting_period(date(2025, 4, 19)),
        incidents=INCIDENTS,
        findings=FINDINGS,
        claims=CLAIMS,
        effort=EFFORT,
        regions=REGIONS,
        line_of_contact="line_of_contact_2025-04-18",
        notices=("Generated data for a test.",),
    )


def test_json_is_identical_byte_for_byte_across_renders() -> None:
    first, second = render_bytes(_report(), "json"), render_bytes(_report(), "json")
    assert first == second
    document = json.loads(first)
    assert document["figures"]["incidents.total"] == 4
    assert b" " not in first.split(b'"label"')[0][:50]  # canonical: no insignificant spaces


def test_published_json_reads_back_as_the_previous_figures(tmp_path: Path) -> None:
    path = render_report(_report(), "json", tmp_path / "r.json")
    published = read_published(path)
    assert published.figures["incidents.RU"] == 1
    assert published.period_end == reporting_period(date(2025, 4, 19)).end


def test_html_has_every_section_and_inline_svg() -> None:
    html = render_bytes(_report(), "html").decode()
    for heading in (
        "Summary",
        "Change against the previous period",
        "By party",
        "By region",
        "Map",
        "Findings",
        "The parties' own claims",
        "Monitors: effort and restrictions",
        "Methodology",
        "Limitations",
    ):
        assert f"<h2>{heading}</h2>" in html, heading
    assert html.count("<svg xmlns") == 3  # two charts and the map
    assert 'href="http' not in html  # no tiles or remote images in the charts or map
    assert "<img" not in html
    assert "Generated data for a test." in html
    assert '387 <span class="unit">episodes</span>' in html


def test_html_is_reproducible() -> None:
    assert render_bytes(_report(), "html") == render_bytes(_report(), "html")


def test_markdown_and_csv_list_findings_and_units() -> None:
    markdown = render_bytes(_report(), "md").decode()
    assert markdown.startswith("# Daily report")
    assert "| Incidents (all confidence levels) | incidents | 4 |" in markdown
    csv_text = render_bytes(_report(), "csv").decode()
    assert csv_text.splitlines()[0].startswith("finding_id,agreement_id")
    assert len(csv_text.splitlines()) == 3


def _needs(available: bool, what: str) -> None:
    """Skip when an optional capability is absent — except in CI, which installs them all."""
    if not available:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must have {what}")
        pytest.skip(f"{what} is not installed")


def test_pdf_renders_and_its_text_has_the_title(tmp_path: Path) -> None:
    _needs(importlib.util.find_spec("weasyprint") is not None, "WeasyPrint ([reports] extra)")
    path = render_report(_report(), "pdf", tmp_path / "r.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    _needs(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)")
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Daily report" in text
    assert "Change against the previous period" in text
