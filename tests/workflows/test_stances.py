"""Stances over time in the store, on both databases: add, import, timeline, the ledger."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text, update

import ceasefire
from ceasefire.core.actor import Actor, Role
from ceasefire.core.errors import IngestError, NotFound, PermissionDenied
from ceasefire.core.negotiations import NegotiationError, StanceKind
from ceasefire.store.database import Store
from ceasefire.store.negotiations import stance_records
from ceasefire.workflows.agreements import load_agreement, load_shipped_agreements
from ceasefire.workflows.ledger import sequence, verify_ledger
from ceasefire.workflows.stances import (
    add_condition,
    add_lifecycle_event,
    add_stance,
    import_stances,
    list_conditions,
    list_lifecycle_events,
    list_stances,
    matrix,
    timeline,
)

JEDDAH = "jeddah-30-day-ceasefire-2025"
DEMO_CSV = Path(ceasefire.__file__).parent / "data" / "demo" / "stances_2025.csv"
URL = "https://example.org/statement"


@pytest.fixture
def loaded(store: Store, actor: Actor) -> Store:
    load_shipped_agreements(store, actor)
    return store


def test_loading_an_agreement_stores_its_stances_once(loaded: Store, actor: Actor) -> None:
    stances = list_stances(loaded, actor, agreement_id=JEDDAH)
    assert [record.id for record in stances] == [
        "S-jeddah-UA", "S-jeddah-US", "S-putin-2025-03-13", "S-putin-monitors-2025-03-13",
    ]  # fmt: skip
    assert {item.id for item in list_conditions(loaded, actor, agreement_id=JEDDAH)} >= {
        "C-monitoring", "C-no-nato-monitors",
    }  # fmt: skip
    load_shipped_agreements(loaded, actor)
    assert len(list_stances(loaded, actor, agreement_id=JEDDAH)) == 4
    with loaded.reader.connect() as connection:
        rows = connection.execute(text("SELECT count(*) FROM stance_records")).scalar_one()
    assert rows == len(list_stances(loaded, actor))


def test_the_demo_csv_adds_ukraines_april_proposals_then_nothing(
    loaded: Store, actor: Actor
) -> None:
    first = import_stances(loaded, actor, DEMO_CSV)
    assert (first.rows, first.new, first.unchanged) == (6, 2, 4)
    again = import_stances(loaded, actor, DEMO_CSV)
    assert (again.new, again.revised, again.unchanged) == (0, 0, 6)
    march = matrix(loaded, actor, JEDDAH, date(2025, 3, 31))
    assert march.value("UA", "term:J-1") is StanceKind.ACCEPTS
    assert march.value("RU", "term:J-1") is StanceKind.ACCEPTS_WITH_CONDITIONS
    assert march.value("RU", "condition:C-monitoring") is StanceKind.DEMANDS
    may = matrix(loaded, actor, JEDDAH, date(2025, 5, 1))
    assert may.value("UA", "term:J-1") is StanceKind.DEMANDS
    assert len(may.cell("UA", "term:J-1").history) == 3


def test_added_records_change_the_timeline_and_the_ledger_covers_them(
    loaded: Store, actor: Actor
) -> None:
    stance = {
        "id": "S-ru-rejects", "agreement": JEDDAH, "party": "RU", "term": "J-1",
        "stance": "rejects", "date": "2025-03-20", "source_url": URL,
    }  # fmt: skip
    assert add_stance(loaded, actor, stance).status == "new"
    assert add_stance(loaded, actor, stance).status == "unchanged"
    assert add_stance(loaded, actor, {**stance, "speaker": "someone"}).status == "revised"
    add_condition(
        loaded, actor,
        {"id": "C-monitoring", "agreement": JEDDAH, "title": "A monitoring mechanism",
         "text": "t", "raised_by": "RU", "date": "2025-03-13", "becomes_term": "J-1",
         "becomes_term_on": "2025-03-20", "source_url": URL},
    )  # fmt: skip
    add_lifecycle_event(
        loaded, actor,
        {"id": "L-ru-withdrawn", "agreement": JEDDAH, "party": "RU", "kind": "withdrawn",
         "term": "J-1", "date": "2025-03-21", "source_url": URL},
    )  # fmt: skip
    state = timeline(loaded, actor, JEDDAH)
    assert state.matrix.value("RU", "term:J-1") is StanceKind.REJECTS
    assert state.lifecycle[("RU", "J-1")].value == "withdrawn"
    assert timeline(loaded, actor, JEDDAH, date(2025, 3, 19)).lifecycle[("RU", "J-1")].value == (
        "proposed"
    )
    assert any("becomes term:J-1" in entry.what for entry in state.entries)
    assert len(list_lifecycle_events(loaded, actor, agreement_id=JEDDAH, party="RU")) == 2
    sequence(loaded)
    assert verify_ledger(loaded).problems == []


def test_the_ledger_names_an_edited_or_unrecorded_stance_row(loaded: Store, actor: Actor) -> None:
    sequence(loaded)
    with loaded.writer.begin() as connection:
        connection.execute(
            update(stance_records)
            .where(stance_records.c.record_id == "S-jeddah-UA")
            .values(canonical=b'{"edited":true}')
        )
        connection.execute(
            text(
                "INSERT INTO stance_records (agreement_id, record_id, revision, recorded_at, "
                "actor, content_hash, canonical, party, subject, stance, stated_on) VALUES "
                "('x', 'S-sneaky', 1, '2025-03-01T00:00:00Z', 'a', 'h', 'c', 'RU', 'term:J-1', "
                "'accepts', '2025-03-01')"
            )
        )
    problems = [str(problem) for problem in verify_ledger(loaded).problems]
    assert any("stance_records row" in p and "do not hash" in p for p in problems), problems
    assert any("no ledger entry commits to it" in p for p in problems), problems


def test_unknown_ids_are_named_by_field(loaded: Store, actor: Actor) -> None:
    bad = {
        "agreement": JEDDAH, "id": "S-bad", "party": "CN", "condition": "C-nope",
        "stance": "demands", "date": "2025-03-20", "source_url": URL,
    }  # fmt: skip
    with pytest.raises(NegotiationError) as caught:
        add_stance(loaded, actor, bad)
    assert [problem.split(":")[0] for problem in caught.value.problems] == ["party", "condition"]
    with pytest.raises(NotFound, match="agreement 'nope' not found"):
        add_stance(loaded, actor, {**bad, "agreement": "nope"})


def test_a_bad_row_rejects_the_whole_file(loaded: Store, actor: Actor, tmp_path: Path) -> None:
    path = tmp_path / "stances.csv"
    path.write_text(
        "agreement,party,term,stance,date,source_url\n"
        f"{JEDDAH},RU,J-1,rejects,2025-03-20,{URL}\n"
        f"{JEDDAH},RU,J-9,rejects,2025-03-21,{URL}\n"
        f"{JEDDAH},RU,J-1,perhaps,2025-03-22,{URL}\n",
        encoding="utf-8",
    )
    with pytest.raises(IngestError) as caught:
        import_stances(loaded, actor, path)
    assert [(p.row, p.field) for p in caught.value.problems] == [(3, "term"), (4, "stance")]
    assert "row 3, field term" in str(caught.value)
    assert len(list_stances(loaded, actor, agreement_id=JEDDAH)) == 4


def test_reading_and_recording_need_the_stance_permissions(loaded: Store) -> None:
    public = Actor(user="p", role=Role.PUBLIC)
    with pytest.raises(PermissionDenied):
        add_stance(loaded, public, {"agreement": JEDDAH})
    mediator = Actor(user="m", role=Role.MEDIATOR)
    assert timeline(loaded, mediator, JEDDAH).matrix.parties == ("US", "UA", "RU")


def test_a_revised_agreement_keeps_earlier_stance_records(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    from ceasefire.core.agreement.examples import MINIMAL_YAML

    path = tmp_path / "truce.yaml"
    path.write_text(MINIMAL_YAML, encoding="utf-8")
    load_agreement(store, actor, path)
    path.write_text(MINIMAL_YAML.replace("stance: accepts", "stance: rejects"), encoding="utf-8")
    assert load_agreement(store, actor, path).status == "revised"
    records = list_stances(store, actor)
    assert [record.stance for record in records] == [StanceKind.REJECTS]
    with store.reader.connect() as connection:
        revisions = connection.execute(text("SELECT revision FROM stance_records")).scalars()
        assert sorted(revisions) == [1, 2]
