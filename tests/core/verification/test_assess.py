from __future__ import annotations

import numpy as np
from shapely.geometry import box

from ceasefire.core.verification import VerificationBatch, assess, cluster, score
from tests.core.verification.conftest import record
from tests.core.verification.generator import Scenario, truth_rows

CONTROL = {"UA": box(36, 46, 39, 48), "RU": box(36, 48, 39, 50)}
COMPLAINT = {
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


def test_party_complaint_alone_is_unverified_and_not_attributable() -> None:
    row = one(record(1, **COMPLAINT))
    assert row["confidence"] == "unverified"
    assert row["attribution"] == "not_attributable"
    assert "only a party's claim" in str(row["attribution_basis"])


def test_media_repeating_the_party_is_not_independent() -> None:
    media = record(
        2,
        source_kind="media",
        source_name="Outlet",
        derived_from="UA General Staff",
        reliability="C",
        credibility="4",
    )
    row = one(record(1, **COMPLAINT), media)
    assert row["independent_sources"] == 1
    assert row["confidence"] == "unverified"


def test_two_monitors_one_seeing_is_confirmed() -> None:
    row = one(record(1, perception="seen"), record(2, radius_m=800))
    assert row["confidence"] == "confirmed"
    assert "2 independent sources" in str(row["confidence_reason"])


def test_direction_of_fire_from_the_north_attributes_to_ru() -> None:
    row = one(record(1, perception="seen", fire_from_bearing_deg=10))
    assert (row["party"], row["attribution"], row["attribution_confidence"]) == (
        "RU",
        "attributed",
        "medium",
    )
    assert "direction of fire seen by T1" in str(row["attribution_basis"])


def test_evidence_pointing_both_ways_is_contested() -> None:
    row = one(
        record(1, perception="seen", fire_from_bearing_deg=0),
        record(2, alleged_perpetrator="UA", radius_m=300, source_kind="sensor",
               perception="imagery", reliability="A"),
    )  # fmt: skip
    assert row["attribution"] == "contested"
    assert row["party"] is None


def test_direction_of_fire_from_an_impact_near_the_line_says_nothing() -> None:
    # 1.1 km from the line with a 3 km radius: the impact may be on either side
    row = one(record(1, perception="seen", fire_from_bearing_deg=10, lat=47.99, radius_m=3000))
    assert row["attribution"] == "not_attributable"


def test_direction_of_fire_staying_on_the_impacts_side_says_nothing() -> None:
    # from the south: walking back stays on Ukrainian-held ground (no crossing of the line)
    row = one(record(1, perception="seen", fire_from_bearing_deg=180))
    assert row["attribution"] == "not_attributable"


def test_parties_blaming_each_other_is_contested() -> None:
    ru = {**COMPLAINT, "source_name": "RU MoD", "claimant": "RU MoD", "alleged_perpetrator": "UA"}
    row = one(record(1, **COMPLAINT), record(2, **ru))
    assert row["attribution"] == "contested"


def test_improbable_reports_are_discounted() -> None:
    row = one(record(1, **{**COMPLAINT, "credibility": "5"}))
    assert row["confidence"] == "discounted"


def test_score_on_generated_scenario(scenario: Scenario) -> None:
    labels = cluster(scenario.batch)
    table = assess(scenario.batch, labels, scenario.control)
    events, observations = truth_rows(scenario)
    membership = {
        (str(s), str(k)): int(label)
        for s, k, label in zip(scenario.batch.source_name, scenario.batch.key, labels, strict=True)
    }
    result = score(events, observations, membership, table, batch=scenario.batch)
    assert result["observations_scored"] == len(scenario.batch)
    assert result["bcubed_f1"] > result["naive_bcubed_f1"]  # type: ignore[operator]
    assert result["wrong_party_rate"] <= 0.05  # type: ignore[operator]
    assert result["attribution_coverage"] >= 0.6  # type: ignore[operator]


def test_party_complaint_never_raises_a_heard_report_above_possible() -> None:
    row = one(record(1), record(2, **COMPLAINT))
    assert row["independent_sources"] == 2
    assert row["confidence"] == "possible"
    assert "party's claim, which never raises the grade" in str(row["confidence_reason"])


def test_media_repeating_the_party_does_not_raise_it_either() -> None:
    media = record(
        3, source_kind="media", source_name="Outlet", derived_from="UA General Staff",
        reliability="C", credibility="3", alleged_perpetrator="RU",
    )  # fmt: skip
    assert one(record(1), record(2, **COMPLAINT), media)["confidence"] == "possible"
    assert one(record(1), media)["confidence"] == "possible"


def test_independent_media_still_corroborates_a_heard_report() -> None:
    media = record(2, source_kind="media", source_name="Outlet", reliability="C", credibility="3")
    row = one(record(1), media)
    assert row["confidence"] == "probable"
    assert "never raises" not in str(row["confidence_reason"])
