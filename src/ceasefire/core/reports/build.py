"""Build the daily report value from values: incidents, findings, claims, effort, regions and
the previous report's published figures. Pure: the workflow reads the store, this counts.

>>> from datetime import date
>>> from shapely.geometry import box
>>> period = reporting_period(date(2025, 4, 19))
>>> empty = ReportIncidents.from_records([])
>>> report = build_daily_report(period, incidents=empty, findings=[], claims=[], effort=[],
...                             regions=Regions(("Everywhere",), (box(-180, -90, 180, 90),)))
>>> report.headline.total, report.headline.unit, len(report.series)
(0, 'incident', 7)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta

import numpy as np

from ceasefire.core.compliance.trace import ACT_WORDS, SHORT_NAMES
from ceasefire.core.effort import EffortKind, EffortRecord
from ceasefire.core.errors import CeasefireError
from ceasefire.core.ledger.canonical import utc_text
from ceasefire.core.reports.figures import (
    DISCOUNTED,
    FIGURE_LABELS,
    findings_in,
    in_period,
    period_figures,
    restrictions_in,
)
from ceasefire.core.reports.model import (
    CONFIDENCES,
    INCIDENT_UNIT,
    SIDES,
    ActRow,
    Change,
    ClaimRecord,
    Correction,
    DailyReport,
    DayCount,
    FindingRecord,
    Headline,
    MapPoint,
    PartyRow,
    PublishedFigures,
    RegionRow,
    Regions,
    ReportIncidents,
)
from ceasefire.core.reports.period import ReportingPeriod, reporting_period
from ceasefire.core.reports.regions import ELSEWHERE, NOT_LOCATED, region_names
from ceasefire.core.reports.regrouping import is_standing, standing_entries
from ceasefire.core.reports.sections import (
    claims_overlapping,
    effort_summary,
    ranked_findings,
    verdict_rows,
)
from ceasefire.core.reports.text import limitations, methodology

ACT_GROUPS = {
    "shelling": "Shelling",
    "small_arms_fire": "Small-arms fire",
    "armed_clash": "Armed clash",
    "drone_strike": "Drone strike",
    "missile_strike": "Missile strike",
    "air_strike": "Air strike",
    "ground_assault": "Ground assault",
    "mine_or_ied": "Mine or IED",
    "weapon_sighting": "Weapon sighting",
    "unknown": "Act not reported",
}
CORRECTION_REASON = (
    "late information: reports received, re-verified or decided by analysts after the previous "
    "report was published changed this figure"
)


def build_daily_report(
    period: ReportingPeriod,
    *,
    incidents: ReportIncidents,
    findings: Sequence[FindingRecord],
    claims: Sequence[ClaimRecord],
    effort: Sequence[EffortRecord],
    regions: Regions,
    published_previous: PublishedFigures | None = None,
    line_of_contact: str | None = None,
    notices: Sequence[str] = (),
    title: str = "Daily report",
    top_findings: int = 10,
    series_days: int = 7,
) -> DailyReport:
    """The report for ``period``. ``incidents`` and ``findings`` should reach back over the
    previous period and the chart's ``series_days`` days (earlier rows are ignored)."""
    standing = [f for f in findings if is_standing(f)]
    findings = [f for f in findings if not is_standing(f)]
    names = region_names(regions, incidents.lon, incidents.lat)
    restriction_starts = [r.start for r in effort if r.kind is EffortKind.RESTRICTION]
    current = in_period(period, incidents.start_s)
    counted = current & (incidents.confidence != DISCOUNTED)
    here = findings_in(period, findings)
    figures = period_figures(
        incidents, current, names, here, restrictions_in(period, restriction_starts)
    )
    previous = period.previous()
    previous_figures = period_figures(
        incidents,
        in_period(previous, incidents.start_s),
        names,
        findings_in(previous, findings),
        restrictions_in(previous, restriction_starts),
    )
    changes, corrections = _compare(figures, previous_figures, previous, published_previous)
    side = incidents.side
    by_side = {s: figures[f"incidents.{s}"] for s in SIDES}
    not_located = int((counted & ~np.isfinite(incidents.lon)).sum())
    verdicts = Counter((f.responsible_party, f.verdict) for f in here)
    return DailyReport(
        title=title,
        period=period,
        notices=tuple(notices),
        headline=Headline(
            unit=INCIDENT_UNIT,
            total=figures["incidents.total"],
            by_confidence={c: figures[f"incidents.{c}"] for c in CONFIDENCES},
            by_side=by_side,
            attributed=by_side["RU"] + by_side["UA"],
            contested=int((counted & (incidents.attribution == "contested")).sum()),
            discounted=int((current & (incidents.confidence == DISCOUNTED)).sum()),
            not_located=not_located,
        ),
        regions=_regions(incidents, counted, names, side),
        parties=tuple(
            PartyRow(
                party=party,
                name=SHORT_NAMES[party],
                incidents=by_side[party],
                confirmed_or_probable=int(
                    (
                        counted
                        & (side == party)
                        & np.isin(incidents.confidence, ["confirmed", "probable"])
                    ).sum()
                ),
                share_of_total=figures["incidents.total"],
                violations=verdicts[(party, "violation")],
                indeterminate=sum(
                    1 for f in here if f.verdict == "indeterminate" and f.version_party == party
                ),
            )
            for party in ("RU", "UA")
        ),
        changes=changes,
        corrections=corrections,
        verdicts=verdict_rows(here),
        findings=ranked_findings(period, here, incidents),
        top_findings=top_findings,
        claims=claims_overlapping(period, claims, {"RU": by_side["RU"], "UA": by_side["UA"]}),
        effort=effort_summary(
            period, effort, _restriction_regions(effort, regions), incidents, counted
        ),
        series=_series(
            period, incidents, side, max(series_days, period.days), [r.start for r in effort]
        ),
        acts=_acts(incidents, counted, side),
        map_points=tuple(
            MapPoint(
                incident_id=incidents.ids[i],
                lon=round(float(incidents.lon[i]) * 1_000_000),
                lat=round(float(incidents.lat[i]) * 1_000_000),
                confidence=str(incidents.confidence[i]),
                side=str(side[i]),
            )
            for i in np.flatnonzero(counted & np.isfinite(incidents.lon))
        ),
        line_of_contact=line_of_contact,
        figures=figures,
        methodology=methodology(period),
        limitations=limitations(
            period, not_located=not_located, unattributed=by_side["unattributed"]
        ),
        regrouping=standing_entries(period, findings_in(period, standing)),
    )


def _compare(
    figures: dict[str, int],
    recomputed: dict[str, int],
    previous: ReportingPeriod,
    published: PublishedFigures | None,
) -> tuple[tuple[Change, ...], tuple[Correction, ...]]:
    """Changes against the previous period; the published figure is the baseline, and where
    the store now says otherwise, a correction with its reason."""
    if published is not None and (
        published.period_start != previous.start or published.period_end != previous.end
    ):
        raise CeasefireError(
            f"{published.source}: covers {utc_text(published.period_start)} to "
            f"{utc_text(published.period_end)}, but the previous period is "
            f"{utc_text(previous.start)} to {utc_text(previous.end)}"
        )
    changes, corrections = [], []
    for key, (label, unit) in FIGURE_LABELS.items():
        baseline, source = recomputed[key], "recomputed"
        if published is not None and key in published.figures:
            baseline, source = int(published.figures[key]), "published"
            if baseline != recomputed[key]:
                corrections.append(
                    Correction(key, label, unit, baseline, recomputed[key], CORRECTION_REASON)
                )
        changes.append(Change(key, label, unit, figures[key], baseline, source))
    if published is not None:
        regional = sorted(k for k in {*published.figures, *recomputed} if k.startswith("region."))
        for key in regional:
            was, now = int(published.figures.get(key, 0)), recomputed.get(key, 0)
            if was != now:
                label = f"Incidents in {key.removeprefix('region.')}"
                corrections.append(
                    Correction(key, label, INCIDENT_UNIT, was, now, CORRECTION_REASON)
                )
    return tuple(changes), tuple(corrections)


def _regions(
    incidents: ReportIncidents, counted: np.ndarray, names: list[str], side: np.ndarray
) -> tuple[RegionRow, ...]:
    rows = []
    chosen = np.flatnonzero(counted)
    region = np.asarray(names, dtype=object)
    for name in sorted(set(region[chosen].tolist())):
        mask = counted & (region == name)
        rows.append(
            RegionRow(
                region=name,
                total=int(mask.sum()),
                by_confidence={
                    c: int((mask & (incidents.confidence == c)).sum()) for c in CONFIDENCES
                },
                by_side={s: int((mask & (side == s)).sum()) for s in SIDES},
            )
        )
    last = {ELSEWHERE: 1, NOT_LOCATED: 2}
    rows.sort(key=lambda r: (last.get(r.region, 0), -r.total, r.region))
    return tuple(rows)


def _restriction_regions(effort: Sequence[EffortRecord], regions: Regions) -> dict[str, str]:
    chosen = [r for r in effort if r.kind is EffortKind.RESTRICTION]
    lon = np.array([r.lon / 1e6 if r.lon is not None else np.nan for r in chosen])
    lat = np.array([r.lat / 1e6 if r.lat is not None else np.nan for r in chosen])
    names = region_names(regions, lon, lat) if chosen else []
    return {r.key: name for r, name in zip(chosen, names, strict=True)}


def _series(
    period: ReportingPeriod,
    incidents: ReportIncidents,
    side: np.ndarray,
    days: int,
    effort_starts: Sequence[datetime],
) -> tuple[DayCount, ...]:
    out = []
    counted = incidents.confidence != DISCOUNTED
    for back in range(days - 1, -1, -1):
        day = reporting_period(
            period.day - timedelta(days=back), tz=period.time_zone, start_time=period.start_time
        )
        mask = counted & in_period(day, incidents.start_s)
        counts = {s: int((mask & (side == s)).sum()) for s in SIDES}
        observed = bool(mask.any()) or any(day.contains(t) for t in effort_starts)
        out.append(DayCount(day.day.isoformat(), counts, observed))
    return tuple(out)


def _acts(incidents: ReportIncidents, counted: np.ndarray, side: np.ndarray) -> tuple[ActRow, ...]:
    group = np.array([a.split(".")[0] for a in incidents.act.tolist()], dtype=object)
    rows = []
    for act in sorted(set(group[counted].tolist())):
        mask = counted & (group == act)
        label = ACT_GROUPS.get(act) or ACT_WORDS.get(act) or act.replace("_", " ").capitalize()
        rows.append(ActRow(act, label, {s: int((mask & (side == s)).sum()) for s in SIDES}))
    rows.sort(key=lambda r: (-sum(r.by_side.values()), r.act))
    return tuple(rows)
