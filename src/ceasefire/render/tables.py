"""The full list of a report's findings as CSV (the PDF lists only the top ones)."""

from __future__ import annotations

import csv
import io

from ceasefire.core.reports import DailyReport

COLUMNS = (
    "finding_id",
    "agreement_id",
    "term_id",
    "version_party",
    "incident_id",
    "verdict",
    "responsible_party",
    "status",
    "when",
    "confidence",
    "trace",
)


def findings_csv(report: DailyReport) -> bytes:
    """Every finding of the period, by severity, one row each (UTF-8, ``\\n`` line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for f in report.findings:
        writer.writerow(["" if getattr(f, c) is None else getattr(f, c) for c in COLUMNS])
    return buffer.getvalue().encode("utf-8")
