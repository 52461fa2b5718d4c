"""parse_claims: claims from raw text columns, problems per row and field, canonical bytes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.claims import CLAIM_COLUMNS, derived_key, parse_claims
from ceasefire.core.ledger.canonical import canonical_bytes

EASTER = {
    "arrangement": ["easter_truce"],
    "claimant": ["Ukraine (President citing C-in-C)"],
    "accused_party": ["Russia"],
    "period": ["whole truce (as of ~01:55 2025-04-21)"],
    "published": ["2025-04-21"],
    "metric": ["violations"],
    "value": ["2935"],
    "breakdown": ["96 assaults; 1,882 (Meduza: 1,883) shellings"],
    "source_url": ["https://meduza.io/en/news/2025/04/21/x"],
}


def test_claim_from_columns_has_derived_key_and_canonical_bytes() -> None:
    (claim,), problems = parse_claims(EASTER, [18])
    assert problems == []
    assert claim.row == 18
    assert claim.key.startswith("sha256:") and len(claim.key) == 39
    content = json.loads(claim.canonical())
    assert content["layout"] == "claim/1"
    assert content["items"] == [
        {"metric": "violations", "qualifier": "exactly", "value": 2935, "unit": "violation"}
    ]
    assert content["period"]["end"] == "2025-04-20T22:55:00Z"
    assert content["published_on"] == "2025-04-21"
    assert claim.canonical() == canonical_bytes(claim.content())


def test_changed_figure_keeps_the_key_but_changes_the_content() -> None:
    (first,), _ = parse_claims(EASTER, [2])
    (second,), _ = parse_claims({**EASTER, "value": ["2936"]}, [2])
    assert first.key == second.key
    assert first.canonical() != second.canonical()
    assert first.content_hash() != second.content_hash()


def test_given_key_is_kept() -> None:
    (claim,), _ = parse_claims({**EASTER, "key": ["UA-2025-04-21-1"]}, [2])
    assert claim.key == "UA-2025-04-21-1"


def test_same_key_with_other_content_in_one_file_is_a_problem() -> None:
    doubled = {name: values * 2 for name, values in EASTER.items()}
    doubled["value"] = ["2935", "3000"]
    claims, problems = parse_claims(doubled, [2, 3])
    assert [c.row for c in claims] == [2]
    assert [(p.row, p.field) for p in problems] == [(3, "key")]
    assert "row 2" in problems[0].reason


def test_exact_duplicate_rows_both_pass_for_the_store_to_count() -> None:
    doubled = {name: values * 2 for name, values in EASTER.items()}
    claims, problems = parse_claims(doubled, [2, 3])
    assert problems == [] and len(claims) == 2


def test_derived_key_ignores_figures_and_publication() -> None:
    fields = {name: values[0] for name, values in EASTER.items()}
    assert derived_key(fields) == derived_key({**fields, "value": "1", "published": "x"})
    assert derived_key(fields) != derived_key({**fields, "period": "2025-04-20"})


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {name: st.one_of(st.none(), st.text(max_size=40)) for name in CLAIM_COLUMNS}
        ),
        max_size=6,
    )
)
def test_random_rows_give_claims_or_problems_never_exceptions(
    rows: list[dict[str, str | None]],
) -> None:
    columns = {name: [row[name] for row in rows] for name in CLAIM_COLUMNS}
    numbers = list(range(2, len(rows) + 2))
    claims, problems = parse_claims(columns, numbers)
    assert {c.row for c in claims}.isdisjoint({p.row for p in problems})
    for claim in claims:
        assert claim.canonical()
