"""Counting incidents and findings in a period: the figures a report publishes and the next
report compares against (``incidents.total``, ``incidents.RU``, ``region.Donetsk Oblast``…)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

import numpy as np
import numpy.typing as npt

from ceasefire.core.reports.model import (
    CONFIDENCES,
    INCIDENT_UNIT,
    SIDES,
    FindingRecord,
    ReportIncidents,
)
from ceasefire.core.reports.period import ReportingPeriod

DISCOUNTED = "discounted"
"""Discounted incidents are shown as a number but never counted in the figures."""

FIGURE_LABELS: dict[str, tuple[str, str]] = {
    "incidents.total": ("Incidents (all confidence levels)", INCIDENT_UNIT),
    "incidents.confirmed": ("… of which confirmed", INCIDENT_UNIT),
    "incidents.probable": ("… of which probable", INCIDENT_UNIT),
    "incidents.RU": ("Attributed to Russia", INCIDENT_UNIT),
    "incidents.UA": ("Attributed to Ukraine", INCIDENT_UNIT),
    "incidents.unattributed": ("Not attributed (contested or not attributable)", INCIDENT_UNIT),
    "findings.violation": ("Findings of violation", "finding"),
    "findings.violation.RU": ("… Russia responsible", "finding"),
    "findings.violation.UA": ("… Ukraine responsible", "finding"),
    "findings.indeterminate": ("Indeterminate findings", "finding"),
    "restrictions": ("Restrictions of the monitors' movement", "restriction"),
}
"""The figures shown in "change against the previous period", in this order."""


def in_period(period: ReportingPeriod, start_s: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Mask of event times (epoch seconds, -1 undated) inside ``[start, end)``."""
    lo, hi = int(period.start.timestamp()), int(period.end.timestamp())
    return (start_s >= lo) & (start_s < hi)


def findings_in(period: ReportingPeriod, rows: Sequence[FindingRecord]) -> list[FindingRecord]:
    """Findings whose incident started in the period."""
    return [f for f in rows if f.event_start is not None and period.contains(f.event_start)]


def restrictions_in(period: ReportingPeriod, starts: Sequence[datetime]) -> int:
    """How many restrictions started in the period."""
    return sum(1 for s in starts if period.contains(s))


def period_figures(
    incidents: ReportIncidents,
    mask: npt.NDArray[np.bool_],
    regions: Sequence[str],
    findings: Sequence[FindingRecord],
    restrictions: int,
) -> dict[str, int]:
    """The published figures of one period (``mask`` selects its incidents; ``regions`` is the
    region name of every incident)."""
    counted = mask & (incidents.confidence != DISCOUNTED)
    figures = dict.fromkeys(FIGURE_LABELS, 0)
    figures["incidents.total"] = int(counted.sum())
    for level in CONFIDENCES:
        figures[f"incidents.{level}"] = int((counted & (incidents.confidence == level)).sum())
    side = incidents.side
    for name in SIDES:
        figures[f"incidents.{name}"] = int((counted & (side == name)).sum())
    verdicts = Counter(f.verdict for f in findings)
    figures["findings.violation"] = verdicts["violation"]
    figures["findings.indeterminate"] = verdicts["indeterminate"]
    responsible = Counter(f.responsible_party for f in findings if f.verdict == "violation")
    for party in ("RU", "UA"):
        figures[f"findings.violation.{party}"] = responsible[party]
    figures["restrictions"] = restrictions
    for name, count in Counter(np.asarray(regions, dtype=object)[counted].tolist()).items():
        figures[f"region.{name}"] = int(count)
    return figures
