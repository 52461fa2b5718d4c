"""Attribution from whose ground it is: the impact's side and a sighted weapon's holder."""

from __future__ import annotations

from typing import Any

import numpy as np
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from ceasefire.core.verification import VerificationBatch, assess
from ceasefire.core.verification.ground import (
    IMPACT_SIDE_MARGIN_KM,
    holding_party,
    impact_side,
    independent,
)
from ceasefire.core.verification.spatial import locate
from tests.core.verification.conftest import record

# the line runs along 48°N: Ukrainian-held ground south of it, Russian-held north
CONTROL: dict[str, BaseGeometry] = {"UA": box(36, 46, 39, 48), "RU": box(36, 48, 39, 50)}
DEEP_UA = 47.8  # 0.2° south of the line: at least 14.9 km (east-west scale), in fact 22 km
COMPLAINT: dict[str, Any] = {
    "source_kind": "party_official",
    "source_name": "UA General Staff",
    "claimant": "UA General Staff",
    "reliability": "D",
    "credibility": "4",
    "alleged_perpetrator": "RU",
    "radius_m": 10_000,
    "perception": "reported",
}


def one(*records: dict[str, object]) -> dict[str, object]:
    batch = VerificationBatch.from_records(list(records))
    return assess(batch, np.zeros(len(batch), dtype=np.int64), CONTROL).row(0)


def test_holding_party_needs_the_radius_plus_the_margin() -> None:
    lat = np.array([DEEP_UA, 47.95, 48.5])
    holder, depth = holding_party(
        np.full(3, 37.0), lat, np.array([3.0, 1.0, 3.0]), CONTROL, margin_km=3.0
    )
    # 47.95 is 3.7 km inside at the east-west scale: within 1 km + 3 km of the line
    assert holder.tolist() == ["UA", None, "RU"]
    assert 14 < depth[0] < 16 and depth[1] == 0.0


def test_shelling_deep_inside_ukrainian_ground_is_presumed_russian_and_graded_low() -> None:
    row = one(record(1, lat=DEEP_UA, perception="heard", radius_m=3000))
    assert (row["party"], row["attribution"], row["attribution_confidence"]) == (
        "RU",
        "attributed",
        "low",
    )
    basis = str(row["attribution_basis"])
    assert "presumed from the impact's side" in basis
    assert "km inside UA-held ground" in basis
    assert "fire at a party's own ground is rare" in basis
    assert "no direction-of-fire or imagery evidence" in basis


def test_the_impact_side_is_not_read_near_the_line() -> None:
    # 3.7 km inside at the east-west scale, 1 km radius: within radius + margin of the line
    row = one(record(1, lat=47.95, perception="seen"))
    assert row["attribution"] == "not_attributable"


def test_the_impact_side_is_read_for_indirect_fire_only() -> None:
    for act in ("small_arms_fire", "ground_assault", "unknown"):
        row = one(record(1, lat=DEEP_UA, act=act))
        assert row["attribution"] == "not_attributable", act
    for act in ("drone_strike.fpv", "missile_strike", "air_strike.glide_bomb", "shelling"):
        assert one(record(1, lat=DEEP_UA, act=act))["party"] == "RU", act


def test_a_partys_complaint_alone_never_attributes_by_the_impact_side() -> None:
    row = one(record(1, lat=DEEP_UA, **COMPLAINT))
    assert row["attribution"] == "not_attributable"
    assert "only a party's claim" in str(row["attribution_basis"])


def test_media_repeating_a_party_does_not_place_the_impact() -> None:
    repeat = record(
        2, lat=DEEP_UA, source_kind="media", source_name="Outlet", derived_from="UA General Staff",
        reliability="B", credibility="2", radius_m=10_000,
    )  # fmt: skip
    row = one(record(1, lat=DEEP_UA, **COMPLAINT), repeat)
    assert row["attribution"] == "not_attributable"


def test_an_outlets_own_report_places_with_at_least_10_km() -> None:
    own: dict[str, Any] = {"source_kind": "media", "source_name": "Outlet", "reliability": "B",
           "credibility": "2", "radius_m": 2000}  # fmt: skip
    # 22 km inside (14.9 at the east-west scale): beyond 10 + 3 km
    assert one(record(1, lat=DEEP_UA, **own))["party"] == "RU"
    # 0.15° (11 km at the east-west scale): a 2 km radius would do, 10 km does not
    assert one(record(1, lat=47.85, **own))["attribution"] == "not_attributable"


def test_evidence_of_who_fired_overrides_the_presumption() -> None:
    # imagery shows Ukrainian fire landing deep on Ukrainian-held ground (friendly fire)
    row = one(
        record(1, lat=DEEP_UA, perception="heard", radius_m=3000),
        record(2, lat=DEEP_UA, source_kind="sensor", perception="imagery", reliability="A",
               credibility="1", alleged_perpetrator="UA", radius_m=100),
    )  # fmt: skip
    assert (row["party"], row["attribution"]) == ("UA", "attributed")
    assert "presumed" not in str(row["attribution_basis"])


def test_the_presumption_stands_against_a_claim_and_says_so() -> None:
    ru_claim: dict[str, Any] = {**COMPLAINT, "source_name": "RU MoD", "claimant": "RU MoD",
                "alleged_perpetrator": "UA"}  # fmt: skip
    row = one(record(1, lat=DEEP_UA, radius_m=3000), record(2, lat=DEEP_UA, **ru_claim))
    assert row["party"] == "RU"
    assert "against the claim blaming UA" in str(row["attribution_basis"])


def test_impact_side_needs_two_parties_and_an_act() -> None:
    batch = VerificationBatch.from_records([record(1, lat=DEEP_UA)])
    labels = np.zeros(1, dtype=np.int64)
    acts = np.array(["shelling"], dtype=object)
    three = {**CONTROL, "XX": box(40, 40, 41, 41)}
    assert impact_side(batch, labels, acts, locate(batch), three)[0].tolist() == [None]
    assert impact_side(batch, labels, acts, locate(batch), CONTROL)[0].tolist() == ["RU"]
    assert IMPACT_SIDE_MARGIN_KM == 3.0


def test_independent_excludes_parties_repeats_and_low_standing() -> None:
    batch = VerificationBatch.from_records(
        [
            record(1),
            record(2, **COMPLAINT),
            record(3, source_kind="media", derived_from="UA General Staff"),
            record(4, reliability="E"),
        ]
    )
    assert independent(batch).tolist() == [True, False, False, False]


SIGHTING: dict[str, Any] = {
    "act": "weapon_sighting",
    "perception": "seen",
    "weapon_type": "mlrs.light",
}


def test_a_weapon_seen_on_russian_held_ground_is_russias() -> None:
    row = one(record(1, lat=48.3, radius_m=3000, **SIGHTING))
    assert (row["party"], row["attribution"], row["attribution_confidence"]) == (
        "RU",
        "attributed",
        "medium",
    )
    assert "a weapon stands on its holder's ground" in str(row["attribution_basis"])


def test_a_weapon_near_the_line_or_only_heard_of_is_not_attributed() -> None:
    near = one(record(1, lat=48.04, radius_m=3000, **SIGHTING))  # 3 km < 3 + 1 km
    heard = one(record(1, lat=48.3, radius_m=3000, **(SIGHTING | {"perception": "heard"})))
    claimed = one(record(1, lat=48.3, **{**COMPLAINT, "act": "weapon_sighting"}))
    assert [r["attribution"] for r in (near, heard, claimed)] == ["not_attributable"] * 3
