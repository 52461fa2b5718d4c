"""The adjudication record: an append-only table of events, and ``findings.status`` kept in step.

Each event is stored with its canonical bytes (``Event.content`` of the event with the actor and
dissenting members as keyed pseudonyms; the names go to restricted columns), chained to the
finding's previous event by hash, and recorded in the outbox in the same transaction. Rows are never
updated or deleted; the finding's current state is the ``to_state`` of its last event (or
``proposed`` when it has none), mirrored in ``findings.status``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)

from ceasefire.core.compliance.adjudication import (
    Action,
    AdjudicationError,
    AdjudicationRules,
    Dissent,
    Event,
    FindingCase,
    Outcome,
    ReplyKind,
    State,
    after_reevaluation,
)
from ceasefire.core.errors import NotFound
from ceasefire.core.ledger.canonical import canonical_bytes, content_hash
from ceasefire.store.findings import evaluation_runs, findings
from ceasefire.store.pseudonyms import Pseudonym, reader_pseudonym, writer_pseudonym
from ceasefire.store.schema import metadata
from ceasefire.store.types import BigId, UTCTime

if TYPE_CHECKING:  # the unit of work imports the schema, which imports this module
    from ceasefire.store.unit_of_work import UnitOfWork

adjudication_events = Table(
    "adjudication_events",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("finding_id", String(20), nullable=False),
    Column("finding_version", Integer, nullable=False),
    Column("action", String(16), nullable=False),
    Column("from_state", String(20), nullable=True),
    Column("to_state", String(20), nullable=False),
    Column("actor", String(220), nullable=False),
    Column("role", String(30), nullable=False),
    Column("party", String(20), nullable=True),
    Column("at", UTCTime, nullable=False),
    Column("text", Text, nullable=False),
    Column("canonical", LargeBinary, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("actor_user", String(220), nullable=True),
    Column("dissent_members", Text, nullable=True),
)
"""``actor`` and the dissenting members in ``canonical`` are keyed pseudonyms; ``actor_user`` and
``dissent_members`` (a JSON list of names, in the order of the dissent) are restricted: never
exported, read only with ``READ_RESTRICTED``. Both are NULL for events recorded before migration
0010, whose bytes still name the actor."""
Index("ix_adjudication_events_finding_id", adjudication_events.c.finding_id)


def load_case(
    connection: Connection, finding_id: str, rules: AdjudicationRules, *, lock: bool = False
) -> tuple[FindingCase, str, str]:
    """The finding as the state machine sees it, its content hash and its agreement ID.

    The reply window runs from the evaluation run that produced the current version. With
    ``lock`` the finding's row is locked until the transaction ends (PostgreSQL; SQLite's
    ``BEGIN IMMEDIATE`` already serialises writers).
    """
    query = (
        select(
            findings.c.finding_id,
            findings.c.version,
            findings.c.status,
            findings.c.responsible_party,
            findings.c.active,
            findings.c.content_hash,
            findings.c.agreement_id,
            evaluation_runs.c.started_at,
        )
        .join(evaluation_runs, evaluation_runs.c.id == findings.c.run_id)
        .where(findings.c.finding_id == finding_id)
    )
    if lock:
        query = query.with_for_update(of=findings)
    row = connection.execute(query).one_or_none()
    if row is None:
        raise NotFound(f"finding {finding_id!r} not found (see `ceasefire findings list`)")
    case = FindingCase(
        finding_id=row.finding_id,
        version=row.version,
        state=State(row.status),
        responsible_party=row.responsible_party,
        proposed_at=row.started_at,
        rules=rules,
        active=bool(row.active),
    )
    return case, str(row.content_hash), str(row.agreement_id)


def last_event_hash(connection: Connection, finding_id: str) -> str | None:
    """The content hash of the finding's latest event (the link the next event carries)."""
    return connection.execute(
        select(adjudication_events.c.content_hash)
        .where(adjudication_events.c.finding_id == finding_id)
        .order_by(adjudication_events.c.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def append_event(uow: UnitOfWork, event: Event) -> int:
    """Store ``event``, move ``findings.status`` to its ``to_state`` and record it in the outbox.

    ``event`` names who acted (and the dissenting members); the stored bytes carry their keyed
    pseudonyms (:meth:`Event.pseudonymised`) and the names go to the restricted ``actor_user``
    and ``dissent_members`` columns. The status update is guarded by ``from_state``: if another
    writer moved the finding first, nothing is written and :class:`AdjudicationError` says so.
    """
    connection = uow.connection
    committed = event.pseudonymised(writer_pseudonym(connection))
    data = canonical_bytes(committed.content())
    digest = content_hash(data)
    guard = findings.c.finding_id == event.finding_id
    if event.from_state is not None:
        guard = guard & (findings.c.status == event.from_state.value)
    moved = connection.execute(update(findings).where(guard).values(status=event.to_state.value))
    if moved.rowcount != 1:
        raise AdjudicationError(
            f"{event.finding_id} changed while you acted on it; look at its history and retry"
        )
    members = [d.member for d in event.dissent]
    event_id = connection.execute(
        insert(adjudication_events)
        .values(
            finding_id=event.finding_id,
            finding_version=event.finding_version,
            action=event.action.value,
            from_state=event.from_state.value if event.from_state else None,
            to_state=event.to_state.value,
            actor=committed.actor,
            role=event.role,
            party=event.party,
            at=event.at,
            text=event.text,
            canonical=data,
            content_hash=digest,
            actor_user=event.actor,
            dissent_members=json.dumps(members) if members else None,
        )
        .returning(adjudication_events.c.id)
    ).scalar_one()
    uow.record(
        f"finding.{event.action.value}",
        "finding",
        f"finding:{event.finding_id}",
        {
            "adjudication_event_sha256": digest,
            "finding_id": event.finding_id,
            "finding_version": event.finding_version,
            "to_state": event.to_state.value,
        },
    )
    return int(event_id)


def events_of(connection: Connection, finding_id: str, *, identities: bool = False) -> list[Event]:
    """The finding's adjudication events, oldest first, read back from their stored bytes.

    With ``identities`` (a reader holding ``READ_RESTRICTED``) each event names who acted and
    the dissenting members, from the restricted columns; without, they are keyed pseudonyms
    (events recorded before migration 0010 name them in their bytes: they are pseudonymised
    here, as the ledger shows them)."""
    rows = connection.execute(
        select(
            adjudication_events.c.canonical,
            adjudication_events.c.actor_user,
            adjudication_events.c.dissent_members,
        )
        .where(adjudication_events.c.finding_id == finding_id)
        .order_by(adjudication_events.c.id)
    ).all()
    hide: Pseudonym | None = None
    found = []
    for row in rows:
        event = _event(json.loads(row.canonical))
        if row.actor_user is not None:
            if identities:
                members = json.loads(row.dissent_members) if row.dissent_members else []
                event = event.identified(str(row.actor_user), [str(m) for m in members])
        elif not identities:  # recorded before 0010: its bytes name the actor
            hide = hide or reader_pseudonym(connection)
            event = event.pseudonymised(hide)
        found.append(event)
    return found


def _event(body: dict[str, object]) -> Event:
    from datetime import datetime

    def text(key: str) -> str | None:
        value = body.get(key)
        return None if value is None else str(value)

    dissent = body.get("dissent") or []
    assert isinstance(dissent, list)
    reply, outcome, from_state = text("reply"), text("outcome"), text("from_state")
    return Event(
        finding_id=str(body["finding_id"]),
        finding_version=int(str(body["finding_version"])),
        action=Action(str(body["action"])),
        from_state=State(from_state) if from_state else None,
        to_state=State(str(body["to_state"])),
        actor=str(body["actor"]),
        role=str(body["role"]),
        party=text("party"),
        at=datetime.fromisoformat(str(body["at"])),
        text=text("text") or "",
        reply=ReplyKind(reply) if reply else None,
        outcome=Outcome(outcome) if outcome else None,
        dissent=tuple(Dissent(str(d["member"]), str(d["text"])) for d in dissent),
        finding_sha256=text("finding_sha256") or "",
        previous=text("previous_event_sha256"),
    )


def reopen_changed(
    uow: UnitOfWork,
    finding_id: str,
    *,
    status: str,
    old_verdict: str,
    new_verdict: str,
    old_party: object,
    new_party: object,
    version: int,
    finding_sha256: str,
) -> Action | None:
    """Keep adjudication honest when re-evaluation gives a finding a new version.

    Call it from ``evaluate`` right after the finding's row is updated to ``version``. A finding
    people have acted on goes back to ``proposed`` when its verdict or responsible party changed
    (``reopen``: the event links the previous adjudication by hash and names the old state);
    a change of wording alone keeps the state and notes the new version (``carry``). Returns the
    action recorded, or ``None`` when nothing needed recording.
    """
    state = State(status)
    action = after_reevaluation(
        state, verdict_changed=old_verdict != new_verdict, party_changed=old_party != new_party
    )
    if action is None:
        return None
    change = f"verdict {old_verdict} → {new_verdict}" if old_verdict != new_verdict else ""
    if old_party != new_party:
        change += ("; " if change else "") + f"party held responsible {old_party} → {new_party}"
    note = (
        f"version {version}: {change}; the {state.value} adjudication of version {version - 1} "
        "stays in the history"
        if action is Action.REOPEN
        else f"version {version} reworded; {state.value} carried over from version {version - 1}"
    )
    actor = uow.actor
    append_event(
        uow,
        Event(
            finding_id=finding_id,
            finding_version=version,
            action=action,
            from_state=state,
            to_state=State.PROPOSED if action is Action.REOPEN else state,
            actor=actor.ref,
            role=actor.role.value,
            party=actor.party,
            at=uow.now,
            text=note,
            finding_sha256=finding_sha256,
            previous=last_event_hash(uow.connection, finding_id),
        ),
    )
    return action
