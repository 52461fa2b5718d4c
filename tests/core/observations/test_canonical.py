"""Column-wise canonical bytes must be exactly the RFC 8785 bytes of each row."""

from __future__ import annotations

import hashlib

import numpy as np
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.observations.canonical import canonicalise, row_bytes
from ceasefire.core.observations.parse import ObservationBatch

NAMES = ("act", "end", "key", "lat", "source_name", "text", "is_summary")
cells = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30),
    st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1),
    st.booleans(),
)
tables = st.integers(min_value=1, max_value=6).flatmap(
    lambda n: st.dictionaries(
        st.sampled_from(NAMES), st.lists(cells, min_size=n, max_size=n), min_size=1
    )
)


def _batch(table: dict[str, list[object]]) -> ObservationBatch:
    size = len(next(iter(table.values())))
    columns = {}
    for name, values in table.items():
        column = np.empty(size, dtype=object)
        column[:] = values
        columns[name] = column
    return ObservationBatch(columns=columns, rows=np.arange(2, size + 2))


@settings(max_examples=50, deadline=None)
@given(tables)
def test_batch_bytes_equal_rfc8785_of_each_row(table: dict[str, list[object]]) -> None:
    original = {name: list(values) for name, values in table.items()}
    keys, blobs, hashes = canonicalise(_batch(table))
    for i, blob in enumerate(blobs):
        row = {n: v[i] for n, v in original.items() if v[i] is not None}
        row["layout"] = "observation/1"
        if row.get("key") is None:
            derived = "sha256:" + hashlib.sha256(rfc8785.dumps(row)).hexdigest()[:32]
            assert keys[i] == derived
            row["key"] = derived
        assert blob == rfc8785.dumps(row)
        assert hashes[i] == hashlib.sha256(blob).hexdigest()


def test_rows_without_key_get_a_key_derived_from_content() -> None:
    table = {"act": ["shelling", "shelling", "mine"], "key": [None, "k1", None]}
    keys, blobs, _ = canonicalise(_batch(table))
    assert keys[1] == "k1"
    assert keys[0] != keys[2] and str(keys[0]).startswith("sha256:")
    assert blobs[0] == row_bytes({"act": "shelling", "key": keys[0]})
