"""Adjudication of findings: a small state machine saying who may take which step, and when.

A finding is *proposed* when evaluation produces it. The party it holds responsible has a reply
window (48 hours by default) to accept or contest it; the chief monitor signs it off after the
window closes or after an accepting reply. A contested finding is *disputed*; where the agreement
sets up a joint commission the chief monitor refers it (*under review*) and the commission
upholds or overturns it, with each member's dissent recorded. The chief monitor can withdraw a
finding that is not final. Replies, disputes and dissent are published beside the finding.

>>> from datetime import UTC, datetime
>>> from ceasefire.core.actor import Actor, Role
>>> case = FindingCase("FND-000012", 1, State.PROPOSED, "RU",
...                    proposed_at=datetime(2025, 4, 20, 8, tzinfo=UTC))
>>> liaison = Actor(user="olga", role=Role.PARTY_LIAISON, party="RU")
>>> next_state(case, Request(Action.REPLY, "we accept", reply=ReplyKind.ACCEPT),
...            liaison, datetime(2025, 4, 21, 8, tzinfo=UTC))
<State.ACCEPTED: 'accepted'>
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from ceasefire.core.access.policy import Permission, allows
from ceasefire.core.actor import Actor, Role
from ceasefire.core.errors import CeasefireError, PermissionDenied
from ceasefire.core.ledger.canonical import utc_text

DEFAULT_REPLY_WINDOW = timedelta(hours=48)
"""The reply window when the agreement sets none (the agreement model has no field for it yet)."""


class AdjudicationError(CeasefireError):
    """A step that the finding's state, the reply window or the agreement does not allow."""


class State(StrEnum):
    """Where a finding stands in adjudication (``findings.status``)."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DISPUTED = "disputed"
    SIGNED_OFF = "signed_off"
    UNDER_REVIEW = "under_review"
    UPHELD = "upheld"
    OVERTURNED = "overturned"
    WITHDRAWN = "withdrawn"


FINAL = frozenset({State.UPHELD, State.OVERTURNED, State.WITHDRAWN})
"""States no person can move a finding out of (only a changed re-evaluation reopens it)."""


class Action(StrEnum):
    """A step of adjudication; ``reopen`` and ``carry`` are taken by re-evaluation."""

    PROPOSE = "propose"
    REPLY = "reply"
    DISPUTE = "dispute"
    SIGN_OFF = "sign_off"
    REFER = "refer"
    DECIDE = "decide"
    WITHDRAW = "withdraw"
    REOPEN = "reopen"
    CARRY = "carry"


class ReplyKind(StrEnum):
    """What a party's reply says about the finding."""

    ACCEPT = "accept"
    CONTEST = "contest"


class Outcome(StrEnum):
    """The joint commission's decision."""

    UPHELD = "upheld"
    OVERTURNED = "overturned"


@dataclass(frozen=True)
class AdjudicationRules:
    """What an agreement sets for adjudication (its ``monitoring`` section): the reply window
    and whether a joint commission reviews disputes; 48 h and none by default."""

    reply_window: timedelta = DEFAULT_REPLY_WINDOW
    joint_commission: bool = False


@dataclass(frozen=True)
class Dissent:
    """One commission member's dissent from a decision."""

    member: str
    text: str

    @classmethod
    def parse(cls, note: str) -> Dissent:
        """Read ``"member: text"``.

        >>> Dissent.parse("UA delegate: the crater analysis was not shared")
        Dissent(member='UA delegate', text='the crater analysis was not shared')
        """
        member, sep, text = note.partition(":")
        if not sep or not member.strip() or not text.strip():
            raise AdjudicationError(f"dissent {note!r}: expected 'member: text'")
        return cls(member.strip(), text.strip())


@dataclass(frozen=True)
class FindingCase:
    """What the state machine needs to know about one finding (its current version)."""

    finding_id: str
    version: int
    state: State | None
    responsible_party: str | None
    proposed_at: datetime
    rules: AdjudicationRules = field(default_factory=AdjudicationRules)
    active: bool = True

    @property
    def reply_by(self) -> datetime | None:
        """When the reply window closes; ``None`` when no party is held responsible."""
        if self.responsible_party is None:
            return None
        return self.proposed_at + self.rules.reply_window

    def window_open(self, now: datetime) -> bool:
        """Whether the party held responsible can still reply at ``now``."""
        reply_by = self.reply_by
        return reply_by is not None and now < reply_by


@dataclass(frozen=True)
class Request:
    """A step someone asks to take: the action and what comes with it."""

    action: Action
    text: str = ""
    reply: ReplyKind | None = None
    outcome: Outcome | None = None
    dissent: tuple[Dissent, ...] = ()


PERMISSION_OF = {
    Action.PROPOSE: Permission.ADJUDICATE_PROPOSE,
    Action.REPLY: Permission.ADJUDICATE_REPLY,
    Action.DISPUTE: Permission.ADJUDICATE_DISPUTE,
    Action.SIGN_OFF: Permission.ADJUDICATE_SIGN_OFF,
    Action.REFER: Permission.ADJUDICATE_REFER,
    Action.DECIDE: Permission.ADJUDICATE_DECIDE,
    Action.WITHDRAW: Permission.ADJUDICATE_WITHDRAW,
}
"""The permission of ``ceasefire.core.access`` each step needs (who holds it: its MATRIX)."""
_WHO = {
    Action.PROPOSE: "an analyst or the chief monitor can propose",
    Action.REPLY: "only the party liaison of the party held responsible can reply to",
    Action.DISPUTE: "only the party liaison of the party held responsible can dispute",
    Action.SIGN_OFF: "only the chief monitor can sign off",
    Action.REFER: "only the chief monitor can refer",
    Action.DECIDE: "only the joint commission can decide on",
    Action.WITHDRAW: "only the chief monitor can withdraw",
}
_ALLOWED_FROM: dict[Action, frozenset[State | None]] = {
    Action.PROPOSE: frozenset({None}),
    Action.REPLY: frozenset({State.PROPOSED}),
    Action.DISPUTE: frozenset({State.PROPOSED, State.ACCEPTED}),
    Action.SIGN_OFF: frozenset({State.PROPOSED, State.ACCEPTED, State.DISPUTED}),
    Action.REFER: frozenset({State.DISPUTED}),
    Action.DECIDE: frozenset({State.UNDER_REVIEW}),
    Action.WITHDRAW: frozenset(set(State) - FINAL),
}
_FROM = {
    Action.PROPOSE: "a finding not yet in adjudication",
    Action.REPLY: "a proposed finding",
    Action.DISPUTE: "a proposed or accepted finding",
    Action.SIGN_OFF: "a proposed, accepted or disputed finding",
    Action.REFER: "a disputed finding",
    Action.DECIDE: "a finding under review",
    Action.WITHDRAW: "a finding that is not final",
}


def _refuse(case: FindingCase, request: Request, why: str) -> AdjudicationError:
    state = case.state.value if case.state else "not in adjudication"
    return AdjudicationError(
        f"cannot {request.action.value.replace('_', ' ')} {case.finding_id} ({state}): {why}"
    )


def _check_role(case: FindingCase, request: Request, actor: Actor) -> None:
    action = request.action
    permission = PERMISSION_OF.get(action)
    if permission is None:
        raise AdjudicationError(f"{action.value} is taken by re-evaluation, not by a person")
    if not allows(actor.role, permission):
        raise PermissionDenied(
            f"{_WHO[action]} a finding; you act as {actor.role.value} ({case.finding_id})"
        )
    if actor.role is Role.PARTY_LIAISON:
        if case.responsible_party is None:
            raise PermissionDenied(
                f"{case.finding_id} holds no party responsible; there is nothing to "
                f"{action.value} as a party"
            )
        if actor.party != case.responsible_party:
            raise PermissionDenied(
                f"only the party held responsible can {action.value}; {case.finding_id} holds "
                f"{case.responsible_party} responsible (you act for {actor.party or 'no party'})"
            )


def _in_window(case: FindingCase, request: Request, now: datetime) -> None:
    if case.reply_by is not None and now >= case.reply_by:
        raise _refuse(case, request, f"the reply window closed at {utc_text(case.reply_by)}")


def next_state(case: FindingCase, request: Request, actor: Actor, now: datetime) -> State:
    """The state ``request`` by ``actor`` at ``now`` moves ``case`` to, or the rule it breaks.

    Raises :class:`PermissionDenied` for the wrong role or party and :class:`AdjudicationError`
    for a step the state, the window or the agreement does not allow.
    """
    _check_role(case, request, actor)
    action, state = request.action, case.state
    if not case.active:
        raise _refuse(case, request, "the finding is retired (its incident is gone)")
    allowed_from = _ALLOWED_FROM[action]
    if state not in allowed_from:
        raise _refuse(case, request, f"only {_FROM[action]} allows this")
    if action in (Action.DISPUTE, Action.WITHDRAW, Action.DECIDE) and not request.text.strip():
        what = "a reason" if action is not Action.DISPUTE else "the party's grounds"
        raise _refuse(case, request, f"{what} is required (--text/--reason)")
    if action is Action.PROPOSE:
        return State.PROPOSED
    if action is Action.REPLY:
        _in_window(case, request, now)
        if request.reply is None:
            raise _refuse(case, request, "say whether the reply accepts or contests")
        if request.reply is ReplyKind.ACCEPT:
            return State.ACCEPTED
        if not request.text.strip():
            raise _refuse(case, request, "a contesting reply needs its grounds (--text)")
        return State.DISPUTED
    if action is Action.DISPUTE:
        _in_window(case, request, now)
        return State.DISPUTED
    if action is Action.SIGN_OFF:
        reply_by = case.reply_by
        if state is State.PROPOSED and reply_by is not None and now < reply_by:
            raise _refuse(
                case,
                request,
                f"{case.responsible_party} may reply until {utc_text(reply_by)}; sign off "
                "after the window closes or after the party accepts",
            )
        if state is State.DISPUTED and case.rules.joint_commission:
            raise _refuse(case, request, "the agreement has a joint commission: refer it")
        return State.SIGNED_OFF
    if action is Action.REFER:
        if not case.rules.joint_commission:
            raise _refuse(case, request, "the agreement sets up no joint commission")
        return State.UNDER_REVIEW
    if action is Action.DECIDE:
        if request.outcome is None:
            raise _refuse(case, request, "say whether the finding is upheld or overturned")
        return State(request.outcome.value)
    return State.WITHDRAWN


def after_reevaluation(
    state: State | None, *, verdict_changed: bool, party_changed: bool
) -> Action | None:
    """What a re-evaluation that produced a new version does to the adjudication.

    A finding still merely proposed (or never adjudicated) needs nothing: its reply window runs
    from the new version. Once people have acted on it, a changed verdict or responsible party
    sends the new version back to ``proposed`` (``reopen``, linking the previous adjudication);
    a change of wording alone keeps the state and notes it (``carry``).

    >>> after_reevaluation(State.SIGNED_OFF, verdict_changed=True, party_changed=False)
    <Action.REOPEN: 'reopen'>
    >>> after_reevaluation(State.PROPOSED, verdict_changed=True, party_changed=False) is None
    True
    """
    if state is None or state is State.PROPOSED:
        return None
    return Action.REOPEN if verdict_changed or party_changed else Action.CARRY


@dataclass(frozen=True)
class Event:
    """One recorded step of a finding's adjudication (a row of ``adjudication_events``).

    ``actor`` is who acted (``user:NAME``) as a workflow takes the step; the stored bytes carry
    :meth:`pseudonymised` (the actor and dissenting members as keyed pseudonyms), and a read
    restores the names (:meth:`identified`) only for roles that may see them.
    """

    finding_id: str
    finding_version: int
    action: Action
    from_state: State | None
    to_state: State
    actor: str
    role: str
    party: str | None
    at: datetime
    text: str = ""
    reply: ReplyKind | None = None
    outcome: Outcome | None = None
    dissent: tuple[Dissent, ...] = ()
    finding_sha256: str = ""
    previous: str | None = None

    def content(self) -> dict[str, object]:
        """The canonical content of the event (no floats; times as UTC text)."""
        body: dict[str, object] = {
            "finding_id": self.finding_id,
            "finding_version": self.finding_version,
            "finding_sha256": self.finding_sha256,
            "action": self.action.value,
            "from_state": self.from_state.value if self.from_state else None,
            "to_state": self.to_state.value,
            "actor": self.actor,
            "role": self.role,
            "party": self.party,
            "at": utc_text(self.at),
            "text": self.text,
            "reply": self.reply.value if self.reply else None,
            "outcome": self.outcome.value if self.outcome else None,
            "dissent": [{"member": d.member, "text": d.text} for d in self.dissent],
            "previous_event_sha256": self.previous,
        }
        return {k: v for k, v in body.items() if v not in (None, "", [])}

    def pseudonymised(self, pseudonym: Callable[[str], str]) -> Event:
        """The event as the record commits to it: the actor and each dissenting member replaced
        by ``pseudonym`` of them (role, party and texts unchanged).

        >>> from datetime import UTC, datetime
        >>> e = Event("FND-000012", 1, Action.DECIDE, State.UNDER_REVIEW, State.UPHELD,
        ...           "user:jcc", "joint_commission", None, datetime(2025, 4, 25, tzinfo=UTC),
        ...           "r", outcome=Outcome.UPHELD, dissent=(Dissent("RU delegate", "no"),))
        >>> p = e.pseudonymised(lambda name: "p:" + name[:2])
        >>> p.actor, p.dissent
        ('p:us', (Dissent(member='p:RU', text='no'),))
        """
        return replace(
            self,
            actor=pseudonym(self.actor),
            dissent=tuple(Dissent(pseudonym(d.member), d.text) for d in self.dissent),
        )

    def identified(self, actor: str, members: Sequence[str]) -> Event:
        """The event with who acted and the dissenting members' names put back (from the
        restricted columns), for a reader allowed to see them."""
        if len(members) != len(self.dissent):
            raise ValueError(
                f"{self.finding_id}: {len(members)} dissent names for {len(self.dissent)} dissents"
            )
        return replace(
            self,
            actor=actor,
            dissent=tuple(Dissent(m, d.text) for m, d in zip(members, self.dissent, strict=True)),
        )

    def public_note(self) -> str:
        """The line published beside the finding: role and party, never the person.

        >>> from datetime import UTC, datetime
        >>> Event("FND-000012", 1, Action.REPLY, State.PROPOSED, State.DISPUTED, "user:olga",
        ...       "party_liaison", "RU", datetime(2025, 4, 21, 8, tzinfo=UTC), "not our unit",
        ...       reply=ReplyKind.CONTEST).public_note()
        '2025-04-21 08:00 UTC, RU (party liaison) contested (version 1): not our unit'
        """
        who = self.role.replace("_", " ")
        if self.party:
            who = f"{self.party} ({who})"
        verb = {
            Action.PROPOSE: "proposed",
            Action.REPLY: "accepted" if self.reply is ReplyKind.ACCEPT else "contested",
            Action.DISPUTE: "disputed",
            Action.SIGN_OFF: "signed off",
            Action.REFER: "referred to the joint commission",
            Action.DECIDE: f"decided: {self.outcome.value if self.outcome else '?'}",
            Action.WITHDRAW: "withdrew",
            Action.REOPEN: "re-evaluation changed the finding; back to proposed",
            Action.CARRY: f"re-evaluation reworded the finding; stays {self.to_state.value}",
        }[self.action]
        if self.action is Action.DECIDE:
            who = "the joint commission"
        line = f"{self.at.strftime('%Y-%m-%d %H:%M')} UTC, {who} {verb}"
        line += f" (version {self.finding_version})"
        if self.text:
            line += f": {self.text}"
        for dissent in self.dissent:
            line += f"; dissent of {dissent.member}: {dissent.text}"
        return line
