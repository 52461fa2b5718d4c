from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from ceasefire.core.verification import VerificationBatch, bcubed, cluster
from ceasefire.core.verification.link import components
from ceasefire.core.verification.model import ClusterParams
from ceasefire.core.verification.score import naive_labels
from tests.core.verification.conftest import record
from tests.core.verification.generator import Scenario


def labels_of(*records: dict[str, object]) -> list[int]:
    return cluster(VerificationBatch.from_records(list(records))).tolist()


def test_two_reports_of_one_explosion_merge() -> None:
    assert labels_of(record(1), record(2, minutes=3, lon=37.51)) == [0, 0]


def test_reports_an_hour_apart_stay_apart() -> None:
    labels = labels_of(record(1), record(2, minutes=90))
    assert labels[0] != labels[1]


def test_reports_20_km_apart_stay_apart() -> None:
    labels = labels_of(record(1), record(2, lon=37.77))
    assert labels[0] != labels[1]


def test_parent_act_merges_with_child_but_not_with_other_family() -> None:
    labels = labels_of(
        record(1), record(2, act="shelling"), record(3, act="drone_strike.fpv", minutes=1)
    )
    assert labels[0] == labels[1] != labels[2]


def test_unknown_act_merges_with_anything() -> None:
    assert labels_of(record(1), record(2, act="unknown")) == [0, 0]


def test_mortar_and_artillery_merge_only_when_time_and_place_agree_strongly() -> None:
    close = labels_of(record(1), record(2, act="shelling.mortar", minutes=2))
    loose = labels_of(record(1), record(2, act="shelling.mortar", minutes=2, lon=37.535))
    assert close[0] == close[1]
    assert loose[0] != loose[1]


def test_summary_rows_never_merge() -> None:
    labels = labels_of(record(1), record(2, is_summary=True))
    assert labels[0] != labels[1]


def test_unlocatable_and_undated_stay_alone() -> None:
    placeless = record(2, lat=None, lon=None, radius_m=None, place_name="Avdiivka")
    undated = record(3, start=None)
    assert len(set(labels_of(record(1), placeless, undated))) == 3


def test_sector_report_merges_with_point_report() -> None:
    # observer 4 km south of the point, looking north
    sector = record(
        2,
        lat=None,
        lon=None,
        radius_m=None,
        observer_lat=47.914,
        observer_lon=37.5,
        bearing_min_deg=350,
        bearing_max_deg=10,
        distance_min_m=3000,
        distance_max_m=5000,
    )
    assert labels_of(record(1), sector) == [0, 0]


def test_vague_party_complaint_attaches_to_the_only_incident_near() -> None:
    complaint = record(
        3,
        source_kind="party_official",
        source_name="UA General Staff",
        reliability="D",
        credibility="4",
        lon=37.6,
        radius_m=10_000,
        time_precision="hour",
        minutes=-10,
    )
    assert labels_of(record(1), record(2, minutes=1), complaint) == [0, 0, 0]


def test_chain_of_reports_is_split_at_the_best_located_member() -> None:
    # 9 reports 3 km apart in a row, each linking to the next: one chain of 24 km
    rows = [record(i, lon=37.5 + i * 0.04, radius_m=1500, minutes=i) for i in range(9)]
    rows[0]["radius_m"] = 1000
    labels = labels_of(*rows)
    assert labels[0] == labels[1]
    assert labels[0] != labels[-1]


def test_scores_on_generated_scenario(scenario: Scenario) -> None:
    truth = np.where(scenario.event_of >= 0, scenario.event_of, -1 - np.arange(len(scenario.batch)))
    _, _, f1 = bcubed(cluster(scenario.batch), truth)
    _, _, naive = bcubed(naive_labels(scenario.batch), truth)
    assert f1 > 0.8
    assert f1 > naive + 0.3


def test_chain_splitting_helps_on_generated_scenario(scenario: Scenario) -> None:
    truth = np.where(scenario.event_of >= 0, scenario.event_of, -1 - np.arange(len(scenario.batch)))
    split = bcubed(cluster(scenario.batch), truth)[2]
    chained = bcubed(cluster(scenario.batch, ClusterParams(split_rounds=0)), truth)[2]
    assert split >= chained


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=30))
def test_components_match_a_simple_union_find(edges: list[tuple[int, int]]) -> None:
    i = np.array([a for a, _ in edges], dtype=np.int64)
    j = np.array([b for _, b in edges], dtype=np.int64)
    parent = list(range(41))

    def find(a: int) -> int:
        while parent[a] != a:
            a = parent[a]
        return a

    for a, b in edges:
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)
    expected = [find(a) for a in range(41)]
    assert components(41, i, j).tolist() == expected


@given(st.integers(0, 2**16))
def test_labels_are_dense_and_deterministic(seed: int) -> None:
    rng = np.random.default_rng(seed)
    rows = [
        record(i, minutes=float(rng.integers(0, 120)), lon=37.5 + rng.normal(0, 0.05))
        for i in range(12)
    ]
    first = labels_of(*rows)
    assert first == labels_of(*rows)
    assert sorted(set(first)) == list(range(max(first) + 1))


HOUR_COMPLAINT: dict[str, object] = {
    "source_kind": "party_official",
    "source_name": "UA General Staff",
    "reliability": "D",
    "credibility": "4",
    "alleged_perpetrator": "RU",
    "lon": 37.6,
    "radius_m": 10_000,
    "time_precision": "hour",
}


def test_complaint_with_a_rival_incident_inside_its_own_hour_stays_apart() -> None:
    # the complaint's hour (09:50-10:50) could also mean a second incident at 11:40: beyond
    # the time tolerance, within one window's width of it: which one it means is a guess, so
    # it stays apart
    records = [
        record(1),
        record(2, minutes=1),
        record(3, minutes=100, lon=37.55),
        record(4, minutes=101, lon=37.55),
        record(5, minutes=-10, **HOUR_COMPLAINT),
    ]
    batch = VerificationBatch.from_records(records)
    with_rivals = cluster(batch).tolist()
    without = cluster(batch, ClusterParams(attach_rivals=False)).tolist()
    assert with_rivals[0] == with_rivals[1] != with_rivals[2] == with_rivals[3]
    assert with_rivals[4] not in (with_rivals[0], with_rivals[2])
    assert without[4] == without[0]  # the old rule attached it to the nearer one


def test_complaint_with_no_rival_still_attaches() -> None:
    records = [record(1), record(2, minutes=1), record(3, minutes=-10, **HOUR_COMPLAINT)]
    assert labels_of(*records) == [0, 0, 0]


def test_rival_on_the_accused_partys_own_ground_does_not_count() -> None:
    # a complaint accusing RU is never about fire clearly on RU-held ground: that incident is
    # no rival, so the complaint still attaches to the one on UA-held ground
    from shapely.geometry import box

    control = {"UA": box(36, 46, 39, 48), "RU": box(36, 48, 39, 50)}
    records = [
        record(1, lat=47.90),
        record(2, minutes=1, lat=47.90),
        record(3, minutes=100, lat=48.03),
        record(4, minutes=101, lat=48.03),
        record(5, minutes=-10, **{**HOUR_COMPLAINT, "lat": 47.93, "lon": 37.5}),
    ]
    batch = VerificationBatch.from_records(records)
    sided = cluster(batch, control=control).tolist()
    blind = cluster(batch).tolist()
    assert sided[4] == sided[0] != sided[2]
    assert blind[4] not in (blind[0], blind[2])  # without sides the rival counts
