"""A NUL character in any cell refuses that row naming the field (no database text can hold
it; PostgreSQL used to crash on it while SQLite stored it)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.observations.parse import parse_columns

GOOD = {
    "source_kind": "media",
    "source_name": "Wire",
    "start": "2025-04-20T10:00",
    "act": "shelling",
    "lat": "48.28",
    "lon": "37.18",
    "text": "two explosions",
}


def test_a_nul_character_refuses_only_its_row_naming_the_field() -> None:
    raw = {name: [value, value] for name, value in GOOD.items()}
    raw["text"][1] = "two\x00explosions"
    batch, problems = parse_columns(raw, row_numbers=[2, 3])
    assert batch.size == 1 and batch.rows.tolist() == [2]
    assert [(p.row, p.field, p.reason) for p in problems] == [
        (3, "text", "contains a NUL character")
    ]


@settings(max_examples=50, deadline=None)
@given(
    st.sampled_from(sorted(GOOD)),
    st.text(max_size=5),
    st.text(max_size=5),
)
def test_nul_anywhere_in_any_cell_is_refused_in_that_field(
    field: str, before: str, after: str
) -> None:
    raw = {name: [value] for name, value in GOOD.items()}
    raw[field] = [before + "\x00" + after]
    batch, problems = parse_columns(raw)
    assert batch.size == 0
    assert (field, "contains a NUL character") in [(p.field, p.reason) for p in problems]
    assert all("\x00" not in p.reason for p in problems)
