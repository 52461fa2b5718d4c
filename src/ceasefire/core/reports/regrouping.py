"""The report's "Regrouping, rearming and restrictions" section: findings in their own right.

Weapons missing from storage sites, inspections refused, a significant rise in heavy weapons
near the line (normalised by observation effort), restrictions of the monitors' movement and
interference, each with its trace. They are listed apart from the per-incident findings and
never counted in the incident figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from ceasefire.core.reports.model import FindingRecord, StandingEntry
from ceasefire.core.reports.period import ReportingPeriod
from ceasefire.core.reports.sections import local_text

HEADINGS = {
    "storage_shortfall": "Weapons missing from a storage site",
    "inspection_refused": "Inspection of a storage site refused",
    "weapons_rise": "Rise in heavy weapons near the line",
    "restriction": "Restriction of the monitors' freedom of movement",
    "interference": "Interference with the monitors",
}
ORDER = {kind: rank for rank, kind in enumerate(HEADINGS)}
VERDICT_ORDER = {"violation": 0, "indeterminate": 1, "no_violation": 2}


def is_standing(finding: FindingRecord) -> bool:
    """True for a finding in its own right (not an incident held against a term)."""
    return finding.kind != "incident"


def standing_entries(
    period: ReportingPeriod, rows: Sequence[FindingRecord]
) -> tuple[StandingEntry, ...]:
    """The section's entries: by kind (shortfalls first), verdict, time and ID."""
    ranked = sorted(
        (f for f in rows if is_standing(f)),
        key=lambda f: (
            ORDER.get(f.kind, len(ORDER)),
            VERDICT_ORDER.get(f.verdict, 3),
            f.event_start.isoformat() if f.event_start else "~",
            f.finding_id,
        ),
    )
    return tuple(
        StandingEntry(
            finding_id=f.finding_id,
            kind=f.kind,
            heading=HEADINGS.get(f.kind, f.kind.replace("_", " ")),
            verdict=f.verdict,
            responsible_party=f.responsible_party,
            status=f.status,
            when=local_text(period, f.event_start),
            trace=f.trace,
        )
        for f in ranked
    )
