"""Stance CSV cells: words with spaces, derived ids, problems by row and field."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ceasefire.core.negotiations import header_problems, stance_from_cells

HEADER = ["agreement", "party", "term", "stance", "date", "authority", "conditions", "source_url"]
ROW = ["a", "RU", "T-1", "Accepts with conditions", "2025-03-13", "head of state",
       "C-1; C-2", "https://example.org/s"]  # fmt: skip


def test_words_and_condition_lists_are_read() -> None:
    record, problems = stance_from_cells(2, HEADER, ROW)
    assert problems == [] and record is not None
    assert record.stance.value == "accepts_with_conditions"
    assert record.authority.value == "head_of_state"
    assert record.conditions == ["C-1", "C-2"]


def test_a_missing_id_is_derived_from_content() -> None:
    first, _ = stance_from_cells(2, HEADER, ROW)
    again, _ = stance_from_cells(7, HEADER, ROW)
    other, _ = stance_from_cells(2, HEADER, [*ROW[:4], "2025-03-14", *ROW[5:]])
    assert first is not None and again is not None and other is not None
    assert first.id == again.id != other.id
    assert first.id.startswith("S-")


def test_bad_cells_are_named_by_row_and_field() -> None:
    row = ["a", "ru", "T-1", "maybe", "13/03/2025", "", "", "ftp://x"]
    record, problems = stance_from_cells(5, HEADER, row)
    assert record is None
    assert {(p.row, p.field) for p in problems} == {
        (5, "party"), (5, "stance"), (5, "date"), (5, "source_url"),
    }  # fmt: skip


def test_short_rows_and_bad_headers() -> None:
    assert stance_from_cells(3, HEADER, ROW[:3])[1][0].field == "(row)"
    found = {(p.field, p.reason.split(" (")[0]) for p in header_problems(["party", "colour"])}
    assert ("colour", "unknown column") in found
    assert ("source_url", "required column is missing") in found
    assert ("term", "give a term or a condition column") in found


@given(st.lists(st.text(max_size=12), min_size=len(HEADER), max_size=len(HEADER)))
def test_any_cells_give_a_record_or_problems_never_an_exception(cells: list[str]) -> None:
    record, problems = stance_from_cells(2, HEADER, cells)
    assert (record is None) == bool(problems)
    assert all(problem.row == 2 and problem.field for problem in problems)
