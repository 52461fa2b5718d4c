"""The party-claims reader on the shipped 2025 claims file."""

from __future__ import annotations

from pathlib import Path

import pytest

import ceasefire
from ceasefire.core.claims import Claim, Qualifier, parse_claims
from ceasefire.core.errors import IngestError
from ceasefire.core.taxonomy import Unit
from ceasefire.ingest import claims_csv

CLAIMS = Path(ceasefire.__file__).parent / "data" / "demo" / "claims_2025_partial_ceasefires.csv"


def _claims(path: Path) -> list[Claim]:
    out: list[Claim] = []
    for chunk in claims_csv.read_chunks(path):
        assert chunk.problems == []
        claims, problems = parse_claims(chunk.columns, chunk.rows)
        assert problems == []
        out += claims
    return out


def test_shipped_claims_read_without_problems() -> None:
    claims = _claims(CLAIMS)
    assert len(claims) == 24
    assert sum(1 for c in claims if c.items) == 22
    assert len({c.key for c in claims}) == 24


def test_easter_truce_totals_of_both_sides() -> None:
    claims = _claims(CLAIMS)
    totals = {
        c.claimant.party: c.items[0].value
        for c in claims
        if c.arrangement == "easter_truce" and c.published == "2025-04-21"
    }
    assert totals == {"Ukraine": 2935, "Russia": 4900}


def test_multi_figure_row_splits_into_items_with_units() -> None:
    claims = _claims(CLAIMS)
    row = next(c for c in claims if c.value == "387 / 19 / 290")
    assert [(i.metric, i.value, i.unit) for i in row.items] == [
        ("shelling", 387, Unit.EPISODE),
        ("assaults", 19, Unit.EPISODE),
        ("drone uses", 290, Unit.DRONE_USE),
    ]
    assert row.source_url is not None and row.source_url.startswith("https://")


def test_qualitative_claim_has_no_items_and_is_not_an_error() -> None:
    claims = _claims(CLAIMS)
    acled = next(c for c in claims if c.metric == "qualitative")
    assert acled.items == ()
    assert acled.claimant.party == "ACLED"


def test_denial_is_read_from_the_breakdown() -> None:
    claims = _claims(CLAIMS)
    sudzha = next(c for c in claims if c.breakdown and "Sudzha" in c.breakdown)
    assert sudzha.denial == "Ukraine denied"
    assert sudzha.items[0].qualifier is Qualifier.EXACTLY


def test_unknown_header_refuses_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("claimant,period,metric,value,colour\nRussia (MoD),2025-04-20,violations,1,x\n")
    with pytest.raises(IngestError, match="field colour: unknown column"):
        list(claims_csv.read_chunks(path))


def test_bad_rows_become_problems_naming_row_and_field(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "claimant,period,metric,value,source_url\n"
        "Russia (MoD),2025-04-20,violations,1,https://example.org/a\n"
        "Ukraine (President),2025-02-30,violations,2,https://example.org/b\n"
        "Ukraine (President),2025-04-20,shelling / assaults,1 / 2 / 3,https://example.org/c\n"
        ",2025-04-20,violations,4,https://example.org/d\n"
        "Russia (MoD),2025-04-21,violations,5,ftp://example.org/e\n"
    )
    (chunk,) = claims_csv.read_chunks(path)
    claims, problems = parse_claims(chunk.columns, chunk.rows)
    assert [c.row for c in claims] == [2]
    assert [(p.row, p.field) for p in problems] == [
        (3, "period"), (4, "value"), (5, "claimant"), (6, "source_url"),
    ]  # fmt: skip
