"""Committed pseudonyms against restricted names, and what a bundle shows of such rows."""

from __future__ import annotations

from functools import partial

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.core.ledger.actors import actor_row_problems, is_pseudonym
from ceasefire.core.ledger.bundle_rows import Disclosure
from ceasefire.core.ledger.canonical import canonical_bytes
from ceasefire.core.ledger.chain import keyed_pseudonym

SECRET = bytes(range(32))
PSEUDONYM = partial(keyed_pseudonym, SECRET)


def _event(actor: str, members: list[str]) -> bytes:
    dissent = [{"member": PSEUDONYM(m), "text": "no"} for m in members]
    body: dict[str, object] = {"actor": PSEUDONYM(actor), "finding_id": "FND-000001"}
    if dissent:
        body["dissent"] = dissent
    return canonical_bytes(body)


@settings(max_examples=30)
@given(actor=st.text(min_size=1, max_size=20), members=st.lists(st.text(max_size=10), max_size=3))
def test_a_row_written_with_the_mission_key_verifies(actor: str, members: list[str]) -> None:
    data = _event(actor, members)
    assert actor_row_problems(data, PSEUDONYM(actor), actor, members or None, PSEUDONYM) == []
    assert is_pseudonym(PSEUDONYM(actor))


def test_each_mismatch_is_named() -> None:
    data = _event("user:ana", ["Delegate P"])
    ok = PSEUDONYM("user:ana")
    assert (
        "restricted actor_user"
        in actor_row_problems(data, ok, "user:bob", ["Delegate P"], PSEUDONYM)[0]
    )
    assert "dissent_members" in actor_row_problems(data, ok, "user:ana", ["Other"], PSEUDONYM)[0]
    assert "dissent_members" in actor_row_problems(data, ok, "user:ana", None, PSEUDONYM)[0]
    assert (
        "actor column"
        in actor_row_problems(data, "p:0000000000000000", "user:ana", ["Delegate P"], PSEUDONYM)[0]
    )
    assert "is missing" in actor_row_problems(data, ok, None, None, PSEUDONYM)[0]
    assert "mission secret" in actor_row_problems(data, ok, "user:ana", ["Delegate P"], None)[0]
    other_key = partial(keyed_pseudonym, bytes(32))
    assert actor_row_problems(data, ok, "user:ana", ["Delegate P"], other_key)


def test_a_row_recorded_before_pseudonyms_is_checked_for_its_shape_only() -> None:
    old = canonical_bytes({"actor": "user:ana", "kind": "grade"})
    assert actor_row_problems(old, "user:ana", None, None, PSEUDONYM) == []
    assert actor_row_problems(old, "user:ana", None, ["x"], PSEUDONYM)


def test_a_bundle_shows_pseudonymous_rows_and_withholds_named_ones() -> None:
    everyone = Disclosure()
    assert everyone.withholds("adjudication_event", _event("user:ana", ["Delegate P"])) is None
    named = canonical_bytes({"actor": "user:ana", "finding_id": "FND-000001"})
    assert everyone.withholds("adjudication_event", named) == "names a person"
    dissent = canonical_bytes(
        {"actor": PSEUDONYM("user:ana"), "dissent": [{"member": "Delegate P", "text": "no"}]}
    )
    assert everyone.withholds("adjudication_event", dissent) == "names a person"


def test_a_party_bundle_shows_decisions_and_events_about_its_own_objects_only() -> None:
    ru = Disclosure(for_party="RU", party_objects=frozenset({"INC-000001", "FND-000001"}))
    mine = canonical_bytes({"actor": PSEUDONYM("user:ana"), "incident_id": "INC-000001"})
    theirs = canonical_bytes({"actor": PSEUDONYM("user:ana"), "incident_id": "INC-000002"})
    assert ru.withholds("decision", mine) is None
    assert ru.withholds("decision", theirs) == "concerns another party than RU"
    assert ru.withholds("adjudication_event", _event("user:ana", [])) is None
