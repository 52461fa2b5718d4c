from __future__ import annotations

import numpy as np

from ceasefire.core.verification.decisions import Decision, apply_membership, overrides

IDS = np.array([1, 2, 3, 4, 5])


def test_merge_then_split_latest_wins() -> None:
    labels = np.array([0, 0, 1, 1, 2])
    merged = apply_membership(IDS, labels, [Decision("merge", "A", observations=(1, 2, 3, 4))])
    assert len(set(merged[:4].tolist())) == 1
    split = apply_membership(
        IDS,
        labels,
        [
            Decision("merge", "A", observations=(1, 2, 3, 4)),
            Decision("split", "B", observations=(4,)),
        ],
    )
    assert split[3] != split[0] and split[0] == split[2]


def test_decisions_on_unknown_observations_are_ignored() -> None:
    labels = np.array([0, 1, 2, 3, 4])
    assert (
        apply_membership(IDS, labels, [Decision("merge", "A", observations=(99, 98))]).tolist()
        == labels.tolist()
    )


def test_latest_grade_or_discount_wins_and_reasons_are_kept() -> None:
    found = overrides(
        [
            Decision("grade", "INC-1", value="confirmed", reason="camera footage"),
            Decision("discount", "INC-1", reason="footage is from 2023"),
            Decision("attribute", "INC-2", value="contested", reason="both sides' imagery"),
            Decision("attribute", "INC-3", value="RU", reason="launch seen"),
        ]
    )
    assert found["INC-1"].confidence == "discounted"
    assert len(found["INC-1"].reasons) == 2
    assert (found["INC-2"].attribution, found["INC-2"].party) == ("contested", None)
    assert (found["INC-3"].attribution, found["INC-3"].party) == ("attributed", "RU")
