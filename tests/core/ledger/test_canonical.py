from __future__ import annotations

import pytest
import rfc8785
from hypothesis import given
from hypothesis import strategies as st

from ceasefire.core.ledger.canonical import (
    CanonicalFormError,
    canonical_bytes,
    content_hash,
    micro_degrees,
)
from ceasefire.core.observations.canonical import row_bytes

flat_values = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1),
)
flat_rows = st.dictionaries(st.from_regex(r"[a-z_]{1,12}", fullmatch=True), flat_values)


@given(flat_rows)
def test_fast_row_bytes_equal_rfc8785_reference(row: dict[str, object]) -> None:
    expected = {k: v for k, v in row.items() if v is not None}
    expected["layout"] = "observation/1"
    assert row_bytes(row) == rfc8785.dumps(expected)


def test_floats_are_refused_with_their_path() -> None:
    with pytest.raises(CanonicalFormError, match=r"\$\.where\.lat: floats are not allowed"):
        canonical_bytes({"where": {"lat": 48.1}})


def test_keys_sorted_and_no_whitespace() -> None:
    assert canonical_bytes({"b": [1, "x"], "a": None}) == b'{"a":null,"b":[1,"x"]}'


def test_content_hash_is_sha256_hex() -> None:
    assert content_hash(b"") == ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")


@pytest.mark.parametrize(
    ("degrees", "micro"),
    [(48.0, 48_000_000), (37.1234565, 37_123_457), (-0.0000005, -1), (0.0000004, 0)],
)
def test_micro_degrees_round_half_away_from_zero(degrees: float, micro: int) -> None:
    assert micro_degrees(degrees) == micro


def test_micro_degrees_refuses_nan() -> None:
    with pytest.raises(CanonicalFormError):
        micro_degrees(float("nan"))
