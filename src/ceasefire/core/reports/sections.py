"""The report's sections that are not plain counts: findings ranked by severity, the parties'
claims beside the verified counts, and observation effort."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime

import numpy as np

from ceasefire.core.effort import EffortKind, EffortRecord
from ceasefire.core.reports.model import (
    ClaimEntry,
    ClaimFigure,
    ClaimRecord,
    Effort,
    FindingEntry,
    FindingRecord,
    ReportIncidents,
    RestrictionRow,
    SensorRow,
    VerdictRow,
)
from ceasefire.core.reports.period import ReportingPeriod
from ceasefire.core.taxonomy import Act, Layer, layer_of

VERDICT_RANK = {"violation": 0, "indeterminate": 1, "no_violation": 2}
CONFIDENCE_RANK = {"confirmed": 0, "probable": 1, "possible": 2, "unverified": 3}
ACT_WEIGHT = {"missile_strike": 0, "air_strike": 0, "shelling": 1, "drone_strike": 2}
QUALIFIER_WORDS = {
    "exactly": "",
    "more_than": "more than",
    "at_least": "at least",
    "about": "about",
    "less_than": "fewer than",
    "at_most": "at most",
}
INTERFERENCE_ACTS = sorted(a.value for a in Act if layer_of(a) is Layer.INTERFERENCE)
PARTY_CODES = {"Russia": "RU", "Ukraine": "UA", "RU": "RU", "UA": "UA"}


def local_text(period: ReportingPeriod, moment: datetime | None) -> str:
    """``19 Apr 18:16`` in the report's time zone (``undated`` when unknown)."""
    if moment is None:
        return "undated"
    return f"{period.local(moment):%-d %b %H:%M}"


def ranked_findings(
    period: ReportingPeriod, rows: Sequence[FindingRecord], incidents: ReportIncidents
) -> tuple[FindingEntry, ...]:
    """Findings by severity: verdict (violation, indeterminate, no violation), then the
    incident's confidence, then the weight of the act (missiles and air strikes first), then
    energy targets, then time and ID."""
    position = {incident: i for i, incident in enumerate(incidents.ids)}

    def key(f: FindingRecord) -> tuple[int, int, int, int, str, str]:
        i = position.get(f.incident_id or "")
        confidence = str(incidents.confidence[i]) if i is not None else "unverified"
        act = str(incidents.act[i]).split(".")[0] if i is not None else "unknown"
        target = str(incidents.target_class[i]) if i is not None else ""
        when = f.event_start.isoformat() if f.event_start else "~"
        return (
            VERDICT_RANK.get(f.verdict, 3),
            CONFIDENCE_RANK.get(confidence, 4),
            ACT_WEIGHT.get(act, 3),
            0 if target.startswith("energy") else 1,
            when,
            f.finding_id,
        )

    out = []
    for f in sorted(rows, key=key):
        i = position.get(f.incident_id or "")
        out.append(
            FindingEntry(
                finding_id=f.finding_id,
                agreement_id=f.agreement_id,
                term_id=f.term_id,
                version_party=f.version_party,
                incident_id=f.incident_id,
                verdict=f.verdict,
                responsible_party=f.responsible_party,
                status=f.status,
                when=local_text(period, f.event_start),
                confidence=str(incidents.confidence[i]) if i is not None else "unknown",
                trace=f.trace,
            )
        )
    return tuple(out)


def verdict_rows(rows: Sequence[FindingRecord]) -> tuple[VerdictRow, ...]:
    """Counts per (agreement, term, party version) and verdict."""
    counts: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for f in rows:
        counts[(f.agreement_id or "", f.term_id or "", f.version_party or "")][f.verdict] += 1
    return tuple(
        VerdictRow(a, t, v, c["violation"], c["indeterminate"], c["no_violation"])
        for (a, t, v), c in sorted(counts.items())
    )


def claims_overlapping(
    period: ReportingPeriod,
    claims: Sequence[ClaimRecord],
    verified_by_party: Mapping[str, int],
) -> tuple[ClaimEntry, ...]:
    """Claims whose period overlaps the report's, each figure in its own unit, with the
    incidents this report attributes to the accused party beside them (never added)."""
    out = []
    for claim in claims:
        if claim.start is None and claim.end is None:
            continue
        if claim.start is not None and claim.start >= period.end:
            continue
        if claim.end is not None and claim.end <= period.start:
            continue
        accused = PARTY_CODES.get(claim.accused_party or "")
        out.append(
            ClaimEntry(
                key=claim.key,
                claimant=claim.claimant,
                claimant_party=claim.claimant_party,
                accused_party=claim.accused_party,
                period_text=claim.period_text,
                figures=tuple(
                    ClaimFigure(
                        item.metric,
                        QUALIFIER_WORDS.get(item.qualifier.value, item.qualifier.value),
                        item.value,
                        item.unit.value,
                    )
                    for item in claim.items
                ),
                source_url=claim.source_url,
                verified_against_accused=verified_by_party.get(accused) if accused else None,
            )
        )
    out.sort(key=lambda c: (c.claimant_party, c.period_text, c.key))
    return tuple(out)


def _minutes(record: EffortRecord) -> int:
    if record.end is None:
        return 0
    return max(0, int((record.end - record.start).total_seconds()) // 60)


def effort_summary(
    period: ReportingPeriod,
    records: Sequence[EffortRecord],
    restriction_regions: Mapping[str, str],
    incidents: ReportIncidents,
    mask: np.ndarray,
) -> Effort:
    """Patrols, sensor uptime and restrictions that started in the period; ``restriction_regions``
    maps a restriction's key to its region name."""
    chosen = [r for r in records if period.contains(r.start)]
    patrols = [r for r in chosen if r.kind is EffortKind.PATROL]
    sensors: dict[str, list[EffortRecord]] = defaultdict(list)
    for r in chosen:
        if r.kind is EffortKind.SENSOR:
            sensors[r.sensor_kind.value if r.sensor_kind else "other"].append(r)
    restrictions = sorted(
        (r for r in chosen if r.kind is EffortKind.RESTRICTION), key=lambda r: (r.start, r.key)
    )
    interference = int(np.isin(incidents.act[mask], INTERFERENCE_ACTS).sum())
    return Effort(
        patrols=len(patrols),
        patrol_metres=sum(r.distance_m or 0 for r in patrols),
        patrol_minutes=sum(_minutes(r) for r in patrols),
        sensors=tuple(
            SensorRow(
                kind,
                len(rows),
                sum(r.uptime_min or 0 for r in rows),
                sum(_minutes(r) for r in rows),
            )
            for kind, rows in sorted(sensors.items())
        ),
        restrictions=tuple(
            RestrictionRow(
                when=local_text(period, r.start),
                region=restriction_regions.get(r.key, "not located"),
                restricted_by=r.restricted_by or "not stated",
                reason=(r.reason.value if r.reason else "not stated").replace("_", " "),
            )
            for r in restrictions
        ),
        interference_incidents=interference,
    )
