from __future__ import annotations

import numpy as np

from ceasefire.core.verification.identity import assign_identities


def _prev(*ids: str | None) -> np.ndarray:
    return np.array(ids, dtype=object)


def test_growing_incident_keeps_its_id() -> None:
    result = assign_identities(np.array([0, 0, 0]), _prev("INC-1", "INC-1", None))
    assert result.inherited == {0: "INC-1"}
    assert result.minted == [] and result.retired == [] and result.lineage == []


def test_merge_mints_a_new_id_with_lineage_from_both() -> None:
    result = assign_identities(np.array([0, 0, 0, 0]), _prev("INC-1", "INC-1", "INC-2", "INC-2"))
    assert result.inherited == {}
    assert result.minted == [0]
    assert {(link.parent, link.kind) for link in result.lineage} == {
        ("INC-1", "merge"),
        ("INC-2", "merge"),
    }
    assert result.retired == ["INC-1", "INC-2"]


def test_even_split_mints_two_ids() -> None:
    result = assign_identities(np.array([0, 0, 1, 1]), _prev(*["INC-1"] * 4))
    assert result.minted == [0, 1]
    assert all(link.kind == "split" and link.parent == "INC-1" for link in result.lineage)
    assert result.retired == ["INC-1"]


def test_losing_a_minority_keeps_the_id() -> None:
    result = assign_identities(np.array([0, 0, 0, 1]), _prev(*["INC-1"] * 4))
    assert result.inherited == {0: "INC-1"}
    assert result.minted == [1]
    assert [(link.parent, link.child) for link in result.lineage] == [("INC-1", 1)]


def test_new_observations_alone_get_new_ids_without_lineage() -> None:
    result = assign_identities(np.array([0, 1]), _prev(None, None))
    assert result.minted == [0, 1] and result.lineage == []
