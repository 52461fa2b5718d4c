"""The review queue of text proposals on both databases: store, accept, reject, the ledger."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from ceasefire.core.actor import Actor, Role
from ceasefire.core.errors import ConfigurationError, NotFound, PermissionDenied
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.store.negotiations import stance_records
from ceasefire.store.schema import claims, observations
from ceasefire.store.text_proposals import text_proposals
from ceasefire.workflows.agreements import load_shipped_agreements
from ceasefire.workflows.ledger import sequence, verify_ledger
from ceasefire.workflows.text_review import (
    ReviewError,
    accept_proposal,
    list_proposals,
    reject_proposal,
    store_proposals,
)

WIRE = """KYIV, March 14 (Test Wire) - Russian drones struck an energy substation in Kharkiv \
overnight, killing two people, the regional governor said.

Ukraine's General Staff said Russian forces had violated the truce more than 150 times since \
11 March.

The Kremlin said on Thursday that Russia was ready to agree to the 30-day ceasefire on \
condition that a monitoring mechanism was set up.

This shameful war should end.
"""
URL = "https://example.org/statement"


@pytest.fixture
def stored(store: Store, actor: Actor, tmp_path: Path) -> dict[str, int]:
    load_shipped_agreements(store, actor)
    path = tmp_path / "wire.txt"
    path.write_text(WIRE, encoding="utf-8")
    kept = store_proposals(store, actor, str(path), date(2025, 3, 14))
    return {body["type"]: number for body, number in zip(kept.bodies, kept.ids, strict=True)}


def test_storing_keeps_every_proposal_as_proposed_and_links_the_30_day_stance(
    store: Store, actor: Actor, stored: dict[str, int]
) -> None:
    found = list_proposals(store, actor)
    assert {p.proposal_type for p in found} == {
        "observation", "claim", "negotiation_event", "opinion",
    }  # fmt: skip
    assert {p.status for p in found} == {"proposed"}
    assert all(p.source_name == "wire.txt" and len(p.text_sha256) == 64 for p in found)
    event = next(p for p in found if p.proposal_type == "negotiation_event")
    link = event.body["stance_link"]
    assert (link["agreement"], link["term"], link["party"], link["stance"]) == (
        "jeddah-30-day-ceasefire-2025", "J-1", "RU", "accepts_with_conditions",
    )  # fmt: skip
    assert list_proposals(store, actor, "accepted") == []


def test_accepting_an_observation_imports_it_through_the_ordinary_path(
    store: Store, actor: Actor, stored: dict[str, int], app_settings: Settings
) -> None:
    review = accept_proposal(store, actor, stored["observation"], settings=app_settings)
    assert review.status == "accepted" and review.outcome is not None
    assert review.outcome.startswith("import:")
    with store.reader.connect() as connection:
        rows = connection.execute(select(observations.c.act, observations.c.source_name)).all()
    # the governor's claim: filed as a party official's report, the governor its source
    assert [(r.act, r.source_name) for r in rows] == [
        ("drone_strike", "ukraine (the regional governor)")
    ]
    with pytest.raises(ReviewError, match="already accepted"):
        accept_proposal(store, actor, stored["observation"], settings=app_settings)


def test_accepting_a_claim_needs_a_period_start_and_then_stores_a_claim(
    store: Store, actor: Actor, stored: dict[str, int], app_settings: Settings
) -> None:
    review = accept_proposal(store, actor, stored["claim"], settings=app_settings)
    assert review.status == "accepted"
    with store.reader.connect() as connection:
        assert connection.execute(select(claims.c.id)).all() != []


def test_accepting_a_linked_negotiation_event_records_a_stance_with_its_source(
    store: Store, actor: Actor, stored: dict[str, int], app_settings: Settings
) -> None:
    with pytest.raises(ReviewError, match="--source-url"):
        accept_proposal(store, actor, stored["negotiation_event"], settings=app_settings)
    review = accept_proposal(
        store, actor, stored["negotiation_event"], settings=app_settings, source_url=URL
    )
    assert review.outcome == f"stance:text-proposal-{stored['negotiation_event']}"
    with store.reader.connect() as connection:
        row = connection.execute(
            select(stance_records.c.party, stance_records.c.stance).where(
                stance_records.c.record_id == f"text-proposal-{stored['negotiation_event']}"
            )
        ).one()
    assert (row.party, row.stance) == ("RU", "accepts_with_conditions")


def test_an_opinion_is_never_a_record_and_a_rejection_keeps_its_reason(
    store: Store, actor: Actor, stored: dict[str, int], app_settings: Settings
) -> None:
    with pytest.raises(ReviewError, match="opinion"):
        accept_proposal(store, actor, stored["opinion"], settings=app_settings)
    with pytest.raises(ConfigurationError, match="--reason"):
        reject_proposal(store, actor, stored["opinion"], " ")
    reject_proposal(store, actor, stored["opinion"], "the writer's opinion")
    (rejected,) = list_proposals(store, actor, "rejected")
    assert (rejected.id, rejected.review_note) == (stored["opinion"], "the writer's opinion")
    assert rejected.reviewer == actor.ref and rejected.reviewed_at is not None
    with pytest.raises(NotFound):
        reject_proposal(store, actor, 999, "no such")


def test_a_monitor_may_not_review(store: Store, stored: dict[str, int]) -> None:
    monitor = Actor(user="m", role=Role.MONITOR)
    with pytest.raises(PermissionDenied):
        reject_proposal(store, monitor, stored["opinion"], "no")


def test_the_ledger_covers_proposals_and_reviews_and_sees_a_changed_status(
    store: Store, actor: Actor, stored: dict[str, int], app_settings: Settings
) -> None:
    accept_proposal(store, actor, stored["observation"], settings=app_settings)
    reject_proposal(store, actor, stored["opinion"], "opinion")
    sequence(store)
    assert verify_ledger(store).problems == []
    with store.writer.begin() as connection:
        connection.execute(
            update(text_proposals)
            .where(text_proposals.c.id == stored["opinion"])
            .values(status="accepted")
        )
    problems = verify_ledger(store).problems
    assert any("status is accepted" in p.reason for p in problems)


def test_a_stored_proposal_row_no_entry_commits_to_is_found(
    store: Store, actor: Actor, stored: dict[str, int]
) -> None:
    sequence(store)
    with store.writer.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO text_proposals (source_name, text_sha256, proposal_type, body, "
                "span_start, span_end, status, created_at, actor, content_hash, canonical) "
                "SELECT source_name, text_sha256, proposal_type, body, span_start, span_end, "
                "status, created_at, actor, content_hash, canonical FROM text_proposals "
                f"WHERE id = {stored['claim']}"
            )
        )
    problems = verify_ledger(store).problems
    assert any("no ledger entry commits to it" in p.reason for p in problems)
