"""Committed forms: the fast column-wise path equals the reference, values never show."""

from __future__ import annotations

import json
from itertools import count

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.ledger.commit import (
    commit_batch,
    committed_form,
    fields_to_commit,
    rows_to_commit,
    split_salts,
)
from ceasefire.core.observations.canonical import row_bytes

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
ROW = st.fixed_dictionaries(
    {
        "act": st.just("shelling"),
        "source_kind": st.sampled_from(["monitor_team", "sensor", "media"]),
        "source_name": TEXT,
        "key": st.one_of(st.none(), TEXT),
        "observer_lat": st.one_of(st.none(), st.integers(-90_000_000, 90_000_000)),
        "bearing_min_deg": st.one_of(st.none(), st.integers(0, 359)),
        "evidence_collector": st.one_of(st.none(), TEXT),
        "text": st.one_of(st.none(), TEXT),
    }
)


def _entropy() -> object:
    counter = count()
    return lambda n: bytes(next(counter) % 256 for _ in range(n))


@settings(max_examples=50)
@given(st.lists(ROW, min_size=1, max_size=6))
def test_the_fast_path_equals_the_reference(rows: list[dict[str, object]]) -> None:
    blobs = [row_bytes(row) for row in rows]
    columns = {name: np.array([row[name] for row in rows], dtype=object) for name in rows[0]}
    positions = rows_to_commit(columns, len(rows))
    done = commit_batch(blobs, columns, positions, _entropy())  # type: ignore[arg-type]
    assert [d.position for d in done] == [i for i in positions if fields_to_commit(rows[i])]
    for row in done:
        salts = split_salts(",".join(row.fields), row.salts)
        reference = committed_form(blobs[row.position], salts)
        import hashlib

        assert hashlib.sha256(reference).digest() == row.leaf_hash
        shown = json.loads(reference)
        for name in row.fields:
            assert set(shown[name]) == {"commitment"}


def test_a_media_row_is_not_committed_and_a_sensor_name_is() -> None:
    assert fields_to_commit({"source_kind": "media", "source_name": "Wire"}) == ()
    assert fields_to_commit({"source_kind": "sensor", "source_name": "Cam", "key": "k"}) == (
        "key",
        "source_name",
    )
    assert fields_to_commit({"source_kind": "media", "observer_lat": 1}) == ("observer_lat",)
