from __future__ import annotations

import numpy as np

from ceasefire.core.verification import bcubed, cluster, cluster_by_window
from tests.core.verification.generator import Scenario


def test_windows_stitched_agree_with_one_pass(scenario: Scenario) -> None:
    whole = cluster(scenario.batch)
    parts = cluster_by_window(scenario.batch, window_s=12 * 3600)
    precision, recall, _ = bcubed(parts, whole)
    assert precision > 0.98
    assert recall > 0.98
    assert parts.size == whole.size


def test_undated_rows_stay_alone(scenario: Scenario) -> None:
    batch = scenario.batch
    undated = batch.take(np.arange(5))
    object.__setattr__(undated, "has_time", np.zeros(5, dtype=bool))
    assert sorted(cluster_by_window(undated).tolist()) == [0, 1, 2, 3, 4]
