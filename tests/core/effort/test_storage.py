"""Storage sites: declared inventories, inspections, and "missing" = declared − counted."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.effort import STORAGE_COLUMNS, parse_storage_sites, shortfalls

NOW = datetime(2025, 6, 1, tzinfo=UTC)
SITE = {"site_id": "S-1", "party": "Ukraine", "declared_at": "2025-04-15T12:00",
        "source_tz": "Europe/Kyiv", "lat": "48.62", "lon": "37.02"}  # fmt: skip
MLRS = SITE | {"weapon_type": "mlrs.light", "calibre_mm": "122", "declared_count": "10"}
TANK = SITE | {"weapon_type": "tank", "calibre_mm": "125", "model": "T-72", "declared_count": "6"}
VISIT = {"inspected_at": "2025-04-20T11:00", "inspected_by": "Team A"}


def _parse(*rows: dict[str, str]) -> tuple[list, list, list]:  # type: ignore[type-arg]
    names = sorted({name for row in rows for name in row})
    columns = {name: [row.get(name, "") for row in rows] for name in names}
    return parse_storage_sites(
        columns, list(range(2, 2 + len(rows))), area=(22.0, 44.0, 41.0, 53.0), now=NOW
    )


def test_rows_of_a_site_make_one_declaration_and_one_inspection() -> None:
    sites, inspections, problems = _parse(MLRS | VISIT | {"counted": "7"}, TANK | VISIT |
                                          {"counted": "6"})  # fmt: skip
    assert problems == []
    (site,), (inspection,) = sites, inspections
    assert [item.declared for item in site.items] == [10, 6]
    assert site.declared_at == datetime(2025, 4, 15, 9, 0, tzinfo=UTC)
    assert inspection.key == "S-1@2025-04-20T08:00:00Z"
    assert [s.missing for s in shortfalls(site, inspection)] == [3, 0]


def test_an_inspection_count_for_an_undeclared_item_holds_the_site_back() -> None:
    undeclared = {"site_id": "S-1", "weapon_type": "mortar", "calibre_mm": "120", "counted": "2"}
    sites, inspections, problems = _parse(MLRS, undeclared | VISIT)
    assert (sites, inspections) == ([], [])
    assert [(p.row, p.field) for p in problems] == [(3, "weapon_type"), (2, "site_id")]
    assert "not declared for site S-1" in problems[0].reason


def test_an_unknown_weapon_type_is_named_and_its_site_held_back() -> None:
    sites, _, problems = _parse(MLRS, TANK | {"weapon_type": "catapult"})
    assert sites == []
    assert [(p.row, p.field) for p in problems] == [(3, "weapon_type"), (2, "site_id")]
    assert "catapult" in problems[0].reason


def test_site_fields_must_agree_across_rows() -> None:
    _, _, problems = _parse(MLRS, TANK | {"party": "Russia"})
    assert [(p.row, p.field) for p in problems] == [(3, "party"), (2, "site_id")]


def test_a_swapped_site_location_is_refused() -> None:
    _, _, problems = _parse(MLRS | {"lat": "37.02", "lon": "48.62"})
    assert [(p.row, p.field) for p in problems] == [(2, "lat")]


def test_another_site_goes_on_when_one_is_held_back() -> None:
    other = {**MLRS, "site_id": "S-2"}
    sites, _, problems = _parse(MLRS | {"declared_count": "-1"}, other)
    assert [s.site_id for s in sites] == ["S-2"]
    assert [(p.row, p.field) for p in problems] == [(2, "declared_count")]


def test_an_inspection_of_a_site_declared_elsewhere_is_returned_for_checking() -> None:
    row = {"site_id": "S-9", "weapon_type": "tank", "counted": "4"} | VISIT
    sites, inspections, problems = _parse(row)
    assert (sites, problems) == ([], [])
    assert inspections[0].site_id == "S-9"


cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["S-1", "tank", "mortar", "122", "-3", "2025-04-20", "48.6", "37.0",
                     "Ukraine", "Europe/Kyiv", "9999-01-01"]),
)  # fmt: skip


@settings(max_examples=50, deadline=None)
@given(st.lists(st.fixed_dictionaries(dict.fromkeys(STORAGE_COLUMNS, cell)), max_size=5))
def test_any_cells_give_records_or_problems_never_an_exception(rows: list) -> None:  # type: ignore[type-arg]
    sites, inspections, problems = _parse(*rows)
    stored_rows = {i.row for s in sites for i in s.items} | {
        c.row for i in inspections for c in i.counts
    }
    flagged = {p.row for p in problems}
    assert stored_rows.isdisjoint(flagged)
    assert stored_rows | flagged == set(range(2, 2 + len(rows)))
