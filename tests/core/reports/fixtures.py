"""Small named inputs for report tests: two regions, a handful of incidents and findings."""

from __future__ import annotations

from datetime import UTC, datetime

from shapely.geometry import box

from ceasefire.core.claims import ClaimItem, Qualifier
from ceasefire.core.effort import EffortKind, EffortRecord, RestrictionReason
from ceasefire.core.reports import ClaimRecord, FindingRecord, Regions, ReportIncidents
from ceasefire.core.taxonomy import Unit

REGIONS = Regions(("West Oblast", "East Oblast"), (box(30, 45, 35, 50), box(35, 45, 40, 50)))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A UTC time in April 2025."""
    return datetime(2025, 4, day, hour, minute, tzinfo=UTC)


def incident(
    number: int,
    when: datetime,
    *,
    lon: float | None = 37.0,
    lat: float | None = 48.0,
    party: str | None = "RU",
    confidence: str = "confirmed",
    act: str = "shelling.artillery",
) -> dict[str, object]:
    """An incident record as ``list_incidents`` yields it."""
    return {
        "incident_id": f"INC-{number:06d}",
        "start": when,
        "lon": lon,
        "lat": lat,
        "act": act,
        "confidence": confidence,
        "attribution": "attributed" if party else "not_attributable",
        "party": party,
    }


# The report day 19 April 2025 (Kyiv, 19:30) is 18 Apr 16:30Z – 19 Apr 16:30Z.
INCIDENTS = ReportIncidents.from_records(
    [
        incident(1, at(19, 10), party="RU"),
        incident(2, at(19, 11), party="UA", lon=32.0, confidence="probable"),
        incident(3, at(19, 12), party=None, confidence="unverified"),
        incident(4, at(19, 13), lon=None, lat=None, party=None, confidence="possible"),
        incident(5, at(19, 14), confidence="discounted"),
        incident(6, at(18, 12), party="RU"),  # previous period
        incident(7, at(18, 13), party="RU"),  # previous period
        incident(8, at(19, 17), party="RU"),  # next period (after 16:30Z)
    ]
)
FINDINGS = [
    FindingRecord(
        "FND-000001",
        "easter",
        "T-1",
        "RU",
        "INC-000001",
        "violation",
        "RU",
        "proposed",
        at(19, 10),
        "Artillery fire … Verdict under Russia's version of T-1: violation.",
    ),
    FindingRecord(
        "FND-000002",
        "easter",
        "T-1",
        "RU",
        "INC-000003",
        "indeterminate",
        None,
        "proposed",
        at(19, 12),
        "… not attributable to a party: never a violation.",
    ),
]
CLAIMS = [
    ClaimRecord(
        key="UA-1",
        claimant="Ukraine (General Staff)",
        claimant_party="Ukraine",
        accused_party="Russia",
        period_text="2025-04-19",
        start=at(18, 21),
        end=at(19, 21),
        items=(
            ClaimItem("shelling", Qualifier.EXACTLY, 387, Unit.EPISODE),
            ClaimItem("drone uses", Qualifier.MORE_THAN, 290, Unit.DRONE_USE),
        ),
    ),
    ClaimRecord(
        key="RU-old",
        claimant="Russia (MoD)",
        claimant_party="Russia",
        accused_party="Ukraine",
        period_text="2025-03-20",
        start=datetime(2025, 3, 19, 21, tzinfo=UTC),
        end=datetime(2025, 3, 20, 21, tzinfo=UTC),
        items=(ClaimItem("violations", Qualifier.EXACTLY, 5000, Unit.VIOLATION),),
    ),
]
EFFORT = [
    EffortRecord(
        key="P-1",
        source_name="mission",
        kind=EffortKind.PATROL,
        start=at(19, 5),
        end=at(19, 9),
        distance_m=42_000,
    ),
    EffortRecord(
        key="R-1",
        source_name="mission",
        kind=EffortKind.RESTRICTION,
        start=at(19, 6),
        lat=48_100_000,
        lon=37_100_000,
        restricted_by="RU",
        reason=RestrictionReason.DENIED_AT_CHECKPOINT,
    ),
]
