"""Restrictions of the monitors' movement and interference, as findings of their own."""

from __future__ import annotations

from datetime import UTC, datetime

from ceasefire.core.compliance.model import Verdict
from ceasefire.core.compliance.restrictions import interference_findings, restriction_findings
from ceasefire.core.compliance.standing import FindingKind, party_aliases
from ceasefire.core.effort import EffortKind, EffortRecord, RestrictionReason
from tests.core.compliance.conftest import incident, table

ALIASES = party_aliases([("RU", "Russian Federation"), ("UA", "Ukraine")])
AT = datetime(2025, 4, 21, 5, 30, tzinfo=UTC)


def _record(
    key: str, restricted_by: str, reason: RestrictionReason, **more: object
) -> EffortRecord:
    return EffortRecord(
        key=key,
        source_name="Mission",
        kind=EffortKind.RESTRICTION,
        start=AT,
        team="T1",
        restricted_by=restricted_by,
        reason=reason,
        lat=48_520_000,
        lon=37_760_000,
        **more,  # type: ignore[arg-type]
    )


def test_denial_at_a_party_checkpoint_is_a_violation_by_that_party() -> None:
    records = [
        _record("a", "Ukraine (brigade escort)", RestrictionReason.DENIED_AT_CHECKPOINT),
        _record("b", "armed men (unidentified)", RestrictionReason.DENIED_AT_CHECKPOINT),
        _record("c", "unknown", RestrictionReason.WEATHER),
        _record("d", "RU", RestrictionReason.UAV_JAMMING),
    ]
    found = {f.subject: f for f in restriction_findings(records, ALIASES)}
    assert set(found) == {"Mission/a", "Mission/b", "Mission/d"}  # weather is nobody's act
    assert (found["Mission/a"].verdict, found["Mission/a"].responsible_party) == (
        Verdict.VIOLATION,
        "UA",
    )
    assert found["Mission/b"].verdict is Verdict.INDETERMINATE
    assert found["Mission/b"].responsible_party is None
    assert "not attributable" in found["Mission/b"].trace
    assert found["Mission/d"].kind is FindingKind.INTERFERENCE
    assert "48.52" not in found["Mission/a"].trace  # no monitor position in the trace


def test_interference_incidents_become_findings_and_twins_merge() -> None:
    start = "2025-04-21T08:40:00+03:00"
    rows = table(
        incident(start, act="uav_jamming", party="RU"),
        incident(start, act="restriction_of_movement", lat=48.521, lon=37.761),
        incident(
            start, act="drone_strike.fpv", target_class="monitors_assets", attribution="contested"
        ),
        incident(start, act="shelling.artillery"),
    )
    names = ["INC-1", "INC-2", "INC-3", "INC-4"]
    mission = restriction_findings(
        [_record("a", "unknown", RestrictionReason.DENIED_AT_CHECKPOINT)], ALIASES
    )
    found, merged = interference_findings(
        rows,
        names,
        restrictions=mission,
        records=[_record("a", "unknown", RestrictionReason.DENIED_AT_CHECKPOINT)],
    )
    by_incident = {f.incident_id: f for f in found}
    assert set(by_incident) == {"INC-1", "INC-3"}
    assert by_incident["INC-1"].verdict is Verdict.VIOLATION
    assert by_incident["INC-1"].responsible_party == "RU"
    assert by_incident["INC-3"].verdict is Verdict.INDETERMINATE  # contested: not attributable
    assert "against the monitors' assets" in by_incident["INC-3"].trace
    (twin,) = merged
    assert twin.incident_id == "INC-2" and "Also reported as incident INC-2" in twin.trace
