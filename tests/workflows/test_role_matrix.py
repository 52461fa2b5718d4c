"""Role × action: every workflow entry point allows exactly the roles the matrix names.

One store per backend; each role calls every entry point with cheap arguments. A call the
matrix allows may still fail on its arguments (a missing file, an unknown ID): what is checked
is that it is refused with ``PermissionDenied`` exactly when the matrix says so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from ceasefire.core.access import Permission, allows
from ceasefire.core.actor import Actor, Role
from ceasefire.core.compliance.adjudication import (
    Action,
    FindingCase,
    ReplyKind,
    Request,
    State,
    next_state,
)
from ceasefire.core.errors import PermissionDenied
from ceasefire.core.verification.decisions import DecisionKind
from ceasefire.settings import Settings
from ceasefire.store.database import Store
from ceasefire.store.observations import ObservationFilter
from ceasefire.workflows import accounts
from ceasefire.workflows.accounts import (
    CHEAP_PASSWORD_HASH,
    add_user,
    disable_user,
    issue_token,
    list_users,
    revoke_token,
)
from ceasefire.workflows.adjudicate import due
from ceasefire.workflows.agreements import get_agreement, list_agreements, load_agreement
from ceasefire.workflows.decide import decide
from ceasefire.workflows.demo import run_demo
from ceasefire.workflows.evaluate import evaluate_store
from ceasefire.workflows.exports import export_findings, export_incidents
from ceasefire.workflows.findings import FindingFilter, list_findings, show_finding
from ceasefire.workflows.incidents import IncidentFilter, list_incidents, membership, show_incident
from ceasefire.workflows.ingest import ingest_file
from ceasefire.workflows.ledger import ledger_status, make_checkpoint, verify_ledger
from ceasefire.workflows.observations import list_observations
from ceasefire.workflows.publish import (
    ReportSpec,
    publication_policy,
    publish_report,
    published,
    published_bytes,
)
from ceasefire.workflows.report import daily_report
from ceasefire.workflows.score import score_store
from ceasefire.workflows.simulate import run_simulation
from ceasefire.workflows.stats import store_stats
from ceasefire.workflows.verify import verify

P = Permission
SETTINGS = Settings.from_env(env={})
POLICY = publication_policy(SETTINGS)
OBSERVATIONS = (
    "key,source_kind,source_name,start,act,lat,lon\nk1,media,Wire,2025-04-20,shelling,48.2,37.1\n"
)
CLAIMS_HEADER = "claim_id"
Call = Callable[[Store, Actor, Path], object]


def _csv(tmp: Path, text: str) -> Path:
    path = tmp / "obs.csv"
    path.write_text(text, encoding="utf-8")
    return path


ENTRY_POINTS: dict[str, tuple[Permission, Call]] = {
    "ingest observations": (
        P.FILE_OBSERVATION,  # or INGEST: every role holding INGEST also holds FILE_OBSERVATION
        lambda s, a, t: ingest_file(s, a, _csv(t, OBSERVATIONS), settings=SETTINGS),
    ),
    "verify": (P.VERIFY, lambda s, a, t: verify(s, a)),
    "decide": (
        P.DECIDE,
        lambda s, a, t: decide(s, a, DecisionKind.GRADE, "INC-999999", reason="r", value="x"),
    ),
    "evaluate": (P.EVALUATE, lambda s, a, t: evaluate_store(s, a)),
    "load agreement": (P.LOAD_AGREEMENT, lambda s, a, t: load_agreement(s, a, t / "none.yaml")),
    "list agreements": (P.READ_AGREEMENTS, lambda s, a, t: list_agreements(s, actor=a)),
    "get agreement": (P.READ_AGREEMENTS, lambda s, a, t: get_agreement(s, "none", actor=a)),
    "list observations": (
        P.READ_OWN_OBSERVATIONS,
        lambda s, a, t: list(list_observations(s, ObservationFilter(), actor=a)),
    ),
    "list incidents": (
        P.READ_INCIDENTS,
        lambda s, a, t: list(list_incidents(s, IncidentFilter(), actor=a)),
    ),
    "show incident": (P.READ_INCIDENTS, lambda s, a, t: show_incident(s, "INC-9", actor=a)),
    "incident membership": (P.EXPORT, lambda s, a, t: list(membership(s, actor=a))),
    "list findings": (
        P.READ_FINDINGS,
        lambda s, a, t: list(list_findings(s, FindingFilter(), actor=a)),
    ),
    "show finding": (P.READ_FINDINGS, lambda s, a, t: show_finding(s, "FND-9", actor=a)),
    "findings due": (P.READ_FINDINGS, lambda s, a, t: due(s, timedelta(hours=1), actor=a)),
    "stats": (P.READ_STATS, lambda s, a, t: store_stats(s, actor=a)),
    "export incidents": (P.EXPORT, lambda s, a, t: export_incidents(s, "csv", actor=a)),
    "export findings": (P.EXPORT, lambda s, a, t: export_findings(s, "csv", actor=a)),
    "export public incidents": (
        P.READ_PUBLISHED,
        lambda s, a, t: export_incidents(s, "csv", policy=POLICY, actor=a),
    ),
    "build report": (
        P.BUILD_REPORT,
        lambda s, a, t: daily_report(s, date(2025, 4, 20), days=0, actor=a),
    ),
    "publish report": (
        P.PUBLISH_REPORT,
        lambda s, a, t: publish_report(s, a, ReportSpec(date(2025, 4, 20)), correction=" "),
    ),
    "list published": (P.READ_PUBLISHED, lambda s, a, t: published(s, actor=a)),
    "read published public edition": (
        P.READ_PUBLISHED,
        lambda s, a, t: published_bytes(
            s, ReportSpec(date(2025, 4, 20), public=True), "md", actor=a
        ),
    ),
    "read published full edition": (
        P.READ_COMPLIANCE,
        lambda s, a, t: published_bytes(s, ReportSpec(date(2025, 4, 20)), "md", actor=a),
    ),
    "ledger status": (P.LEDGER_VERIFY, lambda s, a, t: ledger_status(s, actor=a)),
    "ledger verify": (P.LEDGER_VERIFY, lambda s, a, t: verify_ledger(s, actor=a)),
    "ledger checkpoint": (P.LEDGER_CHECKPOINT, lambda s, a, t: make_checkpoint(s, a, b"not a key")),
    "score": (P.SCORE, lambda s, a, t: score_store(s, t / "no-truth", actor=a)),
    "simulate": (P.SIMULATE, lambda s, a, t: run_simulation("no-such", 1, t / "sim", actor=a)),
    "demo": (P.RUN_DEMO, lambda s, a, t: run_demo(_csv(t, ""), a, SETTINGS)),
    "users add": (P.MANAGE_USERS, lambda s, a, t: add_user(s, a, "new", Role.ANALYST)),
    "users list": (P.MANAGE_USERS, lambda s, a, t: list_users(s, a)),
    "users disable": (P.MANAGE_USERS, lambda s, a, t: disable_user(s, a, "nobody")),
    "tokens issue": (P.ISSUE_TOKENS, lambda s, a, t: issue_token(s, a, "target")),
    "tokens revoke": (P.ISSUE_TOKENS, lambda s, a, t: revoke_token(s, a, 1)),
}
ROLES = [
    Actor(user="local", role=Role.LOCAL_OPERATOR),
    *(
        Actor(user=role.value, role=role, party="RU" if role is Role.PARTY_LIAISON else None)
        for role in Role
        if role is not Role.LOCAL_OPERATOR
    ),
]


def test_every_role_is_refused_exactly_where_the_matrix_says(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "PASSWORD_HASH", CHEAP_PASSWORD_HASH)
    target = Actor.local_cli("setup")
    add_user(store, target, "target", Role.ANALYST)
    issue_token(store, target, "target")
    wrong: list[str] = []
    for actor in ROLES:
        for name, (permission, call) in ENTRY_POINTS.items():
            folder = tmp_path / f"{actor.role.value}-{len(wrong)}-{abs(hash(name))}"
            folder.mkdir()
            try:
                call(store, actor, folder)
                refused = False
            except PermissionDenied:
                refused = True
            except Exception:  # allowed, then failed on the cheap arguments
                refused = False
            if refused is allows(actor.role, permission):
                wrong.append(f"{actor.role.value} {name}: {'refused' if refused else 'allowed'}")
    assert wrong == []


def test_a_token_scope_refuses_what_the_role_would_allow(store: Store) -> None:
    scoped = Actor(user="ana", role=Role.ANALYST, scopes=("read_findings",))
    list(list_findings(store, FindingFilter(), actor=scoped))
    with pytest.raises(PermissionDenied):
        verify(store, scoped)


def test_liaison_cannot_ask_for_another_partys_findings(store: Store) -> None:
    liaison = Actor(user="olga", role=Role.PARTY_LIAISON, party="RU")
    with pytest.raises(PermissionDenied, match="about UA"):
        list(list_findings(store, FindingFilter(party="UA"), actor=liaison))
    with pytest.raises(PermissionDenied, match="about UA"):
        due(store, timedelta(hours=1), party="UA", actor=liaison)


_STEPS = {
    Action.PROPOSE: (State.PROPOSED, Request(Action.PROPOSE)),
    Action.REPLY: (State.PROPOSED, Request(Action.REPLY, "ok", reply=ReplyKind.ACCEPT)),
    Action.DISPUTE: (State.PROPOSED, Request(Action.DISPUTE, "no")),
    Action.SIGN_OFF: (State.ACCEPTED, Request(Action.SIGN_OFF)),
    Action.REFER: (State.DISPUTED, Request(Action.REFER)),
    Action.DECIDE: (State.UNDER_REVIEW, Request(Action.DECIDE, "r")),
    Action.WITHDRAW: (State.PROPOSED, Request(Action.WITHDRAW, "r")),
}
_PERMISSION = {
    Action.PROPOSE: P.ADJUDICATE_PROPOSE,
    Action.REPLY: P.ADJUDICATE_REPLY,
    Action.DISPUTE: P.ADJUDICATE_DISPUTE,
    Action.SIGN_OFF: P.ADJUDICATE_SIGN_OFF,
    Action.REFER: P.ADJUDICATE_REFER,
    Action.DECIDE: P.ADJUDICATE_DECIDE,
    Action.WITHDRAW: P.ADJUDICATE_WITHDRAW,
}


@pytest.mark.parametrize("action", list(_STEPS))
def test_adjudication_steps_follow_the_matrix(action: Action) -> None:
    from datetime import UTC, datetime

    state, request = _STEPS[action]
    proposed = datetime(2025, 4, 20, tzinfo=UTC)
    case = FindingCase(
        "FND-1", 1, None if action is Action.PROPOSE else state, "RU", proposed_at=proposed
    )
    for actor in ROLES:
        try:
            next_state(case, request, actor, proposed + timedelta(hours=1))
            refused = False
        except PermissionDenied:
            refused = True
        except Exception:  # allowed by role, refused by state or window
            refused = False
        assert refused is not allows(actor.role, _PERMISSION[action]), actor.role


SECTOR = (
    "key,source_kind,source_name,start,act,observer_lat,observer_lon,bearing_min_deg,"
    "bearing_max_deg,distance_min_m,distance_max_m,evidence_url,evidence_collector\n"
    "s1,monitor_team,Team North 3,2025-04-20T10:00,shelling,48.2,37.1,80,100,1000,3000,"
    "https://vault.example/a.jpg,J. Smith\n"
)


def test_reads_withhold_monitor_identity_and_position_by_role(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    ingest_file(store, actor, _csv(tmp_path, SECTOR), settings=SETTINGS)
    verify(store, actor)
    mediator = Actor(user="m", role=Role.MEDIATOR)
    with pytest.raises(PermissionDenied):
        list(list_observations(store, ObservationFilter(), actor=mediator))
    own = list(
        list_observations(
            store, ObservationFilter(), actor=Actor(user="Team North 3", role=Role.MONITOR)
        )
    )
    assert own[0]["observer_lat"] == 48.2 and own[0]["evidence_collector"] == "J. Smith"
    other = Actor(user="Team South", role=Role.MONITOR)
    assert list(list_observations(store, ObservationFilter(), actor=other)) == []
    incident_id = str(next(iter(list_incidents(store, IncidentFilter())))["incident_id"])
    for role in (Role.MEDIATOR, Role.JOINT_COMMISSION):
        detail = show_incident(store, incident_id, actor=Actor(user="x", role=role))
        seen = repr(detail.incident) + repr(detail.observations)
        assert "Team North 3" not in seen and "J. Smith" not in seen
        assert all("observer_lat" not in o for o in detail.observations)
    full = show_incident(store, incident_id, actor=Actor(user="a", role=Role.ANALYST))
    assert full.observations[0]["source_name"] == "Team North 3"
