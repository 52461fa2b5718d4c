"""Adjudication in the store, on SQLite and PostgreSQL: steps checked, history complete with
actors and times, findings.status in step, every event in the outbox, re-evaluation honest."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import typer
from sqlalchemy import insert, select, update
from typer.testing import CliRunner

from ceasefire.cli.adjudicate import app as adjudicate_app
from ceasefire.cli.context import Context
from ceasefire.core.actor import Actor, Role
from ceasefire.core.compliance.adjudication import (
    Action,
    AdjudicationError,
    AdjudicationRules,
    Dissent,
    Outcome,
    ReplyKind,
    Request,
    State,
)
from ceasefire.core.errors import NotFound, PermissionDenied
from ceasefire.settings import Settings
from ceasefire.store.adjudication import adjudication_events, reopen_changed
from ceasefire.store.database import Store
from ceasefire.store.findings import evaluation_runs, findings
from ceasefire.store.schema import outbox
from ceasefire.workflows.adjudicate import adjudicate, due, history
from ceasefire.workflows.findings import show_finding

RUN_AT = datetime(2025, 4, 20, 8, 0, tzinfo=UTC)
RU = Actor(user="olga", role=Role.PARTY_LIAISON, party="RU")
CHIEF = Actor(user="chief", role=Role.CHIEF_MONITOR)
COMMISSION = Actor(user="jcc", role=Role.JOINT_COMMISSION)
WITH_COMMISSION = AdjudicationRules(joint_commission=True)


def _finding(store: Store, number: int, *, party: str | None = "RU", at: datetime = RUN_AT) -> str:
    finding_id = f"FND-{number:06d}"
    with store.writer.begin() as connection:
        run_id = connection.execute(
            insert(evaluation_runs)
            .values(started_at=at, actor="local:tester", incidents=1, findings=1)
            .returning(evaluation_runs.c.id)
        ).scalar_one()
        connection.execute(
            insert(findings).values(
                finding_id=finding_id,
                finding_key=f"easter-truce-2025/T1/RU/INC-{number:06d}",
                agreement_id="easter-truce-2025",
                term_id="T1",
                version_party="RU",
                incident_id=f"INC-{number:06d}",
                verdict="violation",
                responsible_party=party,
                status="proposed",
                active=True,
                version=1,
                run_id=run_id,
                event_start=at - timedelta(days=1),
                trace="artillery strike on Kostiantynivka",
                content_hash="ab" * 32,
                canonical=b"{}",
            )
        )
    return finding_id


def _outbox_actions(store: Store) -> list[str]:
    with store.reader.connect() as connection:
        return list(connection.execute(select(outbox.c.action).order_by(outbox.c.id)).scalars())


def test_contested_finding_goes_to_the_joint_commission_with_history_and_outbox(
    store: Store,
) -> None:
    fid = _finding(store, 12)
    reply = Request(Action.REPLY, "not our unit", reply=ReplyKind.CONTEST)
    adjudicate(store, RU, fid, reply, now=RUN_AT + timedelta(hours=5), rules=WITH_COMMISSION)
    adjudicate(
        store,
        CHIEF,
        fid,
        Request(Action.REFER),
        now=RUN_AT + timedelta(hours=50),
        rules=WITH_COMMISSION,
    )
    decision = Request(
        Action.DECIDE,
        "crater analysis points east",
        outcome=Outcome.UPHELD,
        dissent=(Dissent("RU delegate", "analysis not shared"),),
    )
    adjudicate(
        store, COMMISSION, fid, decision, now=RUN_AT + timedelta(days=5), rules=WITH_COMMISSION
    )
    assert show_finding(store, fid)["status"] == "upheld"
    found = history(store, fid, rules=WITH_COMMISSION)
    steps = [
        (e.action, e.from_state, e.to_state, e.actor, e.role, e.party, e.at) for e in found.events
    ]
    assert steps == [
        (
            Action.REPLY,
            State.PROPOSED,
            State.DISPUTED,
            "user:olga",
            "party_liaison",
            "RU",
            RUN_AT + timedelta(hours=5),
        ),
        (
            Action.REFER,
            State.DISPUTED,
            State.UNDER_REVIEW,
            "user:chief",
            "chief_monitor",
            None,
            RUN_AT + timedelta(hours=50),
        ),
        (
            Action.DECIDE,
            State.UNDER_REVIEW,
            State.UPHELD,
            "user:jcc",
            "joint_commission",
            None,
            RUN_AT + timedelta(days=5),
        ),
    ]
    assert found.events[2].dissent == (Dissent("RU delegate", "analysis not shared"),)
    assert found.events[1].previous is not None  # chained to the reply
    notes = found.published_notes
    assert "RU (party liaison) contested (version 1): not our unit" in notes[0]
    assert notes[2].endswith("dissent of RU delegate: analysis not shared")
    assert _outbox_actions(store) == ["finding.reply", "finding.refer", "finding.decide"]
    with store.reader.connect() as connection:
        stored = connection.execute(
            select(adjudication_events.c.canonical, adjudication_events.c.text).order_by(
                adjudication_events.c.id
            )
        ).all()
    assert json.loads(stored[0].canonical)["finding_sha256"] == "ab" * 32
    assert stored[2].text == "crater analysis points east"


def test_refusals_leave_no_trace(store: Store) -> None:
    fid = _finding(store, 7)
    ua = Actor(user="taras", role=Role.PARTY_LIAISON, party="UA")
    with pytest.raises(PermissionDenied, match="holds RU responsible"):
        adjudicate(store, ua, fid, Request(Action.DISPUTE, "no"), now=RUN_AT)
    with pytest.raises(AdjudicationError, match="RU may reply until 2025-04-22T08:00:00Z"):
        adjudicate(store, CHIEF, fid, Request(Action.SIGN_OFF), now=RUN_AT + timedelta(hours=1))
    with pytest.raises(NotFound):
        adjudicate(store, CHIEF, "FND-999999", Request(Action.SIGN_OFF), now=RUN_AT)
    assert history(store, fid).events == []
    assert _outbox_actions(store) == []
    assert show_finding(store, fid)["status"] == "proposed"


def test_accepted_then_signed_off_and_the_window_closes(store: Store) -> None:
    fid = _finding(store, 1)
    late = _finding(store, 2)
    accept = Request(Action.REPLY, "", reply=ReplyKind.ACCEPT)
    adjudicate(store, RU, fid, accept, now=RUN_AT + timedelta(hours=1))
    adjudicate(store, CHIEF, fid, Request(Action.SIGN_OFF), now=RUN_AT + timedelta(hours=2))
    assert show_finding(store, fid)["status"] == "signed_off"
    with pytest.raises(AdjudicationError, match="reply window closed"):
        adjudicate(store, RU, late, accept, now=RUN_AT + timedelta(hours=48))
    event = adjudicate(
        store, CHIEF, late, Request(Action.SIGN_OFF), now=RUN_AT + timedelta(hours=48)
    )
    assert event.to_state is State.SIGNED_OFF


def test_due_lists_open_windows_closing_soon(store: Store) -> None:
    soon = _finding(store, 1, at=RUN_AT)
    later = _finding(store, 2, at=RUN_AT + timedelta(hours=30))
    _finding(store, 3, party=None)
    _finding(store, 4, party="UA", at=RUN_AT + timedelta(hours=10))
    now = RUN_AT + timedelta(hours=40)
    assert [d.finding_id for d in due(store, timedelta(hours=10), now=now)] == [soon]
    rows = due(store, timedelta(hours=48), now=now, party="RU")
    assert [(d.finding_id, d.reply_by) for d in rows] == [
        (soon, RUN_AT + timedelta(hours=48)),
        (later, RUN_AT + timedelta(hours=78)),
    ]
    adjudicate(store, RU, soon, Request(Action.DISPUTE, "no"), now=now)
    assert [d.finding_id for d in due(store, timedelta(hours=48), now=now, party="RU")] == [later]
    assert due(store, timedelta(hours=1), now=RUN_AT + timedelta(hours=48)) == []


def test_a_changed_verdict_after_sign_off_goes_back_to_proposed(store: Store) -> None:
    fid = _finding(store, 5, party=None)
    adjudicate(store, CHIEF, fid, Request(Action.SIGN_OFF), now=RUN_AT)
    rerun = Actor.local_cli("tester")
    with store.unit_of_work(rerun, now=RUN_AT + timedelta(days=2)) as uow:
        uow.connection.execute(
            update(findings)
            .where(findings.c.finding_id == fid)
            .values(version=2, verdict="indeterminate")
        )
        action = reopen_changed(
            uow,
            fid,
            status="signed_off",
            old_verdict="violation",
            new_verdict="indeterminate",
            old_party=None,
            new_party=None,
            version=2,
            finding_sha256="cd" * 32,
        )
    assert action is Action.REOPEN
    assert show_finding(store, fid)["status"] == "proposed"
    events = history(store, fid).events
    assert [(e.action, e.finding_version, e.to_state) for e in events] == [
        (Action.SIGN_OFF, 1, State.SIGNED_OFF),
        (Action.REOPEN, 2, State.PROPOSED),
    ]
    assert "verdict violation → indeterminate" in events[1].text
    assert "signed_off adjudication of version 1" in events[1].text
    assert events[1].previous is not None and events[1].role == "local_operator"
    with store.unit_of_work(rerun) as uow:
        same = reopen_changed(
            uow,
            fid,
            status="proposed",
            old_verdict="a",
            new_verdict="b",
            old_party=None,
            new_party=None,
            version=3,
            finding_sha256="ef" * 32,
        )
    assert same is None
    assert _outbox_actions(store) == ["finding.sign_off", "finding.reopen"]


def _cli(store: Store) -> typer.Typer:
    root = typer.Typer()

    @root.callback()
    def main(ctx: typer.Context) -> None:
        ctx.obj = Context(settings=Settings.from_env(env={}), _store=store)

    root.add_typer(adjudicate_app, name="adjudicate")
    return root


def test_cli_records_the_acting_role_party_and_user(store: Store) -> None:
    fid = _finding(store, 9, at=datetime.now(UTC) - timedelta(hours=1))
    runner = CliRunner()
    cli = _cli(store)
    result = runner.invoke(
        cli,
        [
            "adjudicate",
            "reply",
            fid,
            "--contest",
            "--text",
            "not ours",
            "--party",
            "RU",
            "--user",
            "olga",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "proposed → disputed (reply)" in result.output
    refused = runner.invoke(cli, ["adjudicate", "refer", fid])
    assert refused.exit_code == 1
    assert "sets up no joint commission" in refused.output
    wrong = runner.invoke(cli, ["adjudicate", "withdraw", fid, "--reason", "x", "--as", "analyst"])
    assert wrong.exit_code == 1 and "only the chief monitor can withdraw" in wrong.output
    bad = runner.invoke(
        cli, ["adjudicate", "decide", fid, "--upheld", "--reason", "r", "--dissent", "no colon"]
    )
    assert bad.exit_code == 1 and "expected 'member: text'" in bad.output
    done = runner.invoke(cli, ["adjudicate", "sign-off", fid, "--user", "chief"])
    assert done.exit_code == 0, done.output
    shown = runner.invoke(cli, ["adjudicate", "history", fid])
    assert "user:olga" in shown.output and "user:chief" in shown.output
    assert "signed_off" in shown.output
    lines = runner.invoke(cli, ["adjudicate", "history", fid, "--json"]).output.splitlines()
    assert [json.loads(line)["role"] for line in lines] == ["party_liaison", "chief_monitor"]
    waiting = runner.invoke(cli, ["adjudicate", "due", "--within", "72"])
    assert "0 finding(s) awaiting a reply" in waiting.output


def test_the_agreements_monitoring_section_sets_the_reply_window_and_commission(
    store: Store, tmp_path: Path
) -> None:
    from ceasefire.core.agreement.examples import MINIMAL_YAML
    from ceasefire.workflows.adjudicate import agreement_rules
    from ceasefire.workflows.agreements import load_agreement

    monitoring = (
        "monitoring:\n"
        "  reply_window_hours: 72\n"
        "  joint_commission: {name: JCCC, members: [RU, UA]}\n"
    )
    path = tmp_path / "truce.yaml"
    path.write_text(MINIMAL_YAML + monitoring, encoding="utf-8")
    load_agreement(store, Actor.local_cli("t"), path)
    rules = agreement_rules(store, "example-truce")
    assert rules.reply_window == timedelta(hours=72)
    assert rules.joint_commission is True
    assert agreement_rules(store, "not-loaded") == AdjudicationRules()
