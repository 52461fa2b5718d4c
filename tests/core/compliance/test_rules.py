"""The three-valued building blocks: acts, target classes, windows, zones, scoring."""

from __future__ import annotations

import numpy as np
from shapely import LineString, box

from ceasefire.core.compliance import score_findings
from ceasefire.core.compliance.acts import act_covered, target_covered
from ceasefire.core.compliance.spatial import MetricFrame, Side, zone_outcomes
from ceasefire.core.compliance.temporal import in_force, within
from ceasefire.core.taxonomy import TargetClass
from tests.core.compliance.conftest import Shipped, seconds

UNKNOWN, TRUE, FALSE = 1, 2, 0


def test_term_on_shelling_covers_mortar_fire() -> None:
    acts = np.array(["shelling.mortar"], dtype=object)
    assert act_covered(acts, ["shelling"]).tolist() == [TRUE]


def test_report_of_plain_shelling_against_mlrs_term_is_indeterminate() -> None:
    acts = np.array(["shelling", "unknown", None, "small_arms_fire"], dtype=object)
    assert act_covered(acts, ["shelling.mlrs"]).tolist() == [UNKNOWN, UNKNOWN, UNKNOWN, FALSE]


def test_parent_target_class_is_covered_only_when_all_its_kinds_are() -> None:
    energy = np.array(["energy"], dtype=object)
    assert target_covered(energy, ["energy.generation"]).tolist() == [UNKNOWN]
    every = [c.value for c in TargetClass if c.value.startswith("energy.")]
    assert target_covered(energy, every).tolist() == [TRUE]


def test_russias_energy_version_runs_18_march_to_17_april_moscow_time(energy: Shipped) -> None:
    agreement, _ = energy
    term = agreement.term("E-1")
    assert term is not None
    assert in_force(term.versions["RU"]) == [
        (seconds("2025-03-18T00:00+03:00"), seconds("2025-04-17T00:00+03:00"))
    ]
    assert in_force(term.versions["UA"])[0][0] == seconds("2025-03-25T00:00+02:00")


def test_window_straddling_an_edge_is_indeterminate() -> None:
    spans = [(1_000, 2_000)]
    start = [900, 1_000, 1_999, 2_000, 1_500]
    end = [1_100, 1_000, 2_000, 2_000, 2_500]
    assert within(spans, start, end).tolist() == [UNKNOWN, TRUE, TRUE, FALSE, UNKNOWN]


def test_point_with_5km_radius_against_2km_zone_is_indeterminate() -> None:
    line = LineString([(37.0, 47.0), (37.0, 49.0)])
    frame = MetricFrame.around(line)
    side = Side.build(frame, party="RU", line_id="l", line=line, control_id="c",
                      control=box(37.0, 44.0, 42.0, 52.0), reach_m=10_000)  # fmt: skip
    x, y = frame.xy([37.0133, 37.0133, 37.2], [48.0, 48.0, 48.0])  # ~1 km, ~1 km, ~15 km
    assert zone_outcomes(side, [2_000], x, y, [5_000.0, 0.0, 5_000.0]).tolist() == [
        [UNKNOWN, TRUE, FALSE]
    ]


def test_indeterminate_finding_counts_as_a_miss_for_recall() -> None:
    truth = {("E1", "T-1", "RU"), ("E2", "T-1", "RU")}
    found = {("E1", "T-1", "RU"): "violation", ("E2", "T-1", "RU"): "indeterminate"}
    assert score_findings(truth, found) == {
        "violation_precision": 1.0,
        "violation_recall": 0.5,
        "indeterminate_rate": 0.5,
    }
