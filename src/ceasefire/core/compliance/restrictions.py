"""Restrictions of the monitors' freedom of movement, and interference, as findings of their own.

Two inputs say the monitors were stopped or interfered with: the mission's own *restriction*
effort records (where, when, who stopped them, why) and incidents whose act is interference
(``restriction_of_movement``, ``uav_jamming``, ``fire_at_monitors``) or whose target was the
monitors' assets (fire at a UAV). Each becomes a finding: a *violation* held against the party
that stopped them where the record or the incident's attribution names one ("denied at a
checkpoint held by Ukraine"), *indeterminate* and "not attributable" otherwise. Weather and
road conditions stop monitors too, but they are nobody's act: they stay coverage gaps (the
report's effort section), not findings. A restriction at a storage site is an inspection
refused (``ceasefire.core.compliance.storage``). An incident that reports the same restriction
as a mission record (within 2 km and 3 hours) is named in that record's finding, not counted
twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from ceasefire.core.compliance.model import Incidents, Verdict
from ceasefire.core.compliance.standing import FindingKind, StandingFinding, party_in
from ceasefire.core.compliance.storage import (
    DEFAULT_ZONE,
    distance_m,
    site_restricted,
    when_text,
)
from ceasefire.core.effort import EffortKind, EffortRecord, RestrictionReason, StorageSite
from ceasefire.core.taxonomy import Act, TargetClass, is_a

NOBODY_S_ACT = {RestrictionReason.WEATHER, RestrictionReason.ROAD_CONDITIONS}
INTERFERENCE_ACTS = {
    Act.UAV_JAMMING.value: "UAV jamming",
    Act.FIRE_AT_MONITORS.value: "fire at monitors or their assets",
}
SAME_PLACE_M = 2_000
SAME_TIME_S = 3 * 3600


def _verdict_clause(party: str | None, source: str) -> tuple[Verdict, str]:
    if party is None:
        return Verdict.INDETERMINATE, "not attributable. Verdict: indeterminate."
    return Verdict.VIOLATION, f"attributed to {party} ({source}). Verdict: violation."


def restriction_findings(
    records: Iterable[EffortRecord],
    aliases: Mapping[str, str],
    *,
    sites: Sequence[StorageSite] = (),
    time_zone: str = DEFAULT_ZONE,
) -> list[StandingFinding]:
    """A finding per restriction record that is someone's act (not at a storage site)."""
    out: list[StandingFinding] = []
    for record in records:
        if record.kind is not EffortKind.RESTRICTION or record.reason in NOBODY_S_ACT:
            continue
        if site_restricted(record, sites) is not None:
            continue
        party = party_in(record.restricted_by, aliases)
        jammed = record.reason is RestrictionReason.UAV_JAMMING
        reason = record.reason.value.replace("_", " ") if record.reason else "no reason given"
        place = record.place_name or "a place not named"  # no coordinates: monitors' positions
        verdict, clause = _verdict_clause(party, "named in the record")
        what = "UAV grounded by jamming" if jammed else "Monitors could not reach"
        trace = (
            f"{what} {place} on {when_text(record.start, time_zone)}"
            f" (team {record.team or 'not recorded'}; record {record.key} from "
            f"{record.source_name}): {reason}; stopped by: {record.restricted_by or 'not recorded'}"
            f"; {clause}"
        )
        out.append(
            StandingFinding(
                kind=FindingKind.INTERFERENCE if jammed else FindingKind.RESTRICTION,
                subject=f"{record.source_name}/{record.key}",
                verdict=verdict,
                responsible_party=party,
                moment=record.start,
                trace=trace,
            )
        )
    return out


def _interference_act(act: str | None, target: str | None) -> str | None:
    if act is not None:
        if is_a(act, Act.RESTRICTION_OF_MOVEMENT):
            return "restriction of movement"
        for kind, words in INTERFERENCE_ACTS.items():
            if is_a(act, kind):
                return words
    if target is not None and is_a(target, TargetClass.MONITORS_ASSETS):
        return f"{(act or 'an act').replace('_', ' ')} against the monitors' assets"
    return None


def interference_findings(
    incidents: Incidents,
    names: Sequence[str],
    *,
    restrictions: Sequence[StandingFinding] = (),
    records: Sequence[EffortRecord] = (),
    time_zone: str = DEFAULT_ZONE,
) -> tuple[list[StandingFinding], list[StandingFinding]]:
    """Findings for incidents of interference, and ``restrictions`` with the incidents that
    report the same restriction named in them (returned as the second list)."""
    located = {f"{r.source_name}/{r.key}": r for r in records}
    merged = {f.subject: f for f in restrictions}
    out: list[StandingFinding] = []
    for i in range(len(names)):
        if incidents.confidence[i] == "discounted" or not incidents.dated[i]:
            continue
        words = _interference_act(incidents.act[i], incidents.target_class[i])
        if words is None:
            continue
        start = int(incidents.start_s[i])
        moment = datetime.fromtimestamp(start, tz=UTC)
        if words == "restriction of movement":
            twin = _twin(incidents, i, merged.values(), located)
            if twin is not None:
                merged[twin.subject] = replace(
                    twin,
                    incident_id=twin.incident_id or names[i],
                    trace=twin.trace + f" Also reported as incident {names[i]}.",
                )
                continue
        attributed = incidents.attribution[i] == "attributed" and incidents.party[i]
        party = str(incidents.party[i]) if attributed else None
        confidence = incidents.attribution_confidence[i] or "not graded"
        verdict, clause = _verdict_clause(party, f"incident attribution, {confidence}")
        place = incidents.place[i] or "a place not named"
        out.append(
            StandingFinding(
                kind=FindingKind.INTERFERENCE
                if words != "restriction of movement"
                else FindingKind.RESTRICTION,
                subject=names[i],
                incident_id=names[i],
                verdict=verdict,
                responsible_party=party,
                moment=moment,
                trace=(
                    f"Interference with the monitors: {words} near {place} on "
                    f"{when_text(moment, time_zone)} (incident {names[i]}, confidence "
                    f"{incidents.confidence[i] or 'not graded'}); {clause}"
                ),
            )
        )
    return out, list(merged.values())


def _twin(
    incidents: Incidents,
    i: int,
    restrictions: Iterable[StandingFinding],
    located: Mapping[str, EffortRecord],
) -> StandingFinding | None:
    if incidents.lon[i] != incidents.lon[i]:  # NaN: not located
        return None
    lat, lon = round(float(incidents.lat[i]) * 1e6), round(float(incidents.lon[i]) * 1e6)
    reach = max(float(incidents.radius_m[i]), SAME_PLACE_M)
    for finding in restrictions:
        record = located.get(finding.subject)
        if record is None or record.lat is None or record.lon is None:
            continue
        if finding.kind is not FindingKind.RESTRICTION or finding.incident_id is not None:
            continue
        if abs(int(record.start.timestamp()) - int(incidents.start_s[i])) > SAME_TIME_S:
            continue
        if distance_m(lat, lon, record.lat, record.lon) <= reach:
            return finding
    return None
