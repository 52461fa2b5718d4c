"""The adjudication state machine: every transition, and every refusal naming its rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from ceasefire.core.actor import Actor, Role
from ceasefire.core.compliance.adjudication import (
    FINAL,
    Action,
    AdjudicationError,
    AdjudicationRules,
    Dissent,
    Event,
    FindingCase,
    Outcome,
    ReplyKind,
    Request,
    State,
    after_reevaluation,
    next_state,
)
from ceasefire.core.errors import PermissionDenied

PROPOSED_AT = datetime(2025, 4, 20, 8, 0, tzinfo=UTC)
IN_WINDOW = PROPOSED_AT + timedelta(hours=47, minutes=59)
AFTER_WINDOW = PROPOSED_AT + timedelta(hours=48)
RU = Actor(user="olga", role=Role.PARTY_LIAISON, party="RU")
UA = Actor(user="taras", role=Role.PARTY_LIAISON, party="UA")
CHIEF = Actor(user="chief", role=Role.CHIEF_MONITOR)
ANALYST = Actor(user="ana", role=Role.ANALYST)
COMMISSION = Actor(user="jcc", role=Role.JOINT_COMMISSION)
WITH_COMMISSION = AdjudicationRules(joint_commission=True)


def case(state: State | None = State.PROPOSED, **changes: object) -> FindingCase:
    base = FindingCase("FND-000012", 1, state, "RU", proposed_at=PROPOSED_AT)
    return replace(base, **changes)  # type: ignore[arg-type]


ACCEPT = Request(Action.REPLY, "we accept", reply=ReplyKind.ACCEPT)
CONTEST = Request(Action.REPLY, "not our unit", reply=ReplyKind.CONTEST)
DECIDE_UPHELD = Request(
    Action.DECIDE, "crater analysis", outcome=Outcome.UPHELD, dissent=(Dissent("RU", "no"),)
)


@pytest.mark.parametrize(
    ("start", "request_", "actor", "now", "rules", "expected"),
    [
        (None, Request(Action.PROPOSE), ANALYST, IN_WINDOW, None, State.PROPOSED),
        (None, Request(Action.PROPOSE), CHIEF, IN_WINDOW, None, State.PROPOSED),
        (State.PROPOSED, ACCEPT, RU, IN_WINDOW, None, State.ACCEPTED),
        (State.PROPOSED, CONTEST, RU, IN_WINDOW, None, State.DISPUTED),
        (State.PROPOSED, Request(Action.DISPUTE, "x"), RU, IN_WINDOW, None, State.DISPUTED),
        (State.ACCEPTED, Request(Action.DISPUTE, "x"), RU, IN_WINDOW, None, State.DISPUTED),
        (State.PROPOSED, Request(Action.SIGN_OFF), CHIEF, AFTER_WINDOW, None, State.SIGNED_OFF),
        (State.ACCEPTED, Request(Action.SIGN_OFF), CHIEF, IN_WINDOW, None, State.SIGNED_OFF),
        (State.DISPUTED, Request(Action.SIGN_OFF), CHIEF, IN_WINDOW, None, State.SIGNED_OFF),
        (State.DISPUTED, Request(Action.REFER), CHIEF, IN_WINDOW, WITH_COMMISSION, "under_review"),
        (State.UNDER_REVIEW, DECIDE_UPHELD, COMMISSION, IN_WINDOW, None, State.UPHELD),
        (
            State.UNDER_REVIEW,
            Request(Action.DECIDE, "no", outcome=Outcome.OVERTURNED),
            COMMISSION,
            IN_WINDOW,
            None,
            State.OVERTURNED,
        ),
        (State.SIGNED_OFF, Request(Action.WITHDRAW, "dup"), CHIEF, IN_WINDOW, None, "withdrawn"),
        (State.PROPOSED, Request(Action.WITHDRAW, "dup"), CHIEF, IN_WINDOW, None, "withdrawn"),
        (State.UNDER_REVIEW, Request(Action.WITHDRAW, "x"), CHIEF, IN_WINDOW, None, "withdrawn"),
    ],
)
def test_allowed_transitions(
    *,
    start: State | None,
    request_: Request,
    actor: Actor,
    now: datetime,
    rules: AdjudicationRules | None,
    expected: str,
) -> None:
    subject = case(start, rules=rules or AdjudicationRules())
    assert next_state(subject, request_, actor, now) == State(expected)


def test_a_finding_holding_no_party_can_be_signed_off_at_once() -> None:
    subject = case(responsible_party=None)
    assert subject.reply_by is None
    assert next_state(subject, Request(Action.SIGN_OFF), CHIEF, PROPOSED_AT) is State.SIGNED_OFF


def test_only_the_party_held_responsible_can_reply() -> None:
    with pytest.raises(PermissionDenied) as caught:
        next_state(case(), CONTEST, UA, IN_WINDOW)
    assert str(caught.value) == (
        "only the party held responsible can reply; FND-000012 holds RU responsible "
        "(you act for UA)"
    )


def test_a_liaison_without_a_party_cannot_reply() -> None:
    nobody = Actor(user="x", role=Role.PARTY_LIAISON)
    with pytest.raises(PermissionDenied, match="you act for no party"):
        next_state(case(), ACCEPT, nobody, IN_WINDOW)


def test_no_party_can_reply_to_a_finding_holding_none_responsible() -> None:
    with pytest.raises(PermissionDenied, match="holds no party responsible"):
        next_state(case(responsible_party=None), ACCEPT, RU, IN_WINDOW)


@pytest.mark.parametrize(
    ("request_", "actor", "rule"),
    [
        (Request(Action.PROPOSE), RU, "an analyst or the chief monitor can propose"),
        (ACCEPT, CHIEF, "only the party liaison of the party held responsible can reply"),
        (Request(Action.DISPUTE, "x"), ANALYST, "can dispute"),
        (Request(Action.SIGN_OFF), ANALYST, "only the chief monitor can sign off"),
        (Request(Action.SIGN_OFF), RU, "only the chief monitor can sign off"),
        (Request(Action.REFER), COMMISSION, "only the chief monitor can refer"),
        (DECIDE_UPHELD, CHIEF, "only the joint commission can decide"),
        (Request(Action.WITHDRAW, "x"), ANALYST, "only the chief monitor can withdraw"),
        (Request(Action.SIGN_OFF), Actor.local_cli("op"), "you act as local_operator"),
    ],
)
def test_wrong_roles_are_refused_naming_the_rule(
    request_: Request, actor: Actor, rule: str
) -> None:
    with pytest.raises(PermissionDenied, match=rule):
        next_state(case(), request_, actor, AFTER_WINDOW)


@pytest.mark.parametrize(
    ("start", "request_", "actor", "now", "rule"),
    [
        (State.PROPOSED, Request(Action.PROPOSE), ANALYST, IN_WINDOW, "not yet in adjudication"),
        (State.PROPOSED, ACCEPT, RU, AFTER_WINDOW, "reply window closed at 2025-04-22T08:00:00Z"),
        (State.PROPOSED, Request(Action.DISPUTE, "x"), RU, AFTER_WINDOW, "window closed"),
        (State.ACCEPTED, CONTEST, RU, IN_WINDOW, "only a proposed finding allows this"),
        (State.SIGNED_OFF, Request(Action.DISPUTE, "x"), RU, IN_WINDOW, "proposed or accepted"),
        (State.PROPOSED, Request(Action.REPLY, "?"), RU, IN_WINDOW, "accepts or contests"),
        (State.PROPOSED, Request(Action.REPLY, reply=ReplyKind.CONTEST), RU, IN_WINDOW, "grounds"),
        (State.PROPOSED, Request(Action.DISPUTE, "  "), RU, IN_WINDOW, "grounds is required"),
        (State.PROPOSED, Request(Action.SIGN_OFF), CHIEF, IN_WINDOW, "RU may reply until"),
        (State.SIGNED_OFF, Request(Action.SIGN_OFF), CHIEF, IN_WINDOW, "proposed, accepted or"),
        (State.DISPUTED, Request(Action.REFER), CHIEF, IN_WINDOW, "sets up no joint commission"),
        (State.PROPOSED, Request(Action.REFER), CHIEF, IN_WINDOW, "only a disputed finding"),
        (State.DISPUTED, DECIDE_UPHELD, COMMISSION, IN_WINDOW, "only a finding under review"),
        (State.UNDER_REVIEW, Request(Action.DECIDE, "r"), COMMISSION, IN_WINDOW, "upheld or"),
        (
            State.UNDER_REVIEW,
            Request(Action.DECIDE, outcome=Outcome.UPHELD),
            COMMISSION,
            IN_WINDOW,
            "a reason is required",
        ),
        (State.PROPOSED, Request(Action.WITHDRAW), CHIEF, IN_WINDOW, "a reason is required"),
        *[
            (final, Request(Action.WITHDRAW, "x"), CHIEF, IN_WINDOW, "not final")
            for final in sorted(FINAL)
        ],
    ],
)
def test_invalid_steps_are_refused_naming_the_rule(
    start: State, request_: Request, actor: Actor, now: datetime, rule: str
) -> None:
    with pytest.raises(AdjudicationError, match=rule) as caught:
        next_state(case(start), request_, actor, now)
    assert "FND-000012" in str(caught.value)


def test_with_a_joint_commission_a_dispute_must_be_referred_not_signed_off() -> None:
    subject = case(State.DISPUTED, rules=WITH_COMMISSION)
    with pytest.raises(AdjudicationError, match="joint commission: refer it"):
        next_state(subject, Request(Action.SIGN_OFF), CHIEF, AFTER_WINDOW)


def test_a_retired_finding_cannot_be_adjudicated() -> None:
    with pytest.raises(AdjudicationError, match="retired"):
        next_state(case(active=False), ACCEPT, RU, IN_WINDOW)


@pytest.mark.parametrize("action", [Action.REOPEN, Action.CARRY])
def test_re_evaluation_steps_are_not_taken_by_people(action: Action) -> None:
    with pytest.raises(AdjudicationError, match="taken by re-evaluation"):
        next_state(case(), Request(action), CHIEF, IN_WINDOW)


def test_the_reply_window_is_configurable_and_ends_exactly() -> None:
    short = case(rules=AdjudicationRules(reply_window=timedelta(hours=12)))
    assert short.reply_by == PROPOSED_AT + timedelta(hours=12)
    assert short.window_open(PROPOSED_AT + timedelta(hours=11, minutes=59))
    assert not short.window_open(PROPOSED_AT + timedelta(hours=12))


@pytest.mark.parametrize(
    ("state", "verdict", "party", "expected"),
    [
        (None, True, False, None),
        (State.PROPOSED, True, True, None),
        (State.SIGNED_OFF, True, False, Action.REOPEN),
        (State.UPHELD, False, True, Action.REOPEN),
        (State.WITHDRAWN, True, False, Action.REOPEN),
        (State.SIGNED_OFF, False, False, Action.CARRY),
        (State.DISPUTED, False, False, Action.CARRY),
    ],
)
def test_re_evaluation_reopens_an_adjudicated_finding_whose_verdict_changed(
    state: State | None, verdict: bool, party: bool, expected: Action | None
) -> None:
    assert after_reevaluation(state, verdict_changed=verdict, party_changed=party) is expected


@pytest.mark.parametrize("note", ["no colon", ": text only", "member:  "])
def test_dissent_needs_member_and_text(note: str) -> None:
    with pytest.raises(AdjudicationError, match="expected 'member: text'"):
        Dissent.parse(note)


def test_an_event_publishes_role_party_and_dissent_but_not_the_person() -> None:
    event = Event(
        "FND-000012",
        2,
        Action.DECIDE,
        State.UNDER_REVIEW,
        State.UPHELD,
        "user:jcc-secretary",
        "joint_commission",
        None,
        datetime(2025, 4, 25, 12, tzinfo=UTC),
        "crater analysis points east",
        outcome=Outcome.UPHELD,
        dissent=(Dissent("RU delegate", "analysis not shared"),),
    )
    note = event.public_note()
    assert note == (
        "2025-04-25 12:00 UTC, the joint commission decided: upheld (version 2): "
        "crater analysis points east; dissent of RU delegate: analysis not shared"
    )
    assert "jcc-secretary" not in note
    content = event.content()
    assert content["dissent"] == [{"member": "RU delegate", "text": "analysis not shared"}]
    assert content["at"] == "2025-04-25T12:00:00Z"
    assert "party" not in content and "reply" not in content
