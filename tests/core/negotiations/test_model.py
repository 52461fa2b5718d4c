"""Stance, condition and lifecycle records: validation by field path, canonical bytes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire.core.agreement import parse_agreement
from ceasefire.core.agreement.examples import MINIMAL_YAML
from ceasefire.core.agreement.terms import LifecycleState
from ceasefire.core.negotiations import (
    ConditionRecord,
    LifecycleKind,
    NegotiationError,
    StanceRecord,
    check_against,
    parse_record,
    record_problems,
    records_of_agreement,
)

BASE: dict[str, object] = {
    "id": "S-1",
    "agreement": "example-truce",
    "party": "RU",
    "term": "T-1",
    "stance": "accepts",
    "date": "2025-04-19",
    "source_url": "https://tass.com/politics/1947203",
}


def test_a_stance_is_on_exactly_one_subject() -> None:
    both = {**BASE, "condition": "C-mirror"}
    with pytest.raises(NegotiationError, match="exactly one of a term or a condition"):
        parse_record(StanceRecord, both)
    neither = {key: value for key, value in BASE.items() if key != "term"}
    assert record_problems(StanceRecord, neither)[0] is None


def test_problems_name_each_field_path() -> None:
    bad = {**BASE, "stance": "maybe", "date": "soon", "conditions": ["ok", "bad id!"]}
    record, problems = record_problems(StanceRecord, bad)
    assert record is None
    fields = sorted(problem.split(":")[0] for problem in problems)
    assert fields == ["conditions[1]", "date", "stance"]


def test_a_time_needs_its_zone_and_gives_a_utc_moment() -> None:
    with pytest.raises(NegotiationError, match="time_zone: required"):
        parse_record(StanceRecord, {**BASE, "time": "18:00"})
    record = parse_record(StanceRecord, {**BASE, "time": "18:00", "time_zone": "Europe/Moscow"})
    assert record.moment == datetime(2025, 4, 19, 15, 0, tzinfo=UTC)
    assert record.content()["time_zone"] == "Europe/Moscow"


def test_canonical_bytes_change_with_content_only() -> None:
    one = parse_record(StanceRecord, BASE)
    same = parse_record(StanceRecord, dict(BASE))
    other = parse_record(StanceRecord, {**BASE, "stance": "rejects"})
    assert one.content_hash() == same.content_hash() != other.content_hash()
    assert b'"stance":"accepts"' in one.canonical()


def test_condition_cannot_become_a_term_before_it_was_raised() -> None:
    with pytest.raises(NegotiationError, match="becomes_term_on"):
        parse_record(
            ConditionRecord,
            {
                "id": "C-1", "agreement": "a", "title": "t", "text": "x",
                "date": "2025-03-13", "becomes_term": "T-2", "becomes_term_on": "2025-03-01",
            },
        )  # fmt: skip


def test_lifecycle_kinds_cover_every_term_version_state() -> None:
    assert {kind.value for kind in LifecycleKind} >= {state.value for state in LifecycleState}
    assert LifecycleKind.UNILATERAL_DECLARATION.value == "unilateral_declaration"


def test_check_against_names_unknown_party_term_and_conditions() -> None:
    agreement = parse_agreement(MINIMAL_YAML, "example.yaml")
    record = parse_record(
        StanceRecord, {**BASE, "agreement": agreement.id, "term": "T-9", "conditions": ["C-x"]}
    )
    problems = check_against(agreement, record, conditions={"C-extra"})
    assert problems == [
        "term: unknown term 'T-9' (terms: T-1, T-2)",
        "conditions[0]: unknown condition 'C-x' (conditions: C-extra, C-mirror)",
    ]
    fine = parse_record(
        StanceRecord, {**BASE, "agreement": agreement.id, "conditions": ["C-extra"]}
    )
    assert check_against(agreement, fine, conditions={"C-extra"}) == []


def test_agreement_records_keep_ids_and_mark_unilateral_declarations() -> None:
    agreement = parse_agreement(MINIMAL_YAML, "example.yaml")
    records = records_of_agreement(agreement)
    assert [item.id for item in records.conditions] == ["C-mirror"]
    assert records.stances[0].summary is not None and records.stances[0].quote is None
    kinds = [(item.party, item.kind) for item in records.lifecycle]
    assert ("RU", LifecycleKind.UNILATERAL_DECLARATION) in kinds
    assert records_of_agreement(agreement) == records  # same ids again: reload is idempotent


@given(st.text(max_size=40))
def test_any_speaker_text_gives_a_record_or_field_problems(speaker: str) -> None:
    record, problems = record_problems(StanceRecord, {**BASE, "speaker": speaker})
    assert (record is None) == bool(problems)
    if record is None:
        assert all(problem.startswith("speaker") for problem in problems)
