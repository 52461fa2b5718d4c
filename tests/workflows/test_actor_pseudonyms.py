"""Decisions and adjudication events commit to keyed pseudonyms, on both databases: their bytes
name no one, one person has one pseudonym across the record, the names are kept in restricted
columns that only restricted readers see, ``ledger verify`` checks pseudonym against name, and a
liaison's bundle now shows these rows (about its party), verifies and names no one."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select, update

from ceasefire.core.actor import Actor, Role
from ceasefire.core.compliance.adjudication import (
    Action,
    AdjudicationRules,
    Dissent,
    Outcome,
    ReplyKind,
    Request,
)
from ceasefire.core.ledger.actors import is_pseudonym
from ceasefire.core.ledger.canonical import canonical_bytes, content_hash, utc_text
from ceasefire.core.verification.decisions import DecisionKind
from ceasefire.settings import Settings
from ceasefire.store.adjudication import adjudication_events
from ceasefire.store.database import Store
from ceasefire.store.incidents import decisions, incidents
from ceasefire.store.ledger import ledger
from ceasefire.workflows.adjudicate import adjudicate, history
from ceasefire.workflows.agreements import load_shipped_agreements
from ceasefire.workflows.decide import decide
from ceasefire.workflows.evaluate import evaluate_store
from ceasefire.workflows.incidents import show_incident
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.ledger import sequence, verify_ledger
from ceasefire.workflows.ledger_bundle import export_bundle, verify_bundle
from ceasefire.workflows.verify import verify

HEADER = (
    "key,source_kind,source_name,reliability,credibility,start,act,lat,lon,radius_m,"
    "alleged_perpetrator,text\n"
)
ROWS = (
    "w1,media,Wire,B,2,2025-04-19T17:11:00Z,shelling.artillery,48.528,37.705,1000,RU,rounds\n"
    "a1,media,Agency,B,2,2025-04-19T17:12:00Z,shelling.artillery,48.527,37.706,1000,RU,impact\n"
    "w2,media,Wire,B,2,2025-04-19T20:11:00Z,shelling.artillery,47.928,36.905,1000,UA,east\n"
    "a2,media,Agency,B,2,2025-04-19T20:12:00Z,shelling.artillery,47.927,36.906,1000,UA,shells\n"
)
ANA = Actor(user="anastasiia", role=Role.ANALYST)
OLGA = Actor(user="olga-liaison", role=Role.PARTY_LIAISON, party="RU")
CHIEF = Actor(user="chief-monitor", role=Role.CHIEF_MONITOR)
JCC = Actor(user="jcc-member", role=Role.JOINT_COMMISSION)
MEDIATOR = Actor(user="mediator", role=Role.MEDIATOR)
DISSENTER = "Delegate Petrenko"
NAMES = [b"anastasiia", b"olga-liaison", b"chief-monitor", b"jcc-member", DISSENTER.encode()]
COMMISSION = AdjudicationRules(joint_commission=True)


@pytest.fixture
def decided(store: Store, actor: Actor, tmp_path: Path) -> dict[str, str]:
    """Two incidents (RU, UA), two decisions by one analyst, a finding contested by RU,
    referred and upheld by the commission with a dissent; sequenced. Returns the IDs."""
    load_shipped_agreements(store, actor)
    (tmp_path / "obs.csv").write_text(HEADER + ROWS, encoding="utf-8")
    ingest_file(store, actor, tmp_path / "obs.csv", settings=Settings.from_env(env={}))
    verify(store, actor)
    with store.reader.connect() as connection:
        query = select(incidents.c.incident_id).order_by(incidents.c.start)
        ru, ua = connection.execute(query).scalars().all()
    decide(store, ANA, DecisionKind.ATTRIBUTE, ru, reason="two wires agree", value="RU")
    decide(store, ANA, DecisionKind.ATTRIBUTE, ua, reason="the shells came east", value="UA")
    verify(store, actor)
    evaluate_store(store, actor)
    finding = next(f for f in _findings(store) if f[1] == "RU")[0]
    soon = datetime.now(UTC) + timedelta(hours=1)
    contest = Request(Action.REPLY, "not our unit", reply=ReplyKind.CONTEST)
    adjudicate(store, OLGA, finding, contest, now=soon, rules=COMMISSION)
    adjudicate(store, CHIEF, finding, Request(Action.REFER), now=soon, rules=COMMISSION)
    upheld = Request(
        Action.DECIDE,
        "crater analysis points east",
        outcome=Outcome.UPHELD,
        dissent=(Dissent(DISSENTER, "analysis not shared"),),
    )
    adjudicate(store, JCC, finding, upheld, now=soon, rules=COMMISSION)
    sequence(store)
    return {"ru": ru, "ua": ua, "finding": finding}


def _findings(store: Store) -> list[tuple[str, str | None]]:
    from ceasefire.store.findings import findings

    with store.reader.connect() as connection:
        query = select(findings.c.finding_id, findings.c.responsible_party)
        return [(str(r[0]), r[1]) for r in connection.execute(query.order_by(findings.c.id))]


def _rows(store: Store, table: Any) -> list[Any]:
    with store.reader.connect() as connection:
        return list(connection.execute(select(table).order_by(table.c.id)))


def test_committed_bytes_name_no_one_and_one_person_has_one_pseudonym(
    decided: dict[str, str], store: Store
) -> None:
    made = _rows(store, decisions)
    events = _rows(store, adjudication_events)
    assert len(made) == 2 and len(events) == 3
    for row in [*made, *events]:
        for name in NAMES:
            assert name not in bytes(row.canonical), (name, row.canonical)
    first, second = (json.loads(row.canonical) for row in made)
    assert is_pseudonym(first["actor"]) and first["actor"] == second["actor"]
    assert first["actor_role"] == "analyst" and "actor_party" not in first
    assert [row.actor_user for row in made] == ["user:anastasiia"] * 2
    assert [row.actor for row in made] == [first["actor"]] * 2
    with store.reader.connect() as connection:
        entries = dict(
            connection.execute(select(ledger.c.object_ref, ledger.c.actor)).all()
        )  # the ledger's pseudonym of the same person, same secret
        canonical = b"".join(
            bytes(c) for c in connection.execute(select(ledger.c.canonical)).scalars()
        )
    assert entries[f"decision:{made[0].id}"] == first["actor"]
    for name in NAMES:
        assert name not in canonical
    reply, _refer, upheld = (json.loads(row.canonical) for row in events)
    assert reply["role"] == "party_liaison" and reply["party"] == "RU"
    assert is_pseudonym(upheld["dissent"][0]["member"])
    assert [row.actor_user for row in events] == [
        "user:olga-liaison",
        "user:chief-monitor",
        "user:jcc-member",
    ]
    assert json.loads(events[2].dissent_members) == [DISSENTER]
    assert verify_ledger(store).ok


def test_restricted_readers_see_who_acted_the_others_pseudonyms(
    decided: dict[str, str], store: Store
) -> None:
    analyst_view = show_incident(store, decided["ru"], actor=ANA).decisions
    assert [d["actor"] for d in analyst_view] == ["user:anastasiia"]
    for reader in (MEDIATOR, OLGA):
        hidden = show_incident(store, decided["ru"], actor=reader).decisions
        assert [d["reason"] for d in hidden] == ["two wires agree"]
        assert is_pseudonym(hidden[0]["actor"])
    chief = history(store, decided["finding"], actor=CHIEF, rules=COMMISSION)
    assert [e.actor for e in chief.events] == [
        "user:olga-liaison",
        "user:chief-monitor",
        "user:jcc-member",
    ]
    assert chief.events[2].dissent[0].member == DISSENTER
    liaison = history(store, decided["finding"], actor=OLGA, rules=COMMISSION)
    assert all(is_pseudonym(e.actor) for e in liaison.events)
    shown = " ".join(liaison.published_notes) + " ".join(e.actor for e in liaison.events)
    for name in NAMES:
        assert name.decode() not in shown
    assert "RU (party liaison) contested" in liaison.published_notes[0]


@pytest.mark.parametrize(
    ("table", "values", "reason"),
    [
        (decisions, {"actor_user": "user:mallory"}, "not the keyed pseudonym of its restricted"),
        (decisions, {"actor": "p:0000000000000000"}, "actor column differs"),
        (decisions, {"actor_user": None}, "restricted actor_user is missing"),
        (adjudication_events, {"actor_user": "user:mallory"}, "not the keyed pseudonym"),
        (adjudication_events, {"dissent_members": '["Someone Else"]'}, "dissent_members"),
    ],
)
def test_verify_names_the_row_whose_pseudonym_and_name_disagree(
    decided: dict[str, str], store: Store, table: Any, values: dict[str, object], reason: str
) -> None:
    last = _rows(store, table)[-1].id
    with store.writer.begin() as connection:
        connection.execute(update(table).where(table.c.id == last).values(**values))
    report = verify_ledger(store)
    assert not report.ok
    named = [p for p in report.problems if p.where == f"{table.name} row {last}"]
    assert named and reason in named[0].reason, report.problems


def test_an_edited_pseudonym_in_the_bytes_is_caught(decided: dict[str, str], store: Store) -> None:
    row = _rows(store, decisions)[0]
    body = json.loads(row.canonical)
    body["actor"] = "p:0123456789abcdef"
    data = canonical_bytes(body)
    with store.writer.begin() as connection:
        connection.execute(
            update(decisions)
            .where(decisions.c.id == row.id)
            .values(canonical=data, content_hash=content_hash(data), actor=body["actor"])
        )
    wheres = [p.where for p in verify_ledger(store).problems]
    assert f"decisions row {row.id}" in wheres


def test_a_liaisons_bundle_shows_its_decisions_and_adjudication_and_names_no_one(
    decided: dict[str, str], store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "ru.jsonl"
    export_bundle(store, out, for_party="RU")
    data = out.read_bytes()
    for name in [*NAMES, b"user:", b"local:tester"]:
        assert name not in data, name
    assert verify_bundle(out).ok
    lines = [json.loads(line) for line in data.decode().splitlines()]
    shown = {
        line["ref"].rpartition(" row ")[0]: json.loads(line["committed"])
        for line in lines
        if "committed" in line and line["ref"].startswith(("decisions", "adjudication_events"))
    }
    refs = [line["ref"] for line in lines if "committed" in line]
    decided_rows = [r for r in refs if r.startswith("decisions row")]
    event_rows = [r for r in refs if r.startswith("adjudication_events row")]
    assert len(decided_rows) == 1 and len(event_rows) == 3, refs  # the UA decision is withheld
    assert shown["decisions"]["incident_id"] == decided["ru"]
    withheld = [line["ref"] for line in lines if "withheld" in line]
    assert any(r.startswith("decisions row") for r in withheld)
    everyone = tmp_path / "all.jsonl"
    export_bundle(store, everyone)
    assert verify_bundle(everyone).ok
    every_line = [json.loads(line) for line in everyone.read_text().splitlines()]
    every_shown = [line["ref"] for line in every_line if "committed" in line]
    assert sum(ref.startswith("decisions row") for ref in every_shown) == 2


def test_a_decision_recorded_before_pseudonyms_still_verifies_and_stays_withheld(
    decided: dict[str, str], store: Store, tmp_path: Path
) -> None:
    at = datetime(2025, 4, 22, 9, tzinfo=UTC)
    old = {
        "kind": "discount",
        "incident_id": decided["ua"],
        "reason": "old form",
        "decided_at": utc_text(at),
        "actor": "user:anastasiia",
    }
    data = canonical_bytes(old)
    with store.unit_of_work(ANA, now=at) as uow:
        number = uow.connection.execute(
            insert(decisions)
            .values(
                decided_at=at,
                actor="user:anastasiia",
                kind="discount",
                incident_id=decided["ua"],
                reason="old form",
                content_hash=content_hash(data),
                canonical=data,
            )
            .returning(decisions.c.id)
        ).scalar_one()
        uow.record(
            "decision.discount",
            "decision",
            f"decision:{number}",
            {"decision_sha256": content_hash(data), "incident_id": decided["ua"]},
        )
    sequence(store)
    assert verify_ledger(store).ok
    hidden = show_incident(store, decided["ua"], actor=MEDIATOR).decisions
    assert all(is_pseudonym(d["actor"]) for d in hidden)
    assert len({d["actor"] for d in hidden}) == 1  # the old row reads as the same pseudonym
    out = tmp_path / "all.jsonl"
    export_bundle(store, out)
    assert b"anastasiia" not in out.read_bytes()
    assert verify_bundle(out).ok
