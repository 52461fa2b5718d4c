"""``ceasefire adjudicate``: people's steps on findings, their history, and replies falling due.

Each step is checked by the pure state machine (``ceasefire.core.compliance.adjudication``),
stored as an append-only event with actor, role, party, time and text, mirrored in
``findings.status`` and recorded in the outbox, all in one unit of work. The event's bytes carry
the actor's keyed pseudonym (the ledger's); who acted is kept in a restricted column, and
:func:`history` shows it only to roles that read restricted data (analysts, the chief monitor,
administrators). See docs/adjudication.md.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, select

from ceasefire.core.access import Permission, acting, authorize, party_scope, sees_restricted
from ceasefire.core.actor import Actor
from ceasefire.core.compliance.adjudication import (
    AdjudicationRules,
    Event,
    FindingCase,
    Request,
    State,
    next_state,
)
from ceasefire.core.errors import NotFound
from ceasefire.store.adjudication import append_event, events_of, last_event_hash, load_case
from ceasefire.store.database import Store
from ceasefire.store.findings import evaluation_runs, findings
from ceasefire.workflows.agreements import get_agreement


def agreement_rules(store: Store, agreement_id: str) -> AdjudicationRules:
    """The adjudication rules an agreement sets in its ``monitoring`` section: the reply
    window and whether a joint commission reviews disputes (48 h and none when absent, or when
    the agreement is not in this store)."""
    try:
        monitoring = get_agreement(store, agreement_id).monitoring_settings
    except NotFound:
        return AdjudicationRules()
    return AdjudicationRules(
        reply_window=timedelta(hours=monitoring.reply_window_hours),
        joint_commission=monitoring.joint_commission is not None,
    )


def adjudicate(
    store: Store,
    actor: Actor,
    finding_id: str,
    request: Request,
    *,
    now: datetime | None = None,
    rules: AdjudicationRules | None = None,
) -> Event:
    """Take one step on a finding as ``actor``; return the recorded event.

    ``rules`` overrides the agreement's adjudication rules (tests, or a mission setting);
    ``now`` fixes the clock. Raises ``PermissionDenied`` or ``AdjudicationError`` naming the
    rule a refused step breaks, ``NotFound`` for an unknown finding.
    """
    with store.unit_of_work(actor, now=now) as uow:
        connection = uow.connection
        case, sha256, agreement_id = load_case(
            connection, finding_id, rules or AdjudicationRules(), lock=True
        )
        if rules is None:
            case = _with_rules(case, agreement_rules(store, agreement_id))
        to_state = next_state(case, request, actor, uow.now)
        event = Event(
            finding_id=case.finding_id,
            finding_version=case.version,
            action=request.action,
            from_state=case.state,
            to_state=to_state,
            actor=actor.ref,
            role=actor.role.value,
            party=actor.party,
            at=uow.now,
            text=request.text.strip(),
            reply=request.reply,
            outcome=request.outcome,
            dissent=request.dissent,
            finding_sha256=sha256,
            previous=last_event_hash(connection, case.finding_id),
        )
        append_event(uow, event)
    return event


def _with_rules(case: FindingCase, rules: AdjudicationRules) -> FindingCase:
    return replace(case, rules=rules)


@dataclass(frozen=True)
class FindingHistory:
    """A finding's adjudication: where it stands, its reply window and every step taken."""

    case: FindingCase
    verdict: str
    events: list[Event]

    @property
    def published_notes(self) -> list[str]:
        """What is published beside the finding: replies, disputes, decisions and dissent."""
        return [event.public_note() for event in self.events]


def history(
    store: Store,
    finding_id: str,
    *,
    rules: AdjudicationRules | None = None,
    actor: Actor | None = None,
) -> FindingHistory:
    """The finding's current state and its complete adjudication history, oldest first.

    Each event names who acted (and the dissenting members) for a reader holding
    ``READ_RESTRICTED``; for the others they are keyed pseudonyms beside role and party."""
    reader = acting(actor)
    with store.reader.connect() as connection:
        case, _sha, agreement_id = load_case(connection, finding_id, AdjudicationRules())
        authorize(reader, Permission.READ_FINDINGS, party=case.responsible_party or "-")
        case = _with_rules(case, rules or agreement_rules(store, agreement_id))
        verdict = connection.execute(
            select(findings.c.verdict).where(findings.c.finding_id == finding_id)
        ).scalar_one()
        return FindingHistory(
            case=case,
            verdict=str(verdict),
            events=events_of(connection, finding_id, identities=sees_restricted(reader)),
        )


@dataclass(frozen=True)
class DueReply:
    """A proposed finding whose reply window is still open."""

    finding_id: str
    responsible_party: str
    verdict: str
    reply_by: datetime


def due(
    store: Store,
    within: timedelta,
    *,
    now: datetime | None = None,
    party: str | None = None,
    rules: AdjudicationRules | None = None,
    actor: Actor | None = None,
) -> list[DueReply]:
    """Proposed findings whose reply window closes within ``within`` of ``now``, soonest first."""
    actor = acting(actor)
    authorize(actor, Permission.READ_FINDINGS, party=party)
    party = party_scope(actor, Permission.READ_FINDINGS) or party
    now = now or datetime.now(UTC)
    f, runs = findings, evaluation_runs
    open_to_reply = and_(
        f.c.active.is_(True),
        f.c.status == State.PROPOSED.value,
        f.c.responsible_party.is_not(None),
    )
    if party is not None:
        open_to_reply = and_(open_to_reply, f.c.responsible_party == party)
    found: list[DueReply] = []
    with store.reader.connect() as connection:
        agreements = connection.execute(
            select(f.c.agreement_id).where(open_to_reply).distinct()
        ).scalars()
        for agreement_id in sorted(agreements, key=str):  # None: the mission's own findings
            window = (rules or agreement_rules(store, agreement_id)).reply_window
            query = (
                select(f.c.finding_id, f.c.responsible_party, f.c.verdict, runs.c.started_at)
                .join(runs, runs.c.id == f.c.run_id)
                .where(
                    open_to_reply,
                    f.c.agreement_id == agreement_id,
                    runs.c.started_at > now - window,
                    runs.c.started_at <= now + within - window,
                )
            )
            found.extend(
                DueReply(r.finding_id, r.responsible_party, r.verdict, r.started_at + window)
                for r in connection.execute(query)
            )
    return sorted(found, key=lambda d: (d.reply_by, d.finding_id))
