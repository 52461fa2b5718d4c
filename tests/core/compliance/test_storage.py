"""Weapons missing from declared storage sites; inspections refused."""

from __future__ import annotations

from datetime import UTC, datetime

from ceasefire.core.compliance.model import Verdict
from ceasefire.core.compliance.standing import FindingKind, party_aliases
from ceasefire.core.compliance.storage import refused_inspections, shortfall_findings
from ceasefire.core.effort import (
    EffortKind,
    EffortRecord,
    Inspection,
    InventoryItem,
    ItemCount,
    RestrictionReason,
    StorageSite,
)
from ceasefire.core.weapons import WeaponType

ALIASES = party_aliases([("RU", "Russian Federation"), ("UA", "Ukraine")])
DECLARED = datetime(2025, 4, 15, 9, tzinfo=UTC)
INSPECTED = datetime(2025, 4, 20, 8, tzinfo=UTC)  # 11:00 Kyiv time
SITE = StorageSite(
    "RU-S01",
    "Russia",
    DECLARED,
    (
        InventoryItem(WeaponType.TANK, 125, "T-72", 17),
        InventoryItem(WeaponType.MORTAR, 120, None, 9),
    ),
    name="Depot north",
    lat=48_150_000,
    lon=38_200_000,
)


def test_shortfall_is_a_violation_against_the_site_holder_with_counts() -> None:
    counted = Inspection(
        "RU-S01",
        INSPECTED,
        (ItemCount(WeaponType.TANK, 125, "T-72", 14), ItemCount(WeaponType.MORTAR, 120, None, 9)),
        inspected_by="Team A",
    )
    (finding,) = shortfall_findings([SITE], [counted], ALIASES)
    assert finding.kind is FindingKind.STORAGE_SHORTFALL
    assert (finding.verdict, finding.responsible_party) == (Verdict.VIOLATION, "RU")
    assert finding.trace.startswith(
        "3 of 17 declared T-72 (125 mm) missing from Depot north at inspection "
        "20 Apr 2025 11:00 Kyiv time"
    )
    assert "counted 14 by Team A" in finding.trace
    assert finding.subject == "RU-S01@2025-04-20T08:00:00Z/tank/125/T-72"
    assert finding.agreement_id is None and finding.incident_id is None


def test_a_full_count_or_an_unknown_site_gives_no_finding() -> None:
    full = Inspection("RU-S01", INSPECTED, (ItemCount(WeaponType.TANK, 125, "T-72", 17),))
    stray = Inspection("XX-9", INSPECTED, (ItemCount(WeaponType.TANK, 125, "T-72", 0),))
    assert shortfall_findings([SITE], [full, stray], ALIASES) == []


def _restriction(**fields: object) -> EffortRecord:
    values: dict[str, object] = {
        "key": "r1",
        "source_name": "Mission",
        "kind": EffortKind.RESTRICTION,
        "start": INSPECTED,
        "team": "T1",
        "reason": RestrictionReason.DENIED_AT_CHECKPOINT,
        "restricted_by": "unknown",
    }
    values.update(fields)
    return EffortRecord(**values)  # type: ignore[arg-type]


def test_an_inspection_refused_at_the_site_is_held_against_its_holder() -> None:
    by_name = _restriction(place_name="depot north (RU-S01)")
    by_place = _restriction(key="r2", lat=48_152_000, lon=38_201_000, radius_m=200)
    elsewhere = _restriction(key="r3", lat=48_500_000, lon=37_700_000, place_name="Toretsk")
    found = refused_inspections([by_name, by_place, elsewhere], [SITE], ALIASES)
    assert [f.subject for f in found] == ["Mission/r1", "Mission/r2"]
    assert all(f.kind is FindingKind.INSPECTION_REFUSED for f in found)
    assert {f.responsible_party for f in found} == {"RU"}
    assert "not a full count" in found[0].trace
