"""The daily report as a value: what goes in (incidents, findings, claims, effort, the previous
published figures) and what comes out (sections of figures, each with its unit).

A report value holds integers and text only — no floats — so that its JSON form is canonical
(RFC 8785) and can be hashed, published and compared byte for byte. Percentages are derived
when rendered from the integers kept here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime, time
from enum import Enum
from typing import Any

import numpy as np
import numpy.typing as npt
from shapely.geometry.base import BaseGeometry

from ceasefire.core.claims import ClaimItem
from ceasefire.core.ledger.canonical import utc_text
from ceasefire.core.reports.period import ReportingPeriod

INCIDENT_UNIT = "incident"
"""What the platform counts: one incident = a cluster of observations of one event."""
FINDING_UNIT = "finding"
"""One (incident, term, party version) held against a term."""
SIDES = ("RU", "UA", "unattributed")
"""Columns of the per-party tables: attributed to Russia, to Ukraine, or to neither (contested
or not attributable)."""
CONFIDENCES = ("confirmed", "probable", "possible", "unverified")


@dataclass(frozen=True)
class ReportIncidents:
    """Incidents as columns (one entry per incident); ``start_s`` is -1 when undated."""

    ids: tuple[str, ...]
    start_s: npt.NDArray[np.int64]
    lon: npt.NDArray[np.float64]
    lat: npt.NDArray[np.float64]
    act: npt.NDArray[np.str_]
    target_class: npt.NDArray[np.str_]
    confidence: npt.NDArray[np.str_]
    attribution: npt.NDArray[np.str_]
    party: npt.NDArray[np.str_]

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, object]]) -> ReportIncidents:
        """Columns from incident records (``lat``/``lon`` in degrees, ``start`` a datetime)."""
        rows = list(records)

        def text(name: str, default: str = "") -> npt.NDArray[np.str_]:
            return np.array([str(r.get(name) or default) for r in rows], dtype=np.str_)

        def degrees(name: str) -> npt.NDArray[np.float64]:
            values = [r.get(name) for r in rows]
            return np.array(
                [float(v) if isinstance(v, int | float) else np.nan for v in values],
                dtype=np.float64,
            )

        starts = [r.get("start") for r in rows]
        return cls(
            ids=tuple(str(r["incident_id"]) for r in rows),
            start_s=np.array(
                [int(s.timestamp()) if isinstance(s, datetime) else -1 for s in starts],
                dtype=np.int64,
            ),
            lon=degrees("lon"),
            lat=degrees("lat"),
            act=text("act", "unknown"),
            target_class=text("target_class"),
            confidence=text("confidence", "unverified"),
            attribution=text("attribution", "not_attributable"),
            party=text("party"),
        )

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def side(self) -> npt.NDArray[np.str_]:
        """``RU``, ``UA`` or ``unattributed`` per incident."""
        attributed = (self.attribution == "attributed") & np.isin(self.party, ["RU", "UA"])
        return np.where(attributed, self.party, "unattributed")


@dataclass(frozen=True)
class FindingRecord:
    """A stored finding, as the report reads it."""

    finding_id: str
    agreement_id: str | None
    term_id: str | None
    version_party: str | None
    incident_id: str | None
    verdict: str
    responsible_party: str | None
    status: str
    event_start: datetime | None
    trace: str
    kind: str = "incident"
    """``incident``, or a finding in its own right (storage shortfall, inspection refused,
    weapons rise, restriction, interference): see ``ceasefire.core.compliance.standing``."""


@dataclass(frozen=True)
class ClaimRecord:
    """A party's claim with its figures in its own units (never summed with our counts)."""

    key: str
    claimant: str
    claimant_party: str
    accused_party: str | None
    period_text: str
    start: datetime | None
    end: datetime | None
    items: tuple[ClaimItem, ...]
    source_url: str | None = None
    arrangement: str | None = None


@dataclass(frozen=True)
class Regions:
    """Named areas incidents are counted in (oblasts first, then countries); first match wins."""

    names: tuple[str, ...]
    shapes: tuple[BaseGeometry, ...]


@dataclass(frozen=True)
class PublishedFigures:
    """The figures of the previous report as it was published (from its JSON)."""

    period_start: datetime
    period_end: datetime
    figures: Mapping[str, int]
    source: str = "previous report"


# --- sections of the report value ------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    """The period at a glance, in incidents."""

    unit: str
    total: int
    by_confidence: dict[str, int]
    by_side: dict[str, int]
    attributed: int
    contested: int
    discounted: int
    not_located: int


@dataclass(frozen=True)
class RegionRow:
    """Incidents in one region (oblast), by confidence and by party."""

    region: str
    total: int
    by_confidence: dict[str, int]
    by_side: dict[str, int]


@dataclass(frozen=True)
class PartyRow:
    """One party: incidents attributed to it and findings holding it responsible."""

    party: str
    name: str
    incidents: int
    confirmed_or_probable: int
    share_of_total: int
    """Incidents attributed to this party, out of ``Headline.total`` (the coverage basis)."""
    violations: int
    indeterminate: int


@dataclass(frozen=True)
class Change:
    """One figure against the previous period (the published figure where there is one)."""

    key: str
    label: str
    unit: str
    current: int
    previous: int
    previous_source: str
    """``published`` or ``recomputed``."""


@dataclass(frozen=True)
class Correction:
    """A published figure that later information changed, with the reason."""

    key: str
    label: str
    unit: str
    published: int
    now: int
    reason: str


@dataclass(frozen=True)
class VerdictRow:
    """Findings of one term under one party's version, by verdict."""

    agreement_id: str
    term_id: str
    version_party: str
    violation: int
    indeterminate: int
    no_violation: int


@dataclass(frozen=True)
class FindingEntry:
    """One finding in the report, with its trace."""

    finding_id: str
    agreement_id: str | None
    term_id: str | None
    version_party: str | None
    incident_id: str | None
    verdict: str
    responsible_party: str | None
    status: str
    when: str
    confidence: str
    trace: str


@dataclass(frozen=True)
class StandingEntry:
    """A finding in its own right, in the "Regrouping, rearming and restrictions" section."""

    finding_id: str
    kind: str
    heading: str
    """The kind in words: ``Weapons missing from a storage site``."""
    verdict: str
    responsible_party: str | None
    status: str
    when: str
    trace: str


@dataclass(frozen=True)
class ClaimFigure:
    """A claim's figure in its own words and unit: ``more than 400 drone_use``."""

    metric: str
    qualifier: str
    value: int
    unit: str


@dataclass(frozen=True)
class ClaimEntry:
    """A party's claim shown beside, never added to, the verified counts."""

    key: str
    claimant: str
    claimant_party: str
    accused_party: str | None
    period_text: str
    figures: tuple[ClaimFigure, ...]
    source_url: str | None
    verified_against_accused: int | None
    """Incidents in this report's period attributed to the accused party (unit: incident)."""


@dataclass(frozen=True)
class SensorRow:
    """Sensor windows of one kind and the minutes they actually watched."""

    kind: str
    windows: int
    uptime_minutes: int
    window_minutes: int


@dataclass(frozen=True)
class RestrictionRow:
    """A place the monitors could not reach (region only: positions are not published)."""

    when: str
    region: str
    restricted_by: str
    reason: str


@dataclass(frozen=True)
class Effort:
    """Observation effort behind the counts."""

    patrols: int
    patrol_metres: int
    patrol_minutes: int
    sensors: tuple[SensorRow, ...]
    restrictions: tuple[RestrictionRow, ...]
    interference_incidents: int


@dataclass(frozen=True)
class DayCount:
    """Incidents of one reporting day by side (for the chart)."""

    day: str
    by_side: dict[str, int]
    observed: bool
    """False when neither an incident nor any effort record falls in the day: no data, not 0."""


@dataclass(frozen=True)
class ActRow:
    """Incidents of one kind of act by side (for the chart)."""

    act: str
    label: str
    by_side: dict[str, int]


@dataclass(frozen=True)
class MapPoint:
    """A located incident on the map: micro-degrees, confidence and side."""

    incident_id: str
    lon: int
    lat: int
    confidence: str
    side: str


@dataclass(frozen=True)
class MapZone:
    """A withdrawal zone of a term in force: within ``distance_m`` of ``line`` on ``party``'s
    side (``line`` a shipped layer name)."""

    agreement_id: str
    term_id: str
    party: str
    line: str
    distance_m: int


@dataclass(frozen=True)
class MapRegistry:
    """A registry of protected objects (``file`` a layer reference such as ``package:X.csv``)."""

    registry_id: str
    name: str
    file: str


@dataclass(frozen=True)
class DailyReport:
    """Everything a daily report says; rendered to JSON, Markdown, HTML and PDF."""

    title: str
    period: ReportingPeriod
    notices: tuple[str, ...]
    headline: Headline
    regions: tuple[RegionRow, ...]
    parties: tuple[PartyRow, ...]
    changes: tuple[Change, ...]
    corrections: tuple[Correction, ...]
    verdicts: tuple[VerdictRow, ...]
    findings: tuple[FindingEntry, ...]
    top_findings: int
    claims: tuple[ClaimEntry, ...]
    effort: Effort
    series: tuple[DayCount, ...]
    acts: tuple[ActRow, ...]
    map_points: tuple[MapPoint, ...]
    line_of_contact: str | None
    figures: dict[str, int]
    methodology: tuple[str, ...]
    limitations: tuple[str, ...]
    regrouping: tuple[StandingEntry, ...] = ()
    """Regrouping, rearming and restrictions: findings in their own right, in the period."""
    map_zones: tuple[MapZone, ...] = ()
    """Withdrawal zones of the terms in force, drawn on the map."""
    map_registries: tuple[MapRegistry, ...] = ()
    """Registries of protected objects of the terms in force, drawn on the map."""
    layout: str = field(default="daily_report/1")

    def top(self) -> tuple[FindingEntry, ...]:
        """The first ``top_findings`` findings (violations first, then indeterminate)."""
        ranked = [f for f in self.findings if f.verdict != "no_violation"]
        return tuple(ranked[: self.top_findings])

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready content: integers, text, lists and objects only."""
        plain = _plain(self)
        assert isinstance(plain, dict)
        return plain


def _plain(value: object) -> object:
    """Dataclasses, enums, dates and tuples → JSON-ready values (no floats)."""
    if isinstance(value, ReportingPeriod):
        return value.as_dict()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return utc_text(value)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        raise TypeError("report values hold no floats")
    return value
